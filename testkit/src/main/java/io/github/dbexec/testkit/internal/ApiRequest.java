package io.github.dbexec.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Jobs API call as the handlers see it: the API version, the endpoint (path after {@code /api/2.x}),
 * query parameters and the JSON body, with typed accessors that answer 400 for wrong types.
 *
 * <p>For GET requests parameters come from the query string; for POST requests from the JSON body.
 * Unknown fields are ignored, as the real service does.
 */
public final class ApiRequest {
  private final String method;
  private final String apiVersion;
  private final String endpoint;
  private final Map<String, List<String>> query;
  private final String bodyText;
  private @Nullable Map<String, Object> body;

  public ApiRequest(String method, String apiVersion, String endpoint, Map<String, List<String>> query,
      String bodyText) {
    this.method = method;
    this.apiVersion = apiVersion;
    this.endpoint = endpoint;
    this.query = query;
    this.bodyText = bodyText;
  }

  public String method() {
    return method;
  }

  /** "2.1" or "2.2". */
  public String apiVersion() {
    return apiVersion;
  }

  /** The path after {@code /api/2.x}, e.g. {@code /jobs/run-now}. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The JSON body as a map; an empty map for an empty body.
   *
   * @throws ApiException 400 MALFORMED_REQUEST when the body is not a JSON object
   */
  public Map<String, Object> body() {
    if (body == null) {
      if (bodyText.isBlank()) {
        body = new LinkedHashMap<>();
      } else {
        Object parsed;
        try {
          parsed = Json.parse(bodyText);
        } catch (Json.MalformedJsonException e) {
          throw new ApiException(400, "MALFORMED_REQUEST",
              "Invalid JSON given in the body of the request - " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
          throw new ApiException(400, "MALFORMED_REQUEST",
              "Invalid JSON given in the body of the request - expected a map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        body = map;
      }
    }
    return body;
  }

  private boolean isGet() {
    return "GET".equals(method);
  }

  /** The raw value: a query string (GET) or a JSON value (other methods); null when absent. */
  public @Nullable Object raw(String name) {
    if (isGet()) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
    return body().get(name);
  }

  public boolean has(String name) {
    return raw(name) != null;
  }

  /** A required int64 field, e.g. {@code job_id}. */
  public long requiredLong(String name) {
    Long value = optionalLong(name);
    if (value == null) {
      throw ApiException.invalidParameter("Missing required field: " + name);
    }
    return value;
  }

  public @Nullable Long optionalLong(String name) {
    Object value = raw(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof String) {
      // query strings, and int64 sent as a JSON string (accepted by protobuf JSON mapping)
      try {
        return Long.parseLong(((String) value).trim());
      } catch (NumberFormatException e) {
        throw ApiException.invalidParameter(
            "Could not parse request object: Expected an integer for '" + name + "' but got '" + value + "'");
      }
    }
    throw ApiException.invalidParameter(
        "Could not parse request object: Expected an integer for '" + name + "' but got " + Json.write(value));
  }

  public @Nullable String optionalString(String name) {
    Object value = raw(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    throw ApiException.invalidParameter(
        "Could not parse request object: Expected a string for '" + name + "' but got " + Json.write(value));
  }

  public @Nullable Boolean optionalBoolean(String name) {
    Object value = raw(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String && isGet()) {
      String s = ((String) value).trim();
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw ApiException.invalidParameter(
        "Could not parse request object: Expected a boolean for '" + name + "' but got " + Json.write(value));
  }

  /** A JSON object field (POST only); null when absent. */
  public @Nullable Map<String, Object> optionalObject(String name) {
    Object value = raw(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return map;
    }
    throw ApiException.invalidParameter(
        "Could not parse request object: Expected an object for '" + name + "' but got " + Json.write(value));
  }

  /** A JSON array field (POST only); null when absent. */
  public @Nullable List<Object> optionalArray(String name) {
    Object value = raw(name);
    if (value == null) {
      return null;
    }
    if (value instanceof List) {
      return new ArrayList<>((List<?>) value);
    }
    throw ApiException.invalidParameter(
        "Could not parse request object: Expected an array for '" + name + "' but got " + Json.write(value));
  }

  /** A {@code map<string,string>} field (e.g. {@code notebook_params}); values must be strings. */
  public @Nullable Map<String, String> optionalStringMap(String name) {
    Map<String, Object> map = optionalObject(name);
    if (map == null) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (!(e.getValue() instanceof String)) {
        throw ApiException.invalidParameter("Could not parse request object: Expected a string for '"
            + name + "." + e.getKey() + "' but got " + Json.write(e.getValue()));
      }
      result.put(e.getKey(), (String) e.getValue());
    }
    return result;
  }

  /** A {@code string[]} field (e.g. {@code jar_params}); items must be strings. */
  public @Nullable List<String> optionalStringList(String name) {
    List<Object> list = optionalArray(name);
    if (list == null) {
      return null;
    }
    List<String> result = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String)) {
        throw ApiException.invalidParameter("Could not parse request object: Expected a string in '"
            + name + "' but got " + Json.write(item));
      }
      result.add((String) item);
    }
    return result;
  }
}
