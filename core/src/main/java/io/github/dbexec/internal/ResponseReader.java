package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.PermissionDeniedException;
import io.github.dbexec.ResourceNotFoundException;
import io.github.dbexec.UnauthenticatedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Turns one HTTP answer into a value or the right exception: a Databricks error body becomes a
 * {@link DatabricksApiException} (or {@link ResourceNotFoundException}), an unreadable 2xx body a
 * {@link DatabricksTransportException}. Bodies are read up to {@link #MAX_BODY_BYTES}; snippets in messages are
 * short and single-line. Thread-safe.
 */
public final class ResponseReader {
  /** The largest body read; the Jobs API caps run output at 5 MB. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private static final int SNIPPET_CHARS = 200;
  private static final Pattern NOT_FOUND_MESSAGE =
      Pattern.compile("(?i)^(Job|Run) \\d+ does not exist\\.?$|^Run: \\d+ in job: \\d+ doesn't exist.*");

  // a body echoing credentials (a misbehaving proxy, a debug page) must not carry them into a message
  private static final Pattern SECRET_LIKE =
      Pattern.compile("(?i)(bearer\\s+|basic\\s+|dapi|\"?(?:access_token|client_secret|password|token)\"?\\s*[:=]\\s*\"?)[A-Za-z0-9._~+/=-]{4,}");

  // a bad or expired personal access token is answered 403 {"error_code": 403, "message": "Invalid access token."}
  private static final Pattern INVALID_TOKEN_MESSAGE =
      Pattern.compile("(?i)invalid access token|token (is )?expired|invalid token");

  private final JsonAdapter<Wire.ErrorBody> errorAdapter;
  private final Clock clock;

  public ResponseReader(JsonAdapter<Wire.ErrorBody> errorAdapter, Clock clock) {
    this.errorAdapter = errorAdapter;
    this.clock = clock;
  }

  /**
   * Reads a 2xx answer with {@code adapter}, or throws for an error status or an unreadable body.
   *
   * @param endpoint e.g. {@code "POST jobs/run-now"}, for messages
   */
  public <T> T read(String endpoint, Response<ResponseBody> response, JsonAdapter<T> adapter) {
    String body = readBody(endpoint, response);
    if (!response.isSuccessful()) {
      throw apiError(endpoint, response, body);
    }
    if (body.isBlank()) {
      throw new DatabricksTransportException(
          endpoint + " answered " + response.code() + " with an empty body where JSON was expected; "
              + "a proxy or gateway may be interfering. The request may have taken effect.",
          response.code(), true, null);
    }
    T value;
    try {
      value = adapter.fromJson(body);
    } catch (IOException | JsonDataException e) {
      throw new DatabricksTransportException(
          endpoint + " answered " + response.code() + " with a body that is not the Jobs API's JSON ("
              + e.getMessage() + "): " + snippet(body) + ". The request may have taken effect.",
          response.code(), true, e);
    }
    if (value == null) {
      throw new DatabricksTransportException(
          endpoint + " answered " + response.code() + " with JSON null", response.code(), true, null);
    }
    return value;
  }

  /** Reads an answer whose body does not matter (2xx), or throws for an error status. */
  public void readDiscarding(String endpoint, Response<ResponseBody> response) {
    String body = readBody(endpoint, response);
    if (!response.isSuccessful()) {
      throw apiError(endpoint, response, body);
    }
  }

  private String readBody(String endpoint, Response<ResponseBody> response) {
    ResponseBody raw = response.isSuccessful() ? response.body() : response.errorBody();
    if (raw == null) {
      return "";
    }
    try (raw) {
      BufferedSource source = raw.source();
      if (source.request(MAX_BODY_BYTES + 1)) {
        throw new DatabricksTransportException(
            endpoint + " answered " + response.code() + " with a body over " + MAX_BODY_BYTES
                + " bytes; refusing to read it", response.code(), false, null);
      }
      return source.getBuffer().readUtf8();
    } catch (IOException e) {
      throw new DatabricksTransportException(
          endpoint + " answered " + response.code() + " but the body could not be read (" + e.getMessage()
              + "); the connection was lost mid-answer. The request may have taken effect.",
          response.code(), true, e);
    }
  }

  private DatabricksApiException apiError(String endpoint, Response<ResponseBody> response, String body) {
    int status = response.code();
    @Nullable String errorCode = null;
    String message;
    @Nullable String requestId = null;
    Wire.@Nullable ErrorBody parsed = parseError(body);
    if (parsed != null && (parsed.errorCode != null || parsed.message != null || parsed.error != null)) {
      errorCode = parsed.errorCode == null ? null : codeText(parsed.errorCode);
      message = redact(parsed.message != null ? String.valueOf(parsed.message)
          : parsed.error != null ? parsed.error : "");
      requestId = requestIdFrom(parsed.details);
    } else {
      message = body.isBlank() ? "" : "non-JSON answer: " + snippet(body);
    }
    if (status >= 300 && status < 400) {
      String location = response.headers().get("Location");
      message = "redirected" + (location == null ? "" : " to " + HttpUrlSnippet.of(location))
          + "; the Jobs API does not redirect, so the host URL is probably wrong (or a login page intercepted the "
          + "request)" + (message.isEmpty() ? "" : ": " + message);
    }
    if (requestId == null) {
      requestId = response.headers().get("x-request-id");
    }
    @Nullable Duration retryAfter = parseRetryAfter(response.headers().get("Retry-After"));
    if (isNotFound(status, errorCode, message)) {
      return new ResourceNotFoundException(endpoint, status, errorCode, message, requestId, retryAfter);
    }
    if (status == 401 || "UNAUTHENTICATED".equals(errorCode)
        || (status == 403 && INVALID_TOKEN_MESSAGE.matcher(message).find())) {
      return new UnauthenticatedException(endpoint, status, errorCode, message, requestId, retryAfter);
    }
    if (status == 403 || "PERMISSION_DENIED".equals(errorCode)) {
      return new PermissionDeniedException(endpoint, status, errorCode, message, requestId, retryAfter);
    }
    return new DatabricksApiException(endpoint, status, errorCode, message, requestId, retryAfter);
  }

  /** Legacy endpoints send a number as {@code error_code} (e.g. 403); write it as the integer it is. */
  private static String codeText(Object code) {
    if (code instanceof Number) {
      double d = ((Number) code).doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d)) {
        return Long.toString((long) d);
      }
    }
    return String.valueOf(code);
  }

  private Wire.@Nullable ErrorBody parseError(String body) {
    if (body.isBlank() || body.charAt(0) != '{') {
      return null;
    }
    try {
      return errorAdapter.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
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

  private static @Nullable String requestIdFrom(@Nullable List<Map<String, Object>> details) {
    if (details == null) {
      return null;
    }
    for (Map<String, Object> detail : details) {
      Object id = detail.get("request_id");
      if (id instanceof String && !((String) id).isEmpty()) {
        return (String) id;
      }
    }
    return null;
  }

  /** Parses {@code Retry-After} as delta-seconds or an HTTP-date (relative to the executor's clock). */
  @Nullable Duration parseRetryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** The text with anything that looks like a credential replaced by {@code ***}. */
  static String redact(String text) {
    return SECRET_LIKE.matcher(text).replaceAll("$1***");
  }

  /** A single-line, bounded excerpt of a body, for messages. */
  static String snippet(String body) {
    String oneLine = SECRET_LIKE.matcher(body.replaceAll("\\s+", " ").trim()).replaceAll("$1***");
    return oneLine.length() <= SNIPPET_CHARS ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, SNIPPET_CHARS) + "…\"";
  }

  /** A redirect target without its query (which may carry tokens), for messages. */
  private static final class HttpUrlSnippet {
    static String of(String location) {
      int q = location.indexOf('?');
      String s = q < 0 ? location : location.substring(0, q) + "?…";
      return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
  }
}
