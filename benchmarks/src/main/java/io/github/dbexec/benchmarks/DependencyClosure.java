package io.github.dbexec.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the runtime dependency closure of raw OkHttp, dbexec-core and the official SDK: jars and MiB, and
 * dbexec's share of the SDK's. Argument: the {@code benchmarks/closure} directory (default
 * {@code benchmarks/closure}); resolve the probes first (see {@link Closures}).
 */
public final class DependencyClosure {
  private DependencyClosure() {}

  /** Jars and bytes of one closure. */
  public record Size(int jars, long bytes) {
    double mebibytes() {
      return bytes / (1024.0 * 1024.0);
    }
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/closure");
    Map<String, Size> sizes = measure(dir);
    System.out.println("| client | jars | MiB | MiB vs sdk |");
    System.out.println("|---|---:|---:|---:|");
    Size sdk = sizes.get("sdk");
    sizes.forEach((name, size) -> System.out.println("| " + name + " | " + size.jars() + " | "
        + Stats.fmt(size.mebibytes(), 2) + " | " + Stats.fmt((double) size.bytes() / sdk.bytes(), 3) + " |"));
    if (args.length > 1 && args[1].equals("--list")) {
      for (String name : Closures.NAMES) {
        System.out.println("\n" + name + ":");
        Closures.jars(dir, name).forEach(jar -> System.out.println("  " + jar.getFileName()));
      }
    }
  }

  /** The sizes of each closure, in {@link Closures#NAMES} order. */
  public static Map<String, Size> measure(Path closureDir) {
    Map<String, Size> sizes = new LinkedHashMap<>();
    for (String name : Closures.NAMES) {
      List<Path> jars = Closures.jars(closureDir, name);
      long bytes = 0;
      for (Path jar : jars) {
        try {
          bytes += Files.size(jar);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      sizes.put(name, new Size(jars.size(), bytes));
    }
    return sizes;
  }
}
