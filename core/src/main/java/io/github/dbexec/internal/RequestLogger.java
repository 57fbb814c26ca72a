package io.github.dbexec.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange at DEBUG on logger {@code io.github.dbexec.http}: method, path (no query, no headers —
 * so never a credential), status and elapsed milliseconds. Bodies are never logged.
 */
public final class RequestLogger implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.http");

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!log.isDebugEnabled()) {
      return chain.proceed(chain.request());
    }
    Request request = chain.request();
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      log.debug("{} {} -> {} in {} ms", request.method(), request.url().encodedPath(), response.code(),
          (System.nanoTime() - start) / 1_000_000);
      return response;
    } catch (IOException e) {
      log.debug("{} {} -> failed after {} ms: {}", request.method(), request.url().encodedPath(),
          (System.nanoTime() - start) / 1_000_000, e.getClass().getSimpleName());
      throw e;
    }
  }
}
