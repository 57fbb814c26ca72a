package io.github.dbexec.benchmarks;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The HTTP client raw OkHttp uses, and dbexec too when a pool size is set: {@code -Dbench.maxIdleConnections=N} gives
 * both an {@link OkHttpClient} whose connection pool keeps {@code N} idle connections (OkHttp's default is 5), to
 * measure what reopening connections costs with many submissions in flight; 0 (the default): each client's own
 * default. (A class of its own, without the fake server's types, so that the cold-start children load nothing more.)
 */
final class BenchHttp {
  static final int MAX_IDLE_CONNECTIONS = Integer.getInteger("bench.maxIdleConnections", 0);

  private BenchHttp() {}

  /** A new {@link OkHttpClient}: OkHttp's defaults, with the pool of {@link #MAX_IDLE_CONNECTIONS} if set. */
  static OkHttpClient client() {
    if (MAX_IDLE_CONNECTIONS <= 0) {
      return new OkHttpClient();
    }
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
        .build();
  }
}
