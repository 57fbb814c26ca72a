package io.github.dbexec;

import java.util.OptionalInt;
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

  private final int statusCode;
  private final boolean retryable;

  /**
   * Creates the exception; dbexec creates these, callers normally only catch them.
   *
   * @param message what failed and what to do; never a secret
   * @param statusCode the HTTP status of an unreadable answer, or -1 when no answer arrived
   * @param retryable whether repeating the request may succeed
   * @param cause the underlying failure, or null
   */
  public DatabricksTransportException(
      String message, int statusCode, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /** The HTTP status of an answer that could not be read; empty when no answer arrived at all. */
  public OptionalInt statusCode() {
    return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
