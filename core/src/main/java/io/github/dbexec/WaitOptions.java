package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to wait for a run to terminate: the caller's timeout (there is no hidden maximum), the polling backoff,
 * whether to cancel the run when the timeout passes, whether a failed run throws, and a progress listener.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * RunResult r = submission.awaitTermination(WaitOptions.builder().timeout(Duration.ofHours(2))
 *     .cancelOnTimeout(true).onProgress(run -> log.info("{}", run.lifeCycleState())).build());
 * }</pre>
 */
public final class WaitOptions {
  private final Duration timeout;
  private final Duration initialPollInterval;
  private final Duration maxPollInterval;
  private final boolean cancelOnTimeout;
  private final boolean throwOnFailure;
  private final @Nullable RunProgressListener progressListener;

  private WaitOptions(Builder b) {
    this.timeout = b.timeout;
    this.initialPollInterval = b.initialPollInterval;
    this.maxPollInterval = b.maxPollInterval;
    this.cancelOnTimeout = b.cancelOnTimeout;
    this.throwOnFailure = b.throwOnFailure;
    this.progressListener = b.progressListener;
  }

  /**
   * Waits up to {@code timeout} with the default polling, no cancel-on-timeout, failures as results.
   * @param timeout the longest wait, &gt; 0
   * @return the options
   */
  public static WaitOptions of(Duration timeout) {
    return builder().timeout(timeout).build();
  }

  /** {@return a new builder; {@link Builder#timeout} is required; mutable, not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return how long to wait at most} */
  public Duration timeout() {
    return timeout;
  }

  /** {@return the first wait between two polls of {@code runs/get}; default 1 s} */
  public Duration initialPollInterval() {
    return initialPollInterval;
  }

  /** {@return the longest wait between two polls (the interval grows by half each poll); default 30 s} */
  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /** {@return whether dbexec sends {@code runs/cancel} when the timeout passes; default false} */
  public boolean cancelOnTimeout() {
    return cancelOnTimeout;
  }

  /** {@return whether a run that ends without success throws {@link RunFailedException}; default false (a result)} */
  public boolean throwOnFailure() {
    return throwOnFailure;
  }

  /** {@return the listener told of each life-cycle state change; null when none} */
  public @Nullable RunProgressListener progressListener() {
    return progressListener;
  }

  @Override
  public String toString() {
    return "WaitOptions{timeout=" + timeout + ", initialPollInterval=" + initialPollInterval + ", maxPollInterval="
        + maxPollInterval + ", cancelOnTimeout=" + cancelOnTimeout + ", throwOnFailure=" + throwOnFailure + '}';
  }

  /** Builds {@link WaitOptions}; {@link #build()} validates. Mutable, not thread-safe. */
  public static final class Builder {
    private @Nullable Duration timeoutOrNull;
    private Duration timeout = Duration.ZERO;
    private Duration initialPollInterval = Duration.ofSeconds(1);
    private Duration maxPollInterval = Duration.ofSeconds(30);
    private boolean cancelOnTimeout;
    private boolean throwOnFailure;
    private @Nullable RunProgressListener progressListener;

    private Builder() {}

    /**
     * The longest wait, &gt; 0; required. Any length is allowed: waits of hours or days are fine. It bounds each poll
     * too: a poll's HTTP call is given the time left as its call timeout, so a wait ends within about this timeout
     * (plus a cancel-on-timeout call) even against a server that never answers or answers a byte at a time.
     * @param timeout the longest wait, &gt; 0
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeoutOrNull = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * First interval between polls, &gt; 0; default 1 s.
     * @param initialPollInterval the first interval between polls, &gt; 0
     * @return this builder
     */
    public Builder initialPollInterval(Duration initialPollInterval) {
      this.initialPollInterval = Objects.requireNonNull(initialPollInterval, "initialPollInterval");
      return this;
    }

    /**
     * Largest interval between polls, at least the initial one; default 30 s.
     * @param maxPollInterval the largest interval between polls, at least the initial one
     * @return this builder
     */
    public Builder maxPollInterval(Duration maxPollInterval) {
      this.maxPollInterval = Objects.requireNonNull(maxPollInterval, "maxPollInterval");
      return this;
    }

    /**
     * Cancel the run when the timeout passes; default false.
     * @param cancelOnTimeout true to send {@code runs/cancel} when the timeout passes
     * @return this builder
     */
    public Builder cancelOnTimeout(boolean cancelOnTimeout) {
      this.cancelOnTimeout = cancelOnTimeout;
      return this;
    }

    /**
     * Throw {@link RunFailedException} for a run that does not succeed; default false.
     * @param throwOnFailure true to throw {@link RunFailedException}, false to return the failed run's result
     * @return this builder
     */
    public Builder throwOnFailure(boolean throwOnFailure) {
      this.throwOnFailure = throwOnFailure;
      return this;
    }

    /**
     * Told each time the run's life-cycle state changes.
     * @param listener told of each change of the run's life-cycle state
     * @return this builder
     */
    public Builder onProgress(RunProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the setting, when the timeout is missing or an interval is not positive
     */
    public WaitOptions build() {
      if (timeoutOrNull == null || timeoutOrNull.isNegative() || timeoutOrNull.isZero()) {
        throw new IllegalArgumentException("timeout is required and must be > 0, was " + timeoutOrNull);
      }
      timeout = timeoutOrNull;
      if (initialPollInterval.isNegative() || initialPollInterval.isZero()) {
        throw new IllegalArgumentException("initialPollInterval must be > 0, was " + initialPollInterval);
      }
      if (maxPollInterval.compareTo(initialPollInterval) < 0) {
        throw new IllegalArgumentException("maxPollInterval must be >= initialPollInterval, was " + maxPollInterval);
      }
      return new WaitOptions(this);
    }
  }
}
