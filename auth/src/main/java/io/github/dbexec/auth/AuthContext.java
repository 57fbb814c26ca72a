package io.github.dbexec.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CredentialsStrategy} needs to talk to token endpoints: the workspace host, the HTTP
 * client, the clock and the sleeper.
 *
 * <p>The HTTP client should be the executor's own client, already carrying its proxy and TLS settings
 * ({@link ProxyConfig#applyTo}, {@link TlsConfig#applyTo}) but <em>not</em> the
 * {@link CredentialsInterceptor}, so that OAuth token endpoints are reached through the same proxy and
 * trust the same certificate authorities as the Jobs API. Immutable and thread-safe.
 *
 * <pre>{@code
 * AuthContext context = AuthContext.builder()
 *     .host("https://adb-1234567890123456.7.azuredatabricks.net")
 *     .httpClient(client)
 *     .build();
 * }</pre>
 */
public final class AuthContext {

  /** Waits between attempts at a token endpoint; tests pass one that records the wait and returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Blocks for {@code duration}.
     *
     * @param duration how long to wait, {@code >= 0}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpUrl host;
  private final OkHttpClient httpClient;
  private final Clock clock;
  private final Sleeper sleeper;

  private AuthContext(Builder builder) {
    HttpUrl host = builder.host;
    if (host == null) {
      throw new IllegalArgumentException("host is required");
    }
    this.host = host;
    this.httpClient = builder.httpClient != null ? builder.httpClient : new OkHttpClient();
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
  }

  /**
   * Returns a new builder; {@code host} is required.
   *
   * @return a builder with the default clock and sleeper
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The workspace URL, such as {@code https://adb-1234567890123456.7.azuredatabricks.net/}.
   *
   * @return the workspace URL, never null
   */
  public HttpUrl host() {
    return host;
  }

  /**
   * The client used for token endpoints (and discovery); carries the executor's proxy and TLS settings.
   *
   * @return the client for token endpoints, never null
   */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /**
   * The clock token caches use to decide when a token expires; {@link Clock#systemUTC()} by default.
   *
   * @return the clock, never null
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Waits between attempts at a token endpoint (backoff, {@code Retry-After}); by default
   * {@link Thread#sleep(long)}.
   *
   * @return the sleeper, never null
   */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "AuthContext{host=" + host + ", clock=" + clock + "}";
  }

  /** Mutable, not thread-safe builder of {@link AuthContext}. */
  public static final class Builder {
    private @Nullable HttpUrl host;
    private @Nullable OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

    private Builder() {}

    /**
     * The workspace URL. Required.
     *
     * @param host the workspace URL, not null
     * @return this builder
     * @throws NullPointerException if {@code host} is null
     */
    public Builder host(HttpUrl host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The workspace URL as text: {@code https://adb-123.7.azuredatabricks.net}; a bare host name gets
     * {@code https://}. Required.
     *
     * @param host the workspace URL or bare host name, not null
     * @return this builder
     * @throws IllegalArgumentException if {@code host} is not an HTTP(S) URL
     */
    public Builder host(String host) {
      this.host = HostUrls.parse(Objects.requireNonNull(host, "host"), "host");
      return this;
    }

    /**
     * The client for token endpoints, normally the executor's client with its proxy and TLS settings but
     * without the credentials interceptor. Default: a new plain {@link OkHttpClient}.
     *
     * @param httpClient the client, not null
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The clock for token expiry. Default: {@link Clock#systemUTC()}. Tests pass a controllable clock.
     *
     * @param clock the clock, not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Waits between attempts at a token endpoint. Default: {@link Thread#sleep(long)}. Tests pass one that records
     * the wait and returns at once.
     *
     * @param sleeper the sleeper, not null
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context, immutable and thread-safe
     * @throws IllegalArgumentException if {@code host} was not set
     */
    public AuthContext build() {
      return new AuthContext(this);
    }
  }
}
