package io.github.dbexec;

import org.jspecify.annotations.Nullable;

/**
 * No usable response: the connection could not be made or was lost, a connect/read/call timeout expired, the
 * credentials could not be obtained, or the workspace's answer could not be read as the Jobs API's JSON (an empty,
 * truncated or HTML body on a 2xx). The message carries the HTTP status and a short snippet when an answer arrived.
 *
 * <p>A lost answer to run-now or runs/submit does not mean no run was started: retrying is safe because dbexec
 * always sends an idempotency token, and dbexec's own retries do exactly that.
 */
public final class DatabricksTransportException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of an unusable answer, or null when none arrived. */
  private final @Nullable Integer statusCode;
  /** Whether repeating the request may succeed. */
  private final boolean retryable;

  private DatabricksTransportException(
      String message, @Nullable Integer statusCode, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /**
   * No answer arrived at all (connection failure, timeout, interruption, credentials that could not be obtained).
   *
   * @param message what failed and what to do; never a secret
   * @param retryable whether repeating the request may succeed
   * @param cause the underlying failure, or null
   * @return the exception, with no status code
   */
  public static DatabricksTransportException noResponse(
      String message, boolean retryable, @Nullable Throwable cause) {
    return new DatabricksTransportException(message, null, retryable, cause);
  }

  /**
   * An answer arrived with {@code statusCode} but could not be used (empty, truncated, not the Jobs API's JSON, too
   * large).
   *
   * @param message what failed and what to do; never a secret
   * @param statusCode the HTTP status of the answer
   * @param retryable whether repeating the request may succeed
   * @param cause the underlying failure, or null
   * @return the exception, with {@code statusCode}
   */
  public static DatabricksTransportException unusableResponse(
      String message, int statusCode, boolean retryable, @Nullable Throwable cause) {
    return new DatabricksTransportException(message, statusCode, retryable, cause);
  }

  /** {@return the HTTP status of an answer that could not be used; null when no answer arrived at all} */
  public @Nullable Integer statusCode() {
    return statusCode;
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
