package io.github.dbexec.auth.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token with its expiry and the instant from which it should be refreshed. Immutable.
 *
 * @param value the secret token value; never log it
 * @param expiresAt when the token stops being valid
 * @param refreshAt from when a new token should be fetched ahead of expiry
 */
public record AccessToken(String value, Instant expiresAt, Instant refreshAt) {

  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(refreshAt, "refreshAt");
  }

  @Override
  public String toString() {
    return "AccessToken{value=<redacted>, expiresAt=" + expiresAt + ", refreshAt=" + refreshAt + "}";
  }
}
