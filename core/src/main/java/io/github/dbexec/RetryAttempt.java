package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;

/**
 * One retry about to happen: which request, which attempt failed, how long the executor will wait, and why.
 * Immutable.
 *
 * @param endpoint the request, e.g. {@code "POST jobs/run-now"}
 * @param failedAttempt the number of the attempt that just failed, starting at 1
 * @param delay how long the executor waits before the next attempt ({@code Retry-After} when the server gave one,
 *     capped by {@link RetryPolicy#maxRetryAfter()}, else exponential backoff with jitter)
 * @param cause the failure of that attempt; its message holds no secret
 */
public record RetryAttempt(String endpoint, int failedAttempt, Duration delay, DatabricksException cause) {
  /**
   * Validates the components.
   * @param endpoint the request, e.g. {@code "POST jobs/run-now"}
   * @param failedAttempt the number of the attempt that just failed, starting at 1
   * @param delay how long the executor waits before the next attempt ({@code Retry-After} when the server gave one,
   *     capped by {@link RetryPolicy#maxRetryAfter()}, else exponential backoff with jitter)
   * @param cause the failure of that attempt; its message holds no secret
   */
  public RetryAttempt {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(cause, "cause");
  }
}
