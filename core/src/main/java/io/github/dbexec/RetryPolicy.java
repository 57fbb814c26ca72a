package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how the executor repeats a failed request. Immutable and thread-safe.
 *
 * <p>Retried: HTTP 429, 500, 502, 503 and 504, connection failures, timeouts and unreadable answers. Never retried:
 * any other 4xx, and client-side validation failures. Every run-now and runs/submit carries an idempotency token, so
 * a retry after a lost answer returns the run the first attempt started instead of starting another.
 *
 * <p>Between attempts the executor waits for the server's {@code Retry-After} (delta-seconds or HTTP-date), capped by
 * {@link #maxRetryAfter()}; without one, {@code initialBackoff × 2^(n-1)}, capped by {@link #maxBackoff()}, spread by
 * ± {@link #jitter()}. No attempt starts after {@link #deadline()} has passed since the first one, and the attempt
 * in flight at the deadline is cut off there (its HTTP call timeout is lowered to the time left), so a call with
 * retries returns within the deadline even against a server that never answers or answers a byte at a time.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.custom().maxAttempts(8).deadline(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p>The canonical constructor throws {@code IllegalArgumentException} naming the setting, when a value is out of
 * range.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param initialBackoff the wait before the second attempt when the server gave no {@code Retry-After}
 * @param maxBackoff the longest backoff between two attempts, before jitter
 * @param jitter the fraction (0 to 1) by which a backoff is randomly lengthened or shortened; 0 = none
 * @param maxRetryAfter the longest {@code Retry-After} the executor honours; a longer one is shortened to this
 * @param deadline the time after the first attempt's start by which the call ends: no attempt starts after it, and
 *     the attempt in flight is cut off at it
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitter,
    Duration maxRetryAfter,
    Duration deadline) {
  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

  /**
   * Checks every value; the messages name the builder's settings.
   * @param maxAttempts attempts in all, the first included; 1 means no retry
   * @param initialBackoff the wait before the second attempt when the server gave no {@code Retry-After}
   * @param maxBackoff the longest backoff between two attempts, before jitter
   * @param jitter the fraction (0 to 1) by which a backoff is randomly lengthened or shortened; 0 = none
   * @param maxRetryAfter the longest {@code Retry-After} the executor honours; a longer one is shortened to this
   * @param deadline the time after the first attempt's start by which the call ends: no attempt starts after it, and
   *     the attempt in flight is cut off at it
   */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(deadline, "deadline");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be > 0, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be >= initialBackoff (" + initialBackoff + "), was " + maxBackoff);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must be >= 0, was " + maxRetryAfter);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be > 0, was " + deadline);
    }
  }

  /**
   * The defaults: 6 attempts, 500 ms initial backoff, 30 s maximum backoff, jitter 0.2, {@code Retry-After} capped at
   * 60 s, deadline 3 minutes.
   * @return the default policy
   */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** {@return no retries: one attempt} */
  public static RetryPolicy none() {
    return NONE;
  }

  /** {@return a builder starting from the defaults; mutable, not thread-safe} */
  public static Builder custom() {
    return new Builder();
  }

  /**
   * A builder starting from {@code base}'s values.
   * @param base the policy to start from
   * @return a builder holding {@code base}'s values
   */
  public static Builder from(RetryPolicy base) {
    return Objects.requireNonNull(base, "base").toBuilder();
  }

  /** {@return a builder holding this policy's values} */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .jitter(jitter)
        .maxRetryAfter(maxRetryAfter)
        .deadline(deadline);
  }

  /** Builds a {@link RetryPolicy}; {@link #build()} validates. Mutable, not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private double jitter = 0.2;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Duration deadline = Duration.ofMinutes(3);

    private Builder() {}

    /**
     * Attempts in all, the first included, at least 1; default 6.
     * @param maxAttempts attempts in all, the first included, &ge; 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Backoff before the second attempt, &gt; 0; default 500 ms.
     * @param initialBackoff the backoff before the second attempt, &gt; 0
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Largest backoff, at least the initial backoff; default 30 s.
     * @param maxBackoff the largest backoff, at least {@code initialBackoff}
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Random spread of each backoff, from 0 (none) to 1; default 0.2 (± 20 %).
     * @param jitter the random spread of each backoff, 0 to 1
     * @return this builder
     */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * Cap on an honoured {@code Retry-After}, ≥ 0; default 60 s.
     * @param maxRetryAfter the cap on an honoured {@code Retry-After}, &ge; 0
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Overall deadline from the first attempt, &gt; 0; default 3 minutes.
     * @param deadline the overall deadline from the first attempt, &gt; 0
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /**
     * The policy.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the setting, when a value is out of range
     */
    public RetryPolicy build() {
      return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, maxRetryAfter, deadline);
    }
  }
}
