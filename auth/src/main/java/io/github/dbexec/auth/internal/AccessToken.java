package io.github.dbexec.auth.internal;

import java.time.Instant;

/** An access token with its expiry and the instant from which it should be refreshed. Immutable. */
public final class AccessToken {

  private final String value;
  private final Instant expiresAt;
  private final Instant refreshAt;

  public AccessToken(String value, Instant expiresAt, Instant refreshAt) {
    this.value = value;
    this.expiresAt = expiresAt;
    this.refreshAt = refreshAt;
  }

  /** The secret token value. Never log it. */
  public String value() {
    return value;
  }

  /** When the token stops being valid. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** From when a new token should be fetched ahead of expiry. */
  public Instant refreshAt() {
    return refreshAt;
  }

  @Override
  public String toString() {
    return "AccessToken{value=<redacted>, expiresAt=" + expiresAt + ", refreshAt=" + refreshAt + "}";
  }
}
