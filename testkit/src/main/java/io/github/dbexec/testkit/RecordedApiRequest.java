package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.Json;
import io.github.dbexec.testkit.internal.JournalEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One request the {@link FakeJobsServer} received, as recorded in its {@link RequestJournal}: every request is
 * recorded, including rejected ones and ones a fault dropped. A snapshot taken when the journal was read:
 * {@link #responseCode()} is what had been answered by then.
 *
 * @param sequenceNumber the 0-based arrival number on this server (keeps counting across
 *     {@link RequestJournal#clear()})
 * @param method the HTTP method, upper case
 * @param path the path without the query string, e.g. {@code /api/2.2/jobs/run-now}
 * @param endpoint the path after {@code /api/2.x}, e.g. {@code /jobs/run-now}; the whole path for non-API
 *     paths
 * @param apiVersion "2.1" or "2.2" for Jobs API paths; "" for other paths (OAuth, unknown)
 * @param queryParameters all query parameters, decoded, in order of first appearance
 * @param headers the request headers in arrival order, names as sent (look them up case-insensitively with
 *     {@link #header(String)})
 * @param body the body as UTF-8 text; "" for none. Bodies longer than the journal's per-request limit
 *     ({@link FakeJobsServer.Builder#journalMaxBodyBytes(int)}) are cut there; see {@link #bodyTruncated()}
 * @param bodyTruncated whether {@code body} was cut to the journal's per-request limit
 * @param receivedAtMillis when it arrived, epoch ms on the server's {@link FakeClock}
 * @param viaProxy whether the client sent it to this server as its HTTP proxy (absolute URL in the request
 *     line); the original host is then in {@code header("Host")}
 * @param responseCode the HTTP status the server answered with; 0 while it had not answered yet; -1 when it
 *     sent no response (a dropped connection, a lost response, no response)
 * @param responseErrorCode the {@code error_code} when the server itself answered with an error (e.g.
 *     INVALID_PARAMETER_VALUE, ENDPOINT_NOT_FOUND); null for successful answers and for injected faults
 */
public record RecordedApiRequest(long sequenceNumber, String method, String path, String endpoint,
    String apiVersion, Map<String, List<String>> queryParameters, List<Map.Entry<String, String>> headers,
    String body, boolean bodyTruncated, long receivedAtMillis, boolean viaProxy, int responseCode,
    @Nullable String responseErrorCode) {

  /**
   * Checks the components.
   *
   * @param sequenceNumber the 0-based arrival number on this server (keeps counting across
   *     {@link RequestJournal#clear()})
   * @param method the HTTP method, upper case
   * @param path the path without the query string, e.g. {@code /api/2.2/jobs/run-now}
   * @param endpoint the path after {@code /api/2.x}, e.g. {@code /jobs/run-now}; the whole path for non-API
   *     paths
   * @param apiVersion "2.1" or "2.2" for Jobs API paths; "" for other paths (OAuth, unknown)
   * @param queryParameters all query parameters, decoded, in order of first appearance
   * @param headers the request headers in arrival order, names as sent (look them up case-insensitively with
   *     {@link #header(String)})
   * @param body the body as UTF-8 text; "" for none. Bodies longer than the journal's per-request limit
   *     ({@link FakeJobsServer.Builder#journalMaxBodyBytes(int)}) are cut there; see {@link #bodyTruncated()}
   * @param bodyTruncated whether {@code body} was cut to the journal's per-request limit
   * @param receivedAtMillis when it arrived, epoch ms on the server's {@link FakeClock}
   * @param viaProxy whether the client sent it to this server as its HTTP proxy (absolute URL in the request
   *     line); the original host is then in {@code header("Host")}
   * @param responseCode the HTTP status the server answered with; 0 while it had not answered yet; -1 when it
   *     sent no response (a dropped connection, a lost response, no response)
   * @param responseErrorCode the {@code error_code} when the server itself answered with an error (e.g.
   *     INVALID_PARAMETER_VALUE, ENDPOINT_NOT_FOUND); null for successful answers and for injected faults
   * @throws NullPointerException when a component that may not be null is null
   */
  public RecordedApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(apiVersion, "apiVersion");
    queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  static RecordedApiRequest of(JournalEntry entry) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 0; i < entry.headers().size(); i++) {
      headers.add(Map.entry(entry.headers().name(i), entry.headers().value(i)));
    }
    return new RecordedApiRequest(entry.sequence(), entry.method(), entry.path(), entry.endpoint(),
        entry.apiVersion(), entry.query(), headers, entry.body(), entry.bodyTruncated(), entry.receivedAtMillis(),
        entry.viaProxy(), entry.response().status(), entry.response().errorCode());
  }

  /**
   * The first value of a query parameter, decoded; null when absent.
   *
   * @param name the query parameter's name
   * @return the first value, or null when absent
   */
  public @Nullable String queryParameter(String name) {
    List<String> values = queryParameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The names of the request headers, in order.
   *
   * @return the names, lower case
   */
  public Set<String> headerNames() {
    Set<String> names = new LinkedHashSet<>();
    headers.forEach(h -> names.add(h.getKey()));
    return names;
  }

  /**
   * A request header (case-insensitive name; the last value when repeated); null when absent.
   *
   * @param name the header's name
   * @return the first value, or null when absent
   */
  public @Nullable String header(String name) {
    String value = null;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        value = h.getValue();
      }
    }
    return value;
  }

  /**
   * The body parsed as a JSON object (integral numbers as {@code Long}); an empty map when the body is empty
   * or not a JSON object. Parsed on every call.
   *
   * @return the body's fields
   */
  public Map<String, Object> jsonBody() {
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = (Map<String, Object>) Json.deepCopy(Json.parseObjectLeniently(body));
    return parsed;
  }

  /**
   * Whether it matches a method ("*" = any) and path suffix ("" = any), as {@link RequestJournal#find} does.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathSuffix the end of the request path, e.g. {@code /jobs/run-now} (any API version)
   * @return whether both match
   */
  public boolean matches(String method, String pathSuffix) {
    boolean methodMatches = method.equals("*") || method.equalsIgnoreCase(this.method);
    boolean pathMatches = pathSuffix.isEmpty() || endpoint.equals(pathSuffix) || path.endsWith(pathSuffix);
    return methodMatches && pathMatches;
  }

  @Override
  public String toString() {
    return "RecordedApiRequest{#" + sequenceNumber + " " + method + " " + path
        + (queryParameters.isEmpty() ? "" : " " + queryParameters) + " -> " + responseCode + "}";
  }
}
