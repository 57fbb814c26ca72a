package io.github.dbexec.internal;

import io.github.dbexec.auth.HeaderFactory;
import java.io.IOException;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's one application interceptor on Jobs API requests. Sets the {@code User-Agent} and the credentials'
 * headers (those the request does not carry already; none when it carries an {@code Authorization} header) in one
 * copy of the request — what {@code CredentialsInterceptor} and a User-Agent interceptor did in two copies and two
 * steps of the chain; a {@link HeaderFactory} failure ({@code CredentialsException}, an {@link IOException}) fails
 * the call before anything is sent. Learns the credential of each request for redaction, records the answer's status
 * for {@link JsonBodyConverterFactory}, and logs each HTTP exchange at DEBUG on logger {@code io.github.dbexec.http}:
 * the endpoint's label (no query, no headers — so never a credential), status and elapsed milliseconds. Bodies are
 * never logged.
 */
public final class RequestLogger implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.http");

  private final Redactor redactor;
  private final @Nullable String userAgent;
  private final @Nullable HeaderFactory credentials;

  /** Logs and records only; the request's headers are left as they are. */
  public RequestLogger(Redactor redactor) {
    this(redactor, null, null);
  }

  /**
   * Also sets {@code User-Agent} to {@code userAgent} (when not null) and adds {@code credentials}' headers (when not
   * null).
   */
  public RequestLogger(Redactor redactor, @Nullable String userAgent, @Nullable HeaderFactory credentials) {
    this.redactor = redactor;
    this.userAgent = userAgent;
    this.credentials = credentials;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = withHeaders(chain.request());
    redactor.addAuthorization(request.header("Authorization"));
    if (!log.isDebugEnabled()) {
      Response response = chain.proceed(request);
      JsonBodyConverterFactory.recordStatus(response.code());
      return response;
    }
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      JsonBodyConverterFactory.recordStatus(response.code());
      log.debug("{} -> {} in {} ms", Endpoints.label(request), response.code(),
          (System.nanoTime() - start) / 1_000_000);
      return response;
    } catch (IOException e) {
      log.debug("{} -> failed after {} ms: {}", Endpoints.label(request), (System.nanoTime() - start) / 1_000_000,
          e.getClass().getSimpleName());
      throw e;
    }
  }

  private Request withHeaders(Request request) throws IOException {
    Map<String, String> headers =
        credentials == null || request.header("Authorization") != null ? Map.of() : credentials.headers();
    if (userAgent == null && headers.isEmpty()) {
      return request;
    }
    Request.Builder builder = request.newBuilder();
    if (userAgent != null) {
      builder.header("User-Agent", userAgent);
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (request.header(header.getKey()) == null) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    return builder.build();
  }
}
