package io.github.dbexec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The credentials were accepted but may not do this (HTTP 403, usually {@code PERMISSION_DENIED}): the user or
 * service principal lacks a permission on the job (CAN MANAGE RUN to start runs, CAN VIEW to read them). Never
 * retryable.
 * Created by {@link DatabricksApiException#of}.
 */
public final class PermissionDeniedException extends DatabricksApiException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(
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
