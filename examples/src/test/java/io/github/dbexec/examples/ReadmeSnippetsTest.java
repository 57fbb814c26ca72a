package io.github.dbexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of README.md and testkit/README.md against this module's test class path,
 * so the documentation cannot drift from the API. A block of statements becomes a method body of a subclass of
 * {@link SnippetContext} (whose fields are the names snippets take from their surroundings); a block declaring a
 * type becomes that class's members. A block's {@code import} lines go to the top of its file. A block preceded by
 * {@code <!-- not compiled: reason -->} is skipped. Errors are reported at the README's own line numbers.
 */
class ReadmeSnippetsTest {
  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "^(@\\w+(\\(.*\\))?\\s+)*((public|final|abstract|static)\\s+)*(class|record|interface|enum)\\s+\\w+.*",
      Pattern.MULTILINE);
  private static final String NOT_COMPILED = "<!-- not compiled:";

  /** One generated source file, with the README line of each of its lines (0: a line of the wrapper). */
  record Unit(String className, String readme, String source, int[] readmeLines) {}

  @Test
  void readmeJavaSnippets_compileAgainstTheApi(@TempDir Path classes) throws IOException {
    Path root = projectRoot();
    List<Unit> units = new ArrayList<>();
    units.addAll(units(root, "README.md"));
    units.addAll(units(root, "testkit/README.md"));
    assertThat(units).as("java snippets found in README.md and testkit/README.md").hasSizeGreaterThan(10);

    List<String> errors = compile(units, classes);

    assertThat(errors).as("README snippets that do not compile").isEmpty();
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("testkit")) ? dir : dir.getParent();
  }

  static List<Unit> units(Path root, String readme) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve(readme), StandardCharsets.UTF_8);
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
        end++;
      }
      if (!skipped(lines, i)) {
        units.add(unit(readme, lines, start, end));
      }
      i = end;
    }
    return units;
  }

  private static boolean skipped(List<String> lines, int fence) {
    for (int j = fence - 1; j >= 0; j--) {
      String line = lines.get(j).strip();
      if (!line.isEmpty()) {
        return line.startsWith(NOT_COMPILED);
      }
    }
    return false;
  }

  /** Lines {@code [start, end)} of a README (0-based) as one compilation unit. */
  private static Unit unit(String readme, List<String> lines, int start, int end) {
    String className = "Snippet_" + readme.replaceAll("[^A-Za-z0-9]", "_") + "_" + (start + 1);
    List<String> imports = new ArrayList<>();
    List<Integer> importLines = new ArrayList<>();
    List<String> body = new ArrayList<>();
    List<Integer> bodyLines = new ArrayList<>();
    for (int i = start; i < end; i++) {
      String line = lines.get(i);
      if (line.startsWith("import ")) {
        imports.add(line);
        importLines.add(i + 1);
      } else {
        body.add(line);
        bodyLines.add(i + 1);
      }
    }
    boolean declaresType = TYPE_DECLARATION.matcher(String.join("\n", body)).find();
    StringBuilder source = new StringBuilder();
    List<Integer> map = new ArrayList<>();
    for (int i = 0; i < imports.size(); i++) {
      source.append(imports.get(i)).append('\n');
      map.add(importLines.get(i));
    }
    source.append("@SuppressWarnings(\"all\") public class ").append(className)
        .append(" extends io.github.dbexec.examples.SnippetContext {\n");
    map.add(0);
    if (!declaresType) {
      source.append("void snippet() throws Exception {\n");
      map.add(0);
    }
    for (int i = 0; i < body.size(); i++) {
      source.append(body.get(i)).append('\n');
      map.add(bodyLines.get(i));
    }
    source.append(declaresType ? "}\n" : "}}\n");
    map.add(0);
    return new Unit(className, readme, source.toString(), map.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<String> compile(List<Unit> units, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> sources = new ArrayList<>();
    for (Unit unit : units) {
      sources.add(new SimpleJavaFileObject(URI.create("string:///" + unit.className() + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return unit.source();
        }
      });
    }
    // Surefire runs tests from a manifest-only jar; it names the real test class path in this property
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> options = List.of("--release", "17", "-proc:none", "-classpath", classPath,
        "-d", classes.toString());
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      javac.getTask(null, files, diagnostics, options, null, sources).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Unit unit = units.stream().filter(u -> d.getSource() != null
          && d.getSource().getName().endsWith(u.className() + ".java")).findFirst().orElse(null);
      if (unit == null) {
        errors.add(d.getMessage(Locale.ROOT));
        continue;
      }
      int line = (int) d.getLineNumber();
      int readmeLine = line >= 1 && line <= unit.readmeLines().length ? unit.readmeLines()[line - 1] : 0;
      errors.add(unit.readme() + ":" + readmeLine + ": " + d.getMessage(Locale.ROOT));
    }
    return errors;
  }
}
