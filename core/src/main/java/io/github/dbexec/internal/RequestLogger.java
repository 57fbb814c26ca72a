package io.github.dbexec.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's innermost application interceptor. Learns the credential of each request for redaction, records
 * the answer's status for {@link JsonBodyConverterFactory}, and logs each HTTP exchange at DEBUG on logger
 * {@code io.github.dbexec.http}: the endpoint's label (no query, no headers — so never a credential), status and
 * elapsed milliseconds. Bodies are never logged.
 */
public final class RequestLogger implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.http");

  private final Redactor redactor;

  public RequestLogger(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
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
}
