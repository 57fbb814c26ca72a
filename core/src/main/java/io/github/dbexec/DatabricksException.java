package io.github.dbexec;

import org.jspecify.annotations.Nullable;

/**
 * The root of dbexec's unchecked exceptions. Every failure dbexec reports is one of:
 *
 * <ul>
 *   <li>{@link DatabricksApiException} — the workspace answered with an error (an HTTP status, usually with a
 *       Databricks error body); {@link ResourceNotFoundException} when the job or run does not exist;
 *   <li>{@link DatabricksTransportException} — no usable response: the connection failed or timed out, or the
 *       response could not be read as the Jobs API's JSON;
 *   <li>{@link InvalidRequestException} — the request or configuration was rejected before anything was sent;
 *   <li>{@link RunFailedException} — a run that was waited for ended without success, when the caller asked for
 *       that to be thrown.
 * </ul>
 *
 * <p>Messages say what failed and what to do, and never contain a token, password or client secret.
 */
public abstract class DatabricksException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DatabricksException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether repeating the same request may succeed (a 429, a 5xx gateway or availability error, a connection
   * failure or timeout). Safe to act on for run-now and runs/submit because dbexec always sends an idempotency
   * token.
   */
  public abstract boolean isRetryable();
}
