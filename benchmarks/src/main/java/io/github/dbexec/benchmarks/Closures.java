package io.github.dbexec.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime dependency closures of the three clients, as the probe projects under {@code benchmarks/closure/}
 * write them ({@code ./mvnw -q -o -f benchmarks/closure/NAME/pom.xml generate-resources} writes
 * {@code target/classpath.txt}).
 */
final class Closures {
  /** The probe names, in report order. */
  static final List<String> NAMES = List.of("okhttp", "dbexec", "sdk");

  private Closures() {}

  /**
   * The jars of one closure.
   *
   * @param closureDir {@code benchmarks/closure}
   * @throws IllegalStateException naming the command to run when the probe has not been resolved
   */
  static List<Path> jars(Path closureDir, String name) {
    Path file = closureDir.resolve(name).resolve("target/classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: run ./mvnw -q -o -f " + closureDir.resolve(name)
          + "/pom.xml generate-resources");
    }
    try {
      List<Path> jars = new ArrayList<>();
      for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          jars.add(Path.of(entry));
        }
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
