package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the Jobs API has ended — answered and read, answered with an error, or failed without an
 * answer — as told to {@link ExecutorListener#attemptEnd}. Immutable.
 *
 * @param method the HTTP method, as in {@link HttpAttemptStart}
 * @param endpoint the endpoint, as in {@link HttpAttemptStart}
 * @param attempt the number of this attempt, as in {@link HttpAttemptStart}
 * @param statusCode the HTTP status of the answer; null when no answer arrived (connection failure, timeout)
 * @param duration from sending the request to reading the answer (or failing), on the monotonic clock
 * @param failure what this attempt failed with, before any retry: the workspace's error answer or the transport
 *     failure; null when the answer was a readable 2xx
 */
public record HttpAttemptEnd(
    String method,
    String endpoint,
    int attempt,
    @Nullable Integer statusCode,
    Duration duration,
    @Nullable DatabricksException failure) {

  /**
   * Validates the components.
   * @param method the HTTP method, as in {@link HttpAttemptStart}
   * @param endpoint the endpoint, as in {@link HttpAttemptStart}
   * @param attempt the number of this attempt, as in {@link HttpAttemptStart}
   * @param statusCode the HTTP status of the answer; null when no answer arrived (connection failure, timeout)
   * @param duration from sending the request to reading the answer (or failing), on the monotonic clock
   * @param failure what this attempt failed with, before any retry: the workspace's error answer or the transport
   *     failure; null when the answer was a readable 2xx
   */
  public HttpAttemptEnd {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(duration, "duration");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }

  /** {@return whether the attempt got a readable 2xx answer} */
  public boolean isSuccess() {
    return failure == null;
  }

  /** {@return why the attempt failed; null when it succeeded} */
  public @Nullable FailureCause failureCause() {
    return failure == null ? null : FailureCause.of(failure);
  }
}
