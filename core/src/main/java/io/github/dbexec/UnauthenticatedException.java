package io.github.dbexec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The workspace did not accept the credentials (HTTP 401, usually {@code UNAUTHENTICATED}): the token is wrong, expired or revoked, or the OAuth client is unknown. Never retryable; fix the credentials.
 */
public final class UnauthenticatedException extends DatabricksApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link DatabricksApiException#DatabricksApiException}. */
  public UnauthenticatedException(
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
