package io.github.dbexec.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error the fake answers with a Databricks error body: {@code {"error_code": ..., "message": ...}}.
 * Thrown by handlers and turned into a response by the dispatcher.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Object errorCode;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /**
   * @param status the HTTP status
   * @param errorCode the {@code error_code}: a String such as {@code INVALID_PARAMETER_VALUE}, or an Integer
   *     where the real service sends a number (the invalid-token 403)
   */
  public ApiException(int status, Object errorCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** 400 INVALID_PARAMETER_VALUE with the given message. */
  public static ApiException invalidParameter(String message) {
    return new ApiException(400, "INVALID_PARAMETER_VALUE", message);
  }

  /** 400 INVALID_PARAMETER_VALUE "Job N does not exist." (what jobs/get answers for a missing job). */
  public static ApiException jobDoesNotExist(long jobId) {
    return invalidParameter("Job " + jobId + " does not exist.");
  }

  /** 400 INVALID_PARAMETER_VALUE "Run N does not exist." */
  public static ApiException runDoesNotExist(long runId) {
    return invalidParameter("Run " + runId + " does not exist.");
  }

  /** Adds a response header. */
  public ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Object errorCode() {
    return errorCode;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The response this error becomes: {@code {"error_code", "message"}}. */
  public ApiResponse toResponse() {
    return toResponse(null);
  }

  /**
   * The response this error becomes, with {@code details: [{"@type":
   * "type.googleapis.com/google.rpc.RequestInfo", "request_id": ..., "serving_data": ""}]} when a request id
   * is given (the error shape of jobs-api.md §8).
   */
  public ApiResponse toResponse(@Nullable String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", getMessage());
    if (requestId != null) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("@type", "type.googleapis.com/google.rpc.RequestInfo");
      info.put("request_id", requestId);
      info.put("serving_data", "");
      body.put("details", java.util.List.of(info));
    }
    ApiResponse response = ApiResponse.json(status, body).errorCode(String.valueOf(errorCode));
    headers.forEach(response::header);
    return response;
  }
}
