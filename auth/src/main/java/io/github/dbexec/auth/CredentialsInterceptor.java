package io.github.dbexec.auth;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp application interceptor that adds a {@link HeaderFactory}'s headers to every request that does
 * not already carry an {@code Authorization} header.
 *
 * <p>Headers the request already has are kept (a caller may set its own). When the factory fails, the
 * call fails with its {@link CredentialsException} (an {@link IOException}) and no request is sent.
 * Thread-safe.
 *
 * <pre>{@code
 * HeaderFactory headers = credentials.configure(context);
 * OkHttpClient apiClient = client.newBuilder()
 *     .addInterceptor(CredentialsInterceptor.of(headers))
 *     .build();
 * }</pre>
 */
public final class CredentialsInterceptor implements Interceptor {

  private final HeaderFactory headerFactory;

  private CredentialsInterceptor(HeaderFactory headerFactory) {
    this.headerFactory = headerFactory;
  }

  /**
   * Returns an interceptor adding {@code headerFactory}'s headers.
   *
   * @param headerFactory where the headers come from, not null
   * @return the interceptor
   * @throws NullPointerException if {@code headerFactory} is null
   */
  public static CredentialsInterceptor of(HeaderFactory headerFactory) {
    return new CredentialsInterceptor(Objects.requireNonNull(headerFactory, "headerFactory"));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    Map<String, String> headers = headerFactory.headers();
    Request.Builder builder = request.newBuilder();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (request.header(header.getKey()) == null) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    return chain.proceed(builder.build());
  }

  @Override
  public String toString() {
    return "CredentialsInterceptor{" + headerFactory.getClass().getSimpleName() + "}";
  }
}
