package io.github.dbexec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The workspace did not accept the credentials (HTTP 401, usually {@code UNAUTHENTICATED}, or 403 "Invalid access
 * token."): the token is wrong, expired or revoked, or the OAuth client is unknown. Never retryable; fix the
 * credentials.
 * Created by {@link DatabricksApiException#of}.
 */
public final class UnauthenticatedException extends DatabricksApiException {
  private static final long serialVersionUID = 1L;

  UnauthenticatedException(
      String endpoint,
      int statusCode,
      @Nullable String errorCode,
      String serverMessage,
      @Nullable String requestId,
      @Nullable Duration retryAfter) {
    super(endpoint, statusCode, errorCode, serverMessage, requestId, retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
