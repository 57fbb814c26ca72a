package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.Json;
import io.github.dbexec.testkit.internal.JournalEntry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request the {@link FakeJobsServer} received, as recorded in its {@link RequestJournal}: every request is
 * recorded, including rejected ones and ones a fault dropped. Immutable.
 */
public final class RecordedApiRequest {
  private final JournalEntry entry;
  private @Nullable Map<String, Object> jsonBody;

  RecordedApiRequest(JournalEntry entry) {
    this.entry = entry;
  }

  /** The 0-based arrival number on this server (keeps counting across {@link RequestJournal#clear()}). */
  public long sequenceNumber() {
    return entry.sequence();
  }

  /**
   * Whether the client sent it to this server as its HTTP proxy (absolute URL in the request line); the
   * original host is then in {@code header("Host")}.
   */
  public boolean viaProxy() {
    return entry.viaProxy();
  }

  /** The HTTP method, upper case. */
  public String method() {
    return entry.method();
  }

  /** The path without the query string, e.g. {@code /api/2.2/jobs/run-now}. */
  public String path() {
    return entry.path();
  }

  /** The path after {@code /api/2.x}, e.g. {@code /jobs/run-now}; the whole path for non-API paths. */
  public String endpoint() {
    return entry.endpoint();
  }

  /** "2.1" or "2.2" for Jobs API paths; "" for other paths (OAuth, unknown). */
  public String apiVersion() {
    return entry.apiVersion();
  }

  /** The first value of a query parameter, decoded; null when absent. */
  public @Nullable String queryParameter(String name) {
    List<String> values = entry.query().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All query parameters, decoded, in order of first appearance. */
  public Map<String, List<String>> queryParameters() {
    return entry.query();
  }

  /** The names of the request headers, in order. */
  public java.util.Set<String> headerNames() {
    return entry.headers().names();
  }

  /** A request header (case-insensitive name); null when absent. */
  public @Nullable String header(String name) {
    return entry.headers().get(name);
  }

  /** The body as UTF-8 text; "" for none. */
  public String body() {
    return entry.body();
  }

  /**
   * The body parsed as a JSON object (integral numbers as {@code Long}); an empty map when the body is empty
   * or not a JSON object.
   */
  public synchronized Map<String, Object> jsonBody() {
    if (jsonBody == null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) Json.deepCopy(Json.parseObjectLeniently(entry.body()));
      jsonBody = parsed;
    }
    return jsonBody;
  }

  /**
   * The HTTP status the server answered with; 0 while it has not answered yet; -1 when it sent no response
   * (a dropped connection, a lost response, no response).
   */
  public int responseCode() {
    return entry.response().status();
  }

  /**
   * The {@code error_code} when the server itself answered with an error (e.g. INVALID_PARAMETER_VALUE,
   * ENDPOINT_NOT_FOUND); null for successful answers and for injected faults.
   */
  public @Nullable String responseErrorCode() {
    return entry.response().errorCode();
  }

  /** When it arrived, epoch ms on the server's {@link FakeClock}. */
  public long receivedAtMillis() {
    return entry.receivedAtMillis();
  }

  /** Whether it matches a method ("*" = any) and path suffix ("" = any), as {@link RequestJournal#find} does. */
  public boolean matches(String method, String pathSuffix) {
    return entry.matches(method, pathSuffix);
  }

  @Override
  public String toString() {
    return "RecordedApiRequest{#" + entry.sequence() + " " + entry.method() + " " + entry.path()
        + (entry.query().isEmpty() ? "" : " " + entry.query()) + " -> " + entry.response().status() + "}";
  }
}
