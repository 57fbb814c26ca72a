package io.github.dbexec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The job or run named in the request does not exist (or the credentials may not see it). The Jobs API says this
 * either as 404 {@code NOT_FOUND}/{@code RESOURCE_DOES_NOT_EXIST} or as 400 {@code INVALID_PARAMETER_VALUE} with
 * "Job N does not exist." / "Run N does not exist."; both become this exception. Never retryable.
 * Created by {@link DatabricksApiException#of}.
 */
public final class ResourceNotFoundException extends DatabricksApiException {
  private static final long serialVersionUID = 1L;

  ResourceNotFoundException(
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
