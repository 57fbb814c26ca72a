package io.github.dbexec.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Token buckets on the fake clock, one per configured limit. A request matching several limits needs a
 * permit from each; when any is empty nothing is taken and the caller is told how long to wait.
 * Thread-safe.
 */
public final class RateLimiter {

  /**
   * One limit.
   *
   * @param method the method to match ("*" = any)
   * @param pathSuffix the endpoint or path suffix ("" = any)
   * @param permitsPerSecond refill rate
   * @param burst bucket size (and initial content)
   */
  public record Limit(String method, String pathSuffix, double permitsPerSecond, int burst) {}

  private static final class Bucket {
    final Limit limit;
    double tokens;
    long refilledAt = Long.MIN_VALUE;

    Bucket(Limit limit) {
      this.limit = limit;
      this.tokens = limit.burst();
    }

    void refill(long now) {
      if (refilledAt != Long.MIN_VALUE && now > refilledAt) {
        tokens = Math.min(limit.burst(), tokens + (now - refilledAt) * limit.permitsPerSecond() / 1000.0);
      }
      refilledAt = Math.max(now, refilledAt == Long.MIN_VALUE ? now : refilledAt);
    }

    long millisUntilPermit() {
      return (long) Math.ceil((1.0 - tokens) * 1000.0 / limit.permitsPerSecond());
    }
  }

  private final List<Bucket> buckets = new ArrayList<>();

  public synchronized void add(Limit limit) {
    buckets.add(new Bucket(limit));
  }

  public synchronized void clear() {
    buckets.clear();
  }

  /** Refills every bucket (as if a long time had passed). */
  public synchronized void refillAll() {
    for (Bucket bucket : buckets) {
      bucket.tokens = bucket.limit.burst();
    }
  }

  /**
   * Takes a permit for this request from every matching bucket.
   *
   * @return 0 when allowed, else the milliseconds until a permit is available (at least 1)
   */
  public synchronized long acquire(JournalEntry request, long now) {
    List<Bucket> matching = new ArrayList<>();
    long wait = 0;
    for (Bucket bucket : buckets) {
      if (request.matches(bucket.limit.method(), bucket.limit.pathSuffix())) {
        bucket.refill(now);
        matching.add(bucket);
        if (bucket.tokens < 1.0) {
          wait = Math.max(wait, Math.max(1, bucket.millisUntilPermit()));
        }
      }
    }
    if (wait > 0) {
      return wait;
    }
    for (Bucket bucket : matching) {
      bucket.tokens -= 1.0;
    }
    return 0;
  }
}
