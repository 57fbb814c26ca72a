package io.github.dbexec;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A library installed for a task of a one-time run: one element of a task's {@code libraries}. Create it with the
 * factory of its kind; immutable and thread-safe.
 *
 * <pre>{@code
 * Library.jar("dbfs:/jars/etl.jar")                                  // {"jar": "dbfs:/jars/etl.jar"}
 * Library.whl("/Volumes/main/default/wheels/etl-1.0-py3-none-any.whl") // {"whl": ...}
 * Library.pypi("requests==2.32.3")                                   // {"pypi": {"package": "requests==2.32.3"}}
 * Library.pypi("etl==1.0", "https://pypi.example.com/simple")        // {"pypi": {"package": .., "repo": ..}}
 * Library.maven("com.example:etl:1.2.0")                             // {"maven": {"coordinates": ..}}
 * Library.requirements("/Workspace/etl/requirements.txt")            // {"requirements": ..}
 * }</pre>
 *
 * <p>Serverless tasks take their Python dependencies from their {@link ServerlessEnvironment} instead.
 *
 * @param kind the kind, which names the Jobs API field
 * @param value the URI or path ({@code jar}, {@code whl}, {@code requirements}), the package specification
 *     ({@code pypi.package}) or the Maven coordinates ({@code maven.coordinates}); not blank
 * @param repo {@code pypi.repo} or {@code maven.repo}: the repository to install from; null for the default (PyPI,
 *     Maven Central); always null for the other kinds
 * @param exclusions {@code maven.exclusions}, e.g. {@code org.slf4j:slf4j-log4j12}; empty for the other kinds
 */
public record Library(Kind kind, String value, @Nullable String repo, List<String> exclusions) {
  /** The kinds of library, each named after its Jobs API field. */
  public enum Kind {
    /** {@code jar}: a JAR's URI (workspace file, volume, DBFS or cloud storage). */
    JAR("jar"),
    /** {@code whl}: a Python wheel's URI. */
    WHL("whl"),
    /** {@code pypi}: a PyPI package specification, optionally from another repository. */
    PYPI("pypi"),
    /** {@code maven}: Maven coordinates, optionally from another repository, with exclusions. */
    MAVEN("maven"),
    /** {@code requirements}: the path of a {@code requirements.txt} file. */
    REQUIREMENTS("requirements");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    /** {@return the Jobs API field, e.g. {@code pypi}} */
    public String field() {
      return field;
    }
  }

  /**
   * Checks the kind's rules.
   *
   * @param kind the kind, which names the Jobs API field
   * @param value the URI or path ({@code jar}, {@code whl}, {@code requirements}), the package specification
   *     ({@code pypi.package}) or the Maven coordinates ({@code maven.coordinates}); not blank
   * @param repo {@code pypi.repo} or {@code maven.repo}: the repository to install from; null for the default (PyPI,
   *     Maven Central); always null for the other kinds
   * @param exclusions {@code maven.exclusions}, e.g. {@code org.slf4j:slf4j-log4j12}; empty for the other kinds
   * @throws IllegalArgumentException for a blank value or repository, or a repository or exclusions where the kind
   *     has none
   */
  public Library {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    exclusions = List.copyOf(Objects.requireNonNull(exclusions, "exclusions"));
    if (value.isBlank()) {
      throw new IllegalArgumentException("a " + kind.field() + " library needs a value, was blank");
    }
    if (repo != null && (repo.isBlank() || (kind != Kind.PYPI && kind != Kind.MAVEN))) {
      throw new IllegalArgumentException(kind.field() + ".repo must be non-blank and only for pypi or maven, was '"
          + repo + "'");
    }
    if (!exclusions.isEmpty() && kind != Kind.MAVEN) {
      throw new IllegalArgumentException("exclusions are only for maven libraries, not " + kind.field());
    }
  }

  /**
   * {@code {"jar": uri}}.
   * @param uri the file's URI, e.g. {@code dbfs:/jars/etl.jar}, {@code /Volumes/main/libs/etl.whl} or {@code s3://...}
   * @return the library
   */
  public static Library jar(String uri) {
    return new Library(Kind.JAR, uri, null, List.of());
  }

  /**
   * {@code {"whl": uri}}.
   * @param uri the file's URI, e.g. {@code dbfs:/jars/etl.jar}, {@code /Volumes/main/libs/etl.whl} or {@code s3://...}
   * @return the library
   */
  public static Library whl(String uri) {
    return new Library(Kind.WHL, uri, null, List.of());
  }

  /**
   * {@code {"pypi": {"package": packageSpec}}}, e.g. {@code requests==2.32.3}, from PyPI.
   * @param packageSpec the PyPI package with an optional version, e.g. {@code requests==2.32.3}
   * @return the library
   */
  public static Library pypi(String packageSpec) {
    return new Library(Kind.PYPI, packageSpec, null, List.of());
  }

  /**
   * {@code {"pypi": {"package": packageSpec, "repo": repo}}}: from the index at {@code repo}.
   * @param packageSpec the PyPI package with an optional version, e.g. {@code requests==2.32.3}
   * @param repo the index URL, e.g. {@code https://pypi.example.com/simple}
   * @return the library
   */
  public static Library pypi(String packageSpec, String repo) {
    return new Library(Kind.PYPI, packageSpec, Objects.requireNonNull(repo, "repo"), List.of());
  }

  /**
   * {@code {"maven": {"coordinates": coordinates}}}, e.g. {@code com.example:etl:1.2.0}, from Maven Central.
   * @param coordinates Maven coordinates {@code groupId:artifactId:version}
   * @return the library
   */
  public static Library maven(String coordinates) {
    return new Library(Kind.MAVEN, coordinates, null, List.of());
  }

  /**
   * {@code {"maven": {"coordinates": .., "repo": .., "exclusions": [..]}}}.
   *
   * @param repo the Maven repository; null for Maven Central
   * @param exclusions {@code groupId:artifactId} of dependencies not to install
   * @param coordinates Maven coordinates {@code groupId:artifactId:version}
   * @return the library
   */
  public static Library maven(String coordinates, @Nullable String repo, List<String> exclusions) {
    return new Library(Kind.MAVEN, coordinates, repo, exclusions);
  }

  /**
   * {@code {"requirements": path}}: a {@code requirements.txt} in the workspace or a volume.
   * @param path the {@code requirements.txt} file's path, e.g. {@code /Workspace/etl/requirements.txt}
   * @return the library
   */
  public static Library requirements(String path) {
    return new Library(Kind.REQUIREMENTS, path, null, List.of());
  }
}
