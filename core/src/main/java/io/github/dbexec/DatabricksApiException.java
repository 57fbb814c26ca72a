package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The workspace answered a request with an error: a non-2xx HTTP status and, usually, a Databricks error body
 * ({@code {"error_code": "...", "message": "..."}}, see the Jobs API's error format).
 *
 * <p>Branch on {@link #errorCode()} (it wins over the status) and {@link #isRetryable()}; do not parse the message.
 * A more precise subtype is thrown when the answer says so: {@link ResourceNotFoundException} when the job or run
 * does not exist, in either form the API uses (404 {@code NOT_FOUND}/{@code RESOURCE_DOES_NOT_EXIST}, or 400
 * {@code INVALID_PARAMETER_VALUE} "Job N does not exist."), {@link UnauthenticatedException} for refused credentials,
 * {@link PermissionDeniedException} for a missing permission.
 */
public sealed class DatabricksApiException extends DatabricksException
    permits ResourceNotFoundException, UnauthenticatedException, PermissionDeniedException {
  private static final long serialVersionUID = 1L;

  private static final Pattern NOT_FOUND_MESSAGE =
      Pattern.compile("(?i)^(Job|Run) \\d+ does not exist\\.?$|^Run: \\d+ in job: \\d+ doesn't exist.*");
  // a bad or expired personal access token is answered 403 {"error_code": 403, "message": "Invalid access token."}
  private static final Pattern INVALID_TOKEN_MESSAGE =
      Pattern.compile("(?i)invalid access token|token (is )?expired|invalid token");

  // the workspace's limit on active runs, answered 429 REQUEST_LIMIT_EXCEEDED to a run that cannot queue (recorded:
  // "There are already 5 active runs (limit: 5).")
  private static final Pattern WORKSPACE_RUN_LIMIT_MESSAGE =
      Pattern.compile("(?i)there are already \\d+ active runs \\(limit: ?\\d+\\)");

  /** The request, e.g. {@code "POST jobs/run-now"}. */
  private final String endpoint;
  /** The HTTP status. */
  private final int statusCode;
  /** The body's {@code error_code}, or null. */
  private final @Nullable String errorCode;
  /** The body's {@code message}, or a snippet of a non-JSON body. */
  private final String serverMessage;
  /** The request id the server gave, or null. */
  private final @Nullable String requestId;
  /** The parsed {@code Retry-After}, or null. */
  private final @Nullable Duration retryAfter;

  DatabricksApiException(
      String endpoint,
      int statusCode,
      @Nullable String errorCode,
      String serverMessage,
      @Nullable String requestId,
      @Nullable Duration retryAfter) {
    super(describe(endpoint, statusCode, errorCode, serverMessage, requestId), null);
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.serverMessage = Objects.requireNonNull(serverMessage, "serverMessage");
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /**
   * The exception for an error answer, of the most precise type the answer allows: {@link ResourceNotFoundException},
   * {@link UnauthenticatedException}, {@link PermissionDeniedException}, else this type.
   *
   * @param endpoint the request, for the message, e.g. {@code "POST jobs/run-now"}
   * @param statusCode the HTTP status, e.g. 400
   * @param errorCode the body's {@code error_code}, or null when the body had none
   * @param serverMessage the body's {@code message}, or a short snippet of a non-JSON body; never a secret
   * @param requestId the request id the server gave, or null
   * @param retryAfter the parsed {@code Retry-After} header, or null when absent
   * @return the exception; {@link #isRetryable()} follows from the status, error code and message
   */
  public static DatabricksApiException of(
      String endpoint,
      int statusCode,
      @Nullable String errorCode,
      String serverMessage,
      @Nullable String requestId,
      @Nullable Duration retryAfter) {
    if (isNotFound(statusCode, errorCode, serverMessage)) {
      return new ResourceNotFoundException(endpoint, statusCode, errorCode, serverMessage, requestId, retryAfter);
    }
    if (statusCode == 401 || "UNAUTHENTICATED".equals(errorCode)
        || (statusCode == 403 && INVALID_TOKEN_MESSAGE.matcher(serverMessage).find())) {
      return new UnauthenticatedException(endpoint, statusCode, errorCode, serverMessage, requestId, retryAfter);
    }
    if (statusCode == 403 || "PERMISSION_DENIED".equals(errorCode)) {
      return new PermissionDeniedException(endpoint, statusCode, errorCode, serverMessage, requestId, retryAfter);
    }
    return new DatabricksApiException(endpoint, statusCode, errorCode, serverMessage, requestId, retryAfter);
  }

  private static boolean isNotFound(int status, @Nullable String errorCode, String message) {
    if ("RESOURCE_DOES_NOT_EXIST".equals(errorCode) || "NOT_FOUND".equals(errorCode)) {
      return true;
    }
    if ("INVALID_PARAMETER_VALUE".equals(errorCode) && NOT_FOUND_MESSAGE.matcher(message.trim()).matches()) {
      return true;
    }
    return status == 404 && errorCode == null;
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
    if (isWorkspaceRunLimit(status, errorCode, message)) {
      s.append(". The workspace's limit of active runs was reached and this run could not queue; no run was "
          + "created. Retrying with the same idempotency key is safe: wait for runs to finish, allow more retries "
          + "(RetryPolicy), or enable queueing on the job so that such runs wait in its queue");
    }
    return s.toString();
  }

  /** {@return the request that failed, as {@code "METHOD path"}, e.g. {@code "POST jobs/run-now"}} */
  public String endpoint() {
    return endpoint;
  }

  /** {@return the HTTP status code of the answer, e.g. 400, 401, 429, 503} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the body's {@code error_code}, e.g. {@code INVALID_PARAMETER_VALUE}; null when the body had none} */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /**
   * {@return the body's {@code message}, or a short snippet of a body that was not a Databricks error; may be empty}
   */
  public String serverMessage() {
    return serverMessage;
  }

  /** {@return the request id the workspace gave (error details or {@code x-request-id} header); null when none} */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * {@return the delay the server asked for with {@code Retry-After} (delta-seconds or HTTP-date); null when absent}
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /**
   * True when the workspace refused a new run because its limit of active runs was reached and the run could not
   * queue: HTTP 429 {@code REQUEST_LIMIT_EXCEEDED} "There are already N active runs (limit: N)." No run was created;
   * the request is retryable with the same idempotency token once runs finish. Enabling the job's queue makes such
   * runs wait instead.
   * @return true for the workspace-wide active-run limit
   */
  public boolean isWorkspaceRunLimitReached() {
    return isWorkspaceRunLimit(statusCode, errorCode, serverMessage);
  }

  private static boolean isWorkspaceRunLimit(int status, @Nullable String errorCode, String message) {
    return status == 429 && (errorCode == null || "REQUEST_LIMIT_EXCEEDED".equals(errorCode))
        && WORKSPACE_RUN_LIMIT_MESSAGE.matcher(message).find();
  }

  /** True for 429 and for 500, 502, 503 and 504; never for other 4xx. */
  @Override
  public boolean isRetryable() {
    return statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;
  }
}
