package io.github.dbexec;

/**
 * The Jobs REST API version the executor calls. Both versions take the same paths and bodies; jobs created through
 * 2.2 have queueing on by default, and 2.2 pages long arrays in {@code jobs/get} and {@code runs/get}.
 */
public enum JobsApiVersion {
  /** {@code /api/2.1/jobs/...}. */
  V2_1("2.1"),
  /** {@code /api/2.2/jobs/...}; what the official SDKs call, and the default. */
  V2_2("2.2");

  private final String path;

  JobsApiVersion(String path) {
    this.path = path;
  }

  /** {@return the version as it appears in the URL, e.g. {@code "2.2"}} */
  public String path() {
    return path;
  }
}
