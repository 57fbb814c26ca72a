package io.github.dbexec.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A response before it is written to the socket: status, headers and a (JSON) body. */
public final class ApiResponse {
  private final int status;
  private final String body;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private @Nullable String errorCode;

  private ApiResponse(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /** A response with a JSON body written from a tree. */
  public static ApiResponse json(int status, Object tree) {
    ApiResponse response = new ApiResponse(status, Json.write(tree));
    response.header("Content-Type", "application/json");
    return response;
  }

  /** 200 with a JSON body. */
  public static ApiResponse ok(Object tree) {
    return json(200, tree);
  }

  /** A response with a raw body (may be empty). */
  public static ApiResponse raw(int status, String body) {
    return new ApiResponse(status, body);
  }

  /** Marks this as an error response with this {@code error_code} (for the journal). */
  public ApiResponse errorCode(@Nullable String errorCode) {
    this.errorCode = errorCode;
    return this;
  }

  /** The {@code error_code} of an error response, or null. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  public ApiResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
