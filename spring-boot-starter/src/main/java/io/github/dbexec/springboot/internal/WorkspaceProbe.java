package io.github.dbexec.springboot.internal;

import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.CredentialsInterceptor;
import io.github.dbexec.auth.HeaderFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Checks that a workspace is reachable and accepts the credentials with one cheap call,
 * {@code GET /api/2.x/jobs/list?limit=1}, on a small HTTP client of its own (the same credentials strategy, proxy
 * and User-Agent rules as the executor; no retries). Reports status and error code, never a header or a secret.
 * Thread-safe.
 */
public final class WorkspaceProbe {
  private static final Pattern ERROR_CODE = Pattern.compile("\"error_code\"\\s*:\\s*\"?([A-Za-z0-9_]+)\"?");
  private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{0,200})\"");

  private final ResolvedWorkspace workspace;
  private final OkHttpClient client;

  /** A probe of {@code workspace} whose calls end within {@code timeout}. */
  public WorkspaceProbe(ResolvedWorkspace workspace, Duration timeout) {
    this.workspace = workspace;
    OkHttpClient.Builder http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout)
        .readTimeout(timeout).followRedirects(false).followSslRedirects(false);
    if (workspace.proxy() != null) {
      workspace.proxy().applyTo(http);
    }
    OkHttpClient authClient = http.build();
    HeaderFactory headers = workspace.credentials().configure(
        AuthContext.builder().host(workspace.host()).httpClient(authClient).clock(Clock.systemUTC()).build());
    this.client = authClient.newBuilder().addInterceptor(CredentialsInterceptor.of(headers)).build();
  }

  /** One check's answer: whether the workspace is usable, and details safe to show. */
  public record Result(boolean up, Map<String, Object> details) {}

  /** Calls the workspace once. */
  public Result check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("host", workspace.host().toString());
    details.put("authType", workspace.authType());
    Request request = new Request.Builder()
        .url(workspace.host().newBuilder().addPathSegments("api/" + workspace.apiVersion().path() + "/jobs/list")
            .addQueryParameter("limit", "1").build())
        .header("User-Agent", "dbexec-spring-boot-health")
        .get().build();
    try (Response response = client.newCall(request).execute()) {
      details.put("status", response.code());
      if (response.isSuccessful()) {
        return new Result(true, details);
      }
      String text = response.peekBody(4096).string();
      Matcher code = ERROR_CODE.matcher(text);
      if (code.find()) {
        details.put("errorCode", code.group(1));
      }
      Matcher message = MESSAGE.matcher(text);
      if (message.find()) {
        details.put("message", message.group(1));
      }
      details.put("error", response.code() == 401 || response.code() == 403
          ? "the workspace refused the credentials" : "the workspace answered with an error");
      return new Result(false, details);
    } catch (IOException e) {
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(false, details);
    }
  }

  /** Releases the probe's connections and threads. */
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
