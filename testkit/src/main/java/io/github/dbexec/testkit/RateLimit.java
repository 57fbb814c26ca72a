package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.RateLimiter;
import java.util.Objects;

/**
 * A request-rate limit on matching endpoints: a token bucket refilled on the server's {@link FakeClock}.
 * A request that finds the bucket empty gets 429 {@code {"error_code": "REQUEST_LIMIT_EXCEEDED", ...}} with
 * {@code Retry-After} set to the whole seconds (rounded up, at least 1) until a permit is available, and is
 * not handled.
 *
 * <pre>{@code
 * server.addRateLimit(RateLimit.on("POST", "/jobs/run-now").permitsPerSecond(20).build());
 * }</pre>
 *
 * <p>With a manual clock the bucket refills only when the test advances the clock. Per-endpoint numbers of
 * the real service (e.g. run-now 20/s) are UNVERIFIED. Matching is as in {@link FaultRule}. Immutable.
 */
public final class RateLimit {
  private final RateLimiter.Limit limit;

  private RateLimit(RateLimiter.Limit limit) {
    this.limit = limit;
  }

  /**
   * Starts a limit for requests with this method ("*" = any) and path suffix ("" = any).
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathSuffix the end of the request path, e.g. {@code /jobs/run-now} (any API version)
   * @return a new builder
   */
  public static Builder on(String method, String pathSuffix) {
    return new Builder(Objects.requireNonNull(method, "method"), Objects.requireNonNull(pathSuffix, "pathSuffix"));
  }

  RateLimiter.Limit limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "RateLimit{" + limit.method() + " " + limit.pathSuffix() + ", " + limit.permitsPerSecond()
        + "/s, burst " + limit.burst() + "}";
  }

  /** Builds a {@link RateLimit}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String pathSuffix;
    private double permitsPerSecond = 10;
    private int burst = -1;

    private Builder(String method, String pathSuffix) {
      this.method = method;
      this.pathSuffix = pathSuffix;
    }

    /**
     * Refill rate in permits per second of fake-clock time; default 10.
     *
     * @param permitsPerSecond the sustained rate, positive
     * @return this builder
     */
    public Builder permitsPerSecond(double permitsPerSecond) {
      if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
        throw new IllegalArgumentException("permitsPerSecond must be > 0, got " + permitsPerSecond);
      }
      this.permitsPerSecond = permitsPerSecond;
      return this;
    }

    /**
     * Bucket size: requests allowed back to back from a full bucket; default = permitsPerSecond rounded up.
     *
     * @param burst how many requests may come at once, at least 1
     * @return this builder
     */
    public Builder burst(int burst) {
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be >= 1, got " + burst);
      }
      this.burst = burst;
      return this;
    }

    /**
     * Builds the limit; add it with {@link FakeJobsServer#addRateLimit(RateLimit)} or
     * {@link FakeJobsServer.Builder#rateLimit(RateLimit)}.
     *
     * @return the rate limit
     */
    public RateLimit build() {
      int size = burst > 0 ? burst : (int) Math.max(1, Math.ceil(permitsPerSecond));
      return new RateLimit(new RateLimiter.Limit(method, pathSuffix, permitsPerSecond, size));
    }
  }
}
