package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;

/**
 * The executor will repeat a failed HTTP request after a delay, as told to {@link ExecutorListener#retryScheduled}.
 * Immutable. The same facts as {@link RetryAttempt}, with the method and endpoint apart and the cause categorised.
 *
 * @param method the HTTP method, as in {@link HttpAttemptStart}
 * @param endpoint the endpoint, as in {@link HttpAttemptStart}
 * @param failedAttempt the number of the attempt that just failed, starting at 1
 * @param delay how long the executor waits before the next attempt ({@code Retry-After} when the server gave one,
 *     capped by {@link RetryPolicy#maxRetryAfter()}, else exponential backoff with jitter)
 * @param failure the failure of that attempt; its message holds no secret
 */
public record RetryScheduled(String method, String endpoint, int failedAttempt, Duration delay,
    DatabricksException failure) {

  /**
   * Validates the components.
   * @param method the HTTP method, as in {@link HttpAttemptStart}
   * @param endpoint the endpoint, as in {@link HttpAttemptStart}
   * @param failedAttempt the number of the attempt that just failed, starting at 1
   * @param delay how long the executor waits before the next attempt ({@code Retry-After} when the server gave one,
   *     capped by {@link RetryPolicy#maxRetryAfter()}, else exponential backoff with jitter)
   * @param failure the failure of that attempt; its message holds no secret
   */
  public RetryScheduled {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(failure, "failure");
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt must be >= 1, was " + failedAttempt);
    }
  }

  /** {@return why the attempt failed, in a category fit for a metric tag} */
  public FailureCause cause() {
    return FailureCause.of(failure);
  }

  /** {@return the same retry as a {@link RetryListener} receives it (endpoint {@code "POST jobs/run-now"})} */
  public RetryAttempt toRetryAttempt() {
    return new RetryAttempt(method + " " + endpoint, failedAttempt, delay, failure);
  }
}
