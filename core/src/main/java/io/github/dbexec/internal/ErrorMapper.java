package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksTransportException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Turns an error answer (non-2xx) into the right {@link DatabricksApiException}: the Databricks error body's
 * {@code error_code}, message and request id, the {@code Retry-After} header (delta-seconds or HTTP-date, on the
 * executor's clock), a redirect explained. Bodies are read up to {@link JsonBodyConverterFactory#MAX_BODY_BYTES};
 * every text taken from the answer is redacted. Thread-safe.
 */
public final class ErrorMapper {
  private final Moshi moshi;
  private final Clock clock;
  private final Redactor redactor;
  /** Built on the first error answer: an executor whose calls all succeed never pays for it. */
  private volatile @Nullable JsonAdapter<Wire.ErrorBody> errorAdapter;

  public ErrorMapper(Moshi moshi, Clock clock, Redactor redactor) {
    this.moshi = moshi;
    this.clock = clock;
    this.redactor = redactor;
  }

  private JsonAdapter<Wire.ErrorBody> errorAdapter() {
    JsonAdapter<Wire.ErrorBody> adapter = errorAdapter;
    if (adapter == null) { // a race builds it twice at worst; Moshi caches it anyway
      adapter = moshi.adapter(Wire.ErrorBody.class);
      errorAdapter = adapter;
    }
    return adapter;
  }

  /** The exception for an error answer with {@code status}, {@code headers} and {@code body} to {@code endpoint}. */
  DatabricksApiException apiError(String endpoint, int status, Headers headers, @Nullable ResponseBody body) {
    String text = readBody(endpoint, status, body);
    @Nullable String errorCode = null;
    String message;
    @Nullable String requestId = null;
    Wire.@Nullable ErrorBody parsed = parseError(text);
    if (parsed != null && (parsed.errorCode != null || parsed.message != null || parsed.error != null)) {
      errorCode = parsed.errorCode == null ? null : codeText(parsed.errorCode);
      message = redactor.redact(parsed.message != null ? String.valueOf(parsed.message)
          : parsed.error != null ? parsed.error : "");
      requestId = requestIdFrom(parsed.details);
    } else {
      message = text.isBlank() ? "" : "non-JSON answer: " + redactor.snippet(text);
    }
    if (status >= 300 && status < 400) {
      String location = headers.get("Location");
      message = "redirected" + (location == null ? "" : " to " + locationSnippet(location))
          + "; the Jobs API does not redirect, so the host URL is probably wrong (or a login page intercepted the "
          + "request)" + (message.isEmpty() ? "" : ": " + message);
    }
    if (requestId == null) {
      requestId = headers.get("x-request-id");
    }
    return DatabricksApiException.of(endpoint, status, errorCode == null ? null : redactor.redact(errorCode),
        message, requestId == null ? null : redactor.redact(requestId), parseRetryAfter(headers.get("Retry-After")));
  }

  private static String readBody(String endpoint, int status, @Nullable ResponseBody raw) {
    if (raw == null) {
      return "";
    }
    try (raw) {
      BufferedSource source = raw.source();
      if (source.request(JsonBodyConverterFactory.MAX_BODY_BYTES + 1)) {
        throw DatabricksTransportException.unusableResponse(endpoint + " answered " + status + " with a body over "
            + JsonBodyConverterFactory.MAX_BODY_BYTES + " bytes; refusing to read it", status, false, null);
      }
      return source.getBuffer().readUtf8();
    } catch (IOException e) {
      throw DatabricksTransportException.unusableResponse(endpoint + " answered " + status
          + " but the body could not be read (" + e.getClass().getSimpleName()
          + "); the connection was lost mid-answer. The request may have taken effect.", status, true, e);
    }
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
      return errorAdapter().fromJson(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
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

  /** A redirect target without its query (which may carry tokens), for messages. */
  private String locationSnippet(String location) {
    int q = location.indexOf('?');
    String s = q < 0 ? location : location.substring(0, q) + "?…";
    return redactor.redact(s.length() > 120 ? s.substring(0, 120) + "…" : s);
  }
}
