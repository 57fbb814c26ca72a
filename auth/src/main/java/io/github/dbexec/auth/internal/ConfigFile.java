package io.github.dbexec.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed {@code ~/.databrickscfg}: INI sections ({@code [DEFAULT]}, {@code [prod]}) of {@code key = value}
 * lines ({@code :} also separates), comments starting with {@code #} or {@code ;}. Keys are lower-cased,
 * values trimmed; a repeated section or key: the last one wins. Sections do not inherit from
 * {@code [DEFAULT]}. Lines that cannot be parsed are skipped (logged by line number, never by content).
 */
public final class ConfigFile {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);

  private final Path path;
  private final Map<String, Map<String, String>> sections;

  private ConfigFile(Path path, Map<String, Map<String, String>> sections) {
    this.path = path;
    this.sections = sections;
  }

  /** Reads and parses {@code path}. */
  public static ConfigFile read(Path path) throws IOException {
    return parse(path, Files.readAllLines(path, StandardCharsets.UTF_8));
  }

  static ConfigFile parse(Path path, List<String> lines) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int separator = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
      if (separator <= 0 || current == null) {
        LOG.debug("{} line {}: not a [section] or key = value inside a section; skipped", path, number);
        continue;
      }
      current.put(line.substring(0, separator).strip().toLowerCase(Locale.ROOT), line.substring(separator + 1).strip());
    }
    return new ConfigFile(path, sections);
  }

  /** The file read. */
  public Path path() {
    return path;
  }

  /** The profile (section) names, in file order. */
  public List<String> profiles() {
    return List.copyOf(sections.keySet());
  }

  /** The keys and values of {@code profile}, or null when the file has no such profile. */
  public @Nullable Map<String, String> profile(String profile) {
    Map<String, String> values = sections.get(profile);
    return values == null ? null : Collections.unmodifiableMap(values);
  }
}
