package io.github.dbexec.auth.internal;

import java.time.Duration;
import java.time.Instant;

/** Builds {@link AccessToken}s with the refresh rule shared by every strategy. */
public final class AccessTokens {

  private AccessTokens() {}

  /**
   * A token valid until {@code expiresAt}, to be refreshed {@code refreshAhead} before it, but no earlier than
   * half-way through its lifetime (counted from {@code obtainedAt}).
   */
  public static AccessToken of(String value, Instant obtainedAt, Instant expiresAt, Duration refreshAhead) {
    Duration lifetime = Duration.between(obtainedAt, expiresAt);
    if (lifetime.isNegative()) {
      lifetime = Duration.ZERO;
    }
    Duration half = lifetime.dividedBy(2);
    Duration ahead = refreshAhead.compareTo(half) > 0 ? half : refreshAhead;
    return new AccessToken(value, expiresAt, expiresAt.minus(ahead));
  }
}
