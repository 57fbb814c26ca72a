package io.github.dbexec;

import org.jspecify.annotations.Nullable;

/**
 * The root of dbexec's unchecked exceptions. The hierarchy is sealed; every failure dbexec reports is exactly one
 * of:
 *
 * <ul>
 *   <li>{@link DatabricksApiException} — the workspace answered with an error (an HTTP status, usually with a
 *       Databricks error body); more precisely one of its subtypes when the answer says so:
 *       <ul>
 *         <li>{@link ResourceNotFoundException} — the job or run does not exist;
 *         <li>{@link UnauthenticatedException} — the credentials were not accepted;
 *         <li>{@link PermissionDeniedException} — the credentials may not do this;
 *       </ul>
 *   <li>{@link DatabricksTransportException} — no usable response: the connection failed or timed out, or the
 *       response could not be read as the Jobs API's JSON;
 *   <li>{@link InvalidRequestException} — the request was rejected before anything was sent (a Jobs API rule
 *       broken);
 *   <li>{@link JobConfigurationException} — the job exists but is not what the caller expects (preflight check);
 *   <li>{@link JobLookupException} — no job, or more than one, has the name looked up;
 *   <li>{@link AwaitTimeoutException} — a wait for a run ended at the caller's timeout;
 *   <li>{@link RunFailedException} — a run that was waited for ended without success, when the caller asked for
 *       that to be thrown.
 * </ul>
 *
 * <p>A misconfigured builder (a missing host, a negative timeout) is not one of these: {@code build()} throws
 * {@link IllegalArgumentException} naming the setting, as the builder spells it.
 *
 * <p>Messages say what failed and what to do, and never contain a token, password or client secret. Each subtype
 * has static factories, so tests of code that handles them can create them.
 */
public abstract sealed class DatabricksException extends RuntimeException
    permits DatabricksApiException, DatabricksTransportException, InvalidRequestException,
        JobConfigurationException, JobLookupException, AwaitTimeoutException, RunFailedException {
  private static final long serialVersionUID = 1L;

  DatabricksException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether repeating the same request may succeed (a 429, a 5xx gateway or availability error, a connection
   * failure or timeout). Safe to act on for run-now and runs/submit because dbexec always sends an idempotency
   * token.
   * @return true when the same request may succeed if repeated
   */
  public abstract boolean isRetryable();
}
