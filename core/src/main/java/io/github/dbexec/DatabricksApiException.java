package io.github.dbexec;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The workspace answered a request with an error: a non-2xx HTTP status and, usually, a Databricks error body
 * ({@code {"error_code": "...", "message": "..."}}, see the Jobs API's error format).
 *
 * <p>Branch on {@link #errorCode()} (it wins over the status) and {@link #isRetryable()}; do not parse the message.
 * {@link ResourceNotFoundException} is thrown instead when the job or run does not exist, in either form the API
 * uses (404 {@code NOT_FOUND}/{@code RESOURCE_DOES_NOT_EXIST}, or 400 {@code INVALID_PARAMETER_VALUE} "Job N does not
 * exist.").
 */
public class DatabricksApiException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final int statusCode;
  private final @Nullable String errorCode;
  private final String serverMessage;
  private final @Nullable String requestId;
  private final @Nullable Duration retryAfter;

  /**
   * Creates the exception; dbexec creates these, callers normally only catch them.
   *
   * @param endpoint the request, for the message, e.g. {@code "POST jobs/run-now"}
   * @param statusCode the HTTP status, e.g. 400
   * @param errorCode the body's {@code error_code}, or null when the body had none
   * @param serverMessage the body's {@code message}, or a short snippet of a non-JSON body; never a secret
   * @param requestId the request id the server gave, or null
   * @param retryAfter the parsed {@code Retry-After} header, or null when absent
   */
  public DatabricksApiException(
      String endpoint,
      int statusCode,
      @Nullable String errorCode,
      String serverMessage,
      @Nullable String requestId,
      @Nullable Duration retryAfter) {
    super(describe(endpoint, statusCode, errorCode, serverMessage, requestId), null);
    this.endpoint = endpoint;
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.serverMessage = serverMessage;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  private static String describe(
      String endpoint, int status, @Nullable String errorCode, String message, @Nullable String requestId) {
    StringBuilder s = new StringBuilder("Databricks answered ").append(status);
    if (errorCode != null) {
      s.append(' ').append(errorCode);
    }
    s.append(" to ").append(endpoint).append(": ").append(message.isEmpty() ? "(no message)" : message);
    if (requestId != null) {
      s.append(" (request id ").append(requestId).append(')');
    }
    return s.toString();
  }

  /** The request that failed, as {@code "METHOD path"}, e.g. {@code "POST jobs/run-now"}. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status code of the answer, e.g. 400, 401, 429, 503. */
  public int statusCode() {
    return statusCode;
  }

  /** The body's {@code error_code}, e.g. {@code INVALID_PARAMETER_VALUE}; empty when the body had none. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The body's {@code message}, or a short snippet of a body that was not a Databricks error; may be empty. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The request id the workspace gave (error details or {@code x-request-id} header), if any. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The delay the server asked for with {@code Retry-After} (delta-seconds or HTTP-date), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True for 429 and for 500, 502, 503 and 504; never for other 4xx. */
  @Override
  public boolean isRetryable() {
    return statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;
  }
}
