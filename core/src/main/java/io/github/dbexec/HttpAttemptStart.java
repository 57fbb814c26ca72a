package io.github.dbexec;

import java.util.Objects;

/**
 * One HTTP request to the Jobs API is about to be sent, as told to {@link ExecutorListener#attemptStart}. Immutable.
 *
 * @param method the HTTP method, {@code "GET"} or {@code "POST"}
 * @param endpoint the Jobs API endpoint relative to {@code /api/2.x/}, without query: {@code "jobs/run-now"},
 *     {@code "jobs/runs/get"}, ... — a bounded set, never a run id or a parameter
 * @param attempt the number of this attempt at the same request, starting at 1 (greater after a retry)
 */
public record HttpAttemptStart(String method, String endpoint, int attempt) {

  /**
   * Validates the components.
   * @param method the HTTP method, {@code "GET"} or {@code "POST"}
   * @param endpoint the Jobs API endpoint relative to {@code /api/2.x/}, without query: {@code "jobs/run-now"},
   *     {@code "jobs/runs/get"}, ... — a bounded set, never a run id or a parameter
   * @param attempt the number of this attempt at the same request, starting at 1 (greater after a retry)
   */
  public HttpAttemptStart {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(endpoint, "endpoint");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }
}
