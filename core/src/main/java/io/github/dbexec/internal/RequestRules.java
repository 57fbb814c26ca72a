package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.dbexec.IdempotencyTokens;
import io.github.dbexec.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import okio.Buffer;

/**
 * The Jobs API's rules for run-now and runs/submit requests, written once for both: the 10,000-byte limit on each
 * parameter field's JSON, ASCII-only fields, the idempotency token's length, a non-empty key, no null names or
 * values. Each rule throws {@link InvalidRequestException} naming the field in the Jobs API's spelling. Stateless.
 */
public final class RequestRules {
  /** The Jobs API's limit on each parameter field's JSON, in bytes (UTF-8). */
  public static final int MAX_PARAMETER_JSON_BYTES = io.github.dbexec.RunNowRequest.MAX_PARAMETER_JSON_BYTES;

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private RequestRules() {}

  /** Checks the Jobs API's 10,000-byte limit on one parameter field's JSON. */
  public static void checkParameterSize(String field, @Nullable Object value) {
    if (value == null) {
      return;
    }
    Buffer json = new Buffer();
    try {
      JSON.toJson(json, value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    long bytes = json.size();
    json.clear();
    if (bytes > MAX_PARAMETER_JSON_BYTES) {
      throw new InvalidRequestException(field, field + " is " + bytes + " bytes of JSON; the Jobs API allows at most "
          + MAX_PARAMETER_JSON_BYTES + " per parameter field");
    }
  }

  /** Checks that every value of an ASCII-only field is ASCII. */
  public static void requireAscii(String field, @Nullable List<String> values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      for (int c = 0; c < v.length(); c++) {
        if (v.charAt(c) > 0x7f) {
          throw new InvalidRequestException(field,
              field + "[" + i + "] contains a non-ASCII character at index " + c
                  + "; the Jobs API accepts only ASCII here (use job_parameters for other text)");
        }
      }
    }
  }

  /** Checks a caller-given {@code idempotency_token} (1 to 64 characters) and key (not empty). */
  public static void checkIdempotency(@Nullable String token, @Nullable String key) {
    if (token != null && (token.isEmpty() || token.length() > IdempotencyTokens.MAX_LENGTH)) {
      throw new InvalidRequestException("idempotency_token",
          "idempotency_token must be 1 to " + IdempotencyTokens.MAX_LENGTH + " characters, was " + token.length());
    }
    if (key != null && key.isEmpty()) {
      throw new InvalidRequestException("idempotency_key", "idempotency_key must not be empty");
    }
  }

  /** An unmodifiable, ordered copy of a name-to-value field; null stays null. */
  public static @Nullable Map<String, String> copyMap(String field, @Nullable Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new InvalidRequestException(field, field + " must not contain null names or values (name: "
            + e.getKey() + ")");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** An unmodifiable copy of a list field; null stays null. */
  public static @Nullable List<String> copyList(String field, @Nullable List<String> list) {
    if (list == null) {
      return null;
    }
    List<String> copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String v = list.get(i);
      if (v == null) {
        throw new InvalidRequestException(field, field + "[" + i + "] must not be null");
      }
      copy.add(v);
    }
    return Collections.unmodifiableList(copy);
  }
}
