package io.github.dbexec.testkit.internal;

import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * One request as the server received it.
 *
 * @param sequence 0-based arrival number on this server (keeps counting across journal clears)
 * @param method the HTTP method, upper case
 * @param path the path without the query string
 * @param apiVersion "2.1"/"2.2" for {@code /api/2.x/...} paths, "" otherwise
 * @param query the decoded query parameters
 * @param headers the request headers
 * @param body the body as UTF-8 text ("" for none), possibly cut to the journal's per-request limit
 * @param bodyTruncated whether {@code body} was cut
 * @param bodySize the size of the body as sent, in bytes
 * @param receivedAtMillis the fake clock's time when the request arrived (epoch ms)
 * @param response where the dispatcher notes the status it answered with
 * @param viaProxy whether the request line had an absolute URL (the client used this server as its HTTP
 *     proxy)
 */
public record JournalEntry(long sequence, String method, String path, String apiVersion,
    Map<String, List<String>> query, Headers headers, String body, boolean bodyTruncated, long bodySize, long receivedAtMillis,
    ResponseSlot response, boolean viaProxy) {

  /** The status a request was answered with: 0 until answered, -1 when no response was sent. */
  public static final class ResponseSlot {
    private volatile int status;
    private volatile @Nullable String errorCode;

    /** The {@code error_code} of the server's own error answer, or null. */
    public @Nullable String errorCode() {
      return errorCode;
    }

    public void errorCode(@Nullable String errorCode) {
      this.errorCode = errorCode;
    }

    public int status() {
      return status;
    }

    public void set(int status) {
      this.status = status;
    }
  }

  /** The path after {@code /api/2.x} (e.g. {@code /jobs/run-now}), or the whole path for other paths. */
  public String endpoint() {
    if (apiVersion.isEmpty()) {
      return path;
    }
    return path.substring(("/api/" + apiVersion).length());
  }

  /**
   * Whether this request matches a method ({@code "*"} = any, case-insensitive) and a path suffix
   * ({@code ""} = any; otherwise the endpoint equals it or the path ends with it).
   */
  public boolean matches(String methodPattern, String pathSuffix) {
    boolean methodMatches = methodPattern.equals("*") || methodPattern.equalsIgnoreCase(method);
    boolean pathMatches = pathSuffix.isEmpty() || endpoint().equals(pathSuffix) || path.endsWith(pathSuffix);
    return methodMatches && pathMatches;
  }
}
