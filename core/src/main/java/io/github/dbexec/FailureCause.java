package io.github.dbexec;

import io.github.dbexec.auth.CredentialsException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Why an HTTP attempt failed, in a few stable categories fit for a metric tag or a log line; derived from the
 * exception by {@link #of(Throwable)}.
 */
public enum FailureCause {
  /** The workspace answered 429 Too Many Requests (Databricks' {@code REQUEST_LIMIT_EXCEEDED}). */
  RATE_LIMITED,
  /** The workspace answered with a 5xx status. */
  SERVER_ERROR,
  /** The workspace answered with a 4xx status other than 429: the request or the credentials were refused. */
  CLIENT_ERROR,
  /** No complete answer within the connect, read or call timeout. */
  TIMEOUT,
  /** No answer: the connection could not be made or was lost (DNS, TCP, TLS, proxy). */
  CONNECTION,
  /** Credentials could not be obtained (an OAuth or Entra ID token endpoint failed). */
  CREDENTIALS,
  /** An answer arrived but could not be read as the Jobs API's JSON (an empty, truncated or HTML body). */
  INVALID_RESPONSE,
  /** Anything else, such as an interrupted thread. */
  OTHER;

  /**
   * The category of {@code failure}, as the executor reports it for an attempt or a retry.
   * @param failure the exception an attempt or a retry failed with
   * @return its category, e.g. a timeout, an HTTP status or a connection failure
   */
  public static FailureCause of(Throwable failure) {
    if (failure instanceof DatabricksApiException) {
      int status = ((DatabricksApiException) failure).statusCode();
      if (status == 429) {
        return RATE_LIMITED;
      }
      return status >= 500 ? SERVER_ERROR : CLIENT_ERROR;
    }
    if (failure instanceof DatabricksTransportException) {
      Throwable cause = failure.getCause();
      if (cause instanceof CredentialsException) {
        return CREDENTIALS;
      }
      if (cause instanceof InterruptedIOException) {
        // an interrupted caller is not a timeout, and is never retried
        return ((DatabricksTransportException) failure).isRetryable() ? TIMEOUT : OTHER;
      }
      if (cause instanceof IOException) {
        return CONNECTION;
      }
      if (cause instanceof InterruptedException) {
        return OTHER;
      }
      return INVALID_RESPONSE;
    }
    return OTHER;
  }
}
