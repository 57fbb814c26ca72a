package io.github.dbexec.internal;

import io.github.dbexec.JobsApiVersion;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.RetryListener;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.Sleeper;
import io.github.dbexec.auth.ConfigurationException;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TlsConfig;
import io.github.dbexec.auth.TokenCredentials;
import io.github.dbexec.auth.WorkspaceConfig;
import io.github.dbexec.events.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state behind {@code DatabricksExecutor.Builder}, with its defaults, and the checks of
 * {@code build()}: {@link #freeze()} fails with {@link IllegalArgumentException} naming the setting as the builder
 * spells it. Not thread-safe.
 */
public final class SettingsBuilder {
  public @Nullable String host;
  public @Nullable String token;
  public @Nullable CredentialsStrategy credentials;
  public @Nullable ProxyConfig proxy;
  public @Nullable TlsConfig tls;
  public RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
  public @Nullable RetryListener retryListener;
  public ExecutorListener.Factory listenerFactory = ExecutorListener.Factory.NONE;
  public QueueReporting queueReporting = QueueReporting.JOB_SETTINGS;
  public Duration jobSettingsTtl = Duration.ofSeconds(60);
  public final List<EventSink> eventSinks = new ArrayList<>();
  public final List<EventSink> sharedSinks = new ArrayList<>();
  public Clock clock = Clock.systemUTC();
  public Sleeper sleeper = Sleeper.system();
  public Duration connectTimeout = Duration.ofSeconds(10);
  public Duration readTimeout = Duration.ofSeconds(30);
  public Duration callTimeout = Duration.ofSeconds(60);
  public JobsApiVersion apiVersion = JobsApiVersion.V2_2;
  public int maxSubmissionsInFlight = 16;
  public @Nullable OkHttpClient httpClient;
  public @Nullable String productName;
  public @Nullable String productVersion;
  public Duration closeTimeout = Duration.ofSeconds(30);

  /**
   * The host, credentials and proxy the environment describes (see {@code DatabricksExecutor.fromEnvironment}).
   *
   * @throws IllegalArgumentException naming what was tried, without any secret, when nothing usable is configured
   */
  public static SettingsBuilder fromEnvironment(Map<String, String> environment, Path homeDirectory) {
    WorkspaceConfig config;
    try {
      config = WorkspaceConfig.resolve(environment, homeDirectory);
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    SettingsBuilder b = new SettingsBuilder();
    b.host = config.host().toString();
    b.credentials = config.credentials();
    b.proxy = ProxyConfig.fromEnvironment(environment);
    return b;
  }

  /**
   * The settings of an existing executor, sharing its HTTP client ({@code base}); its sinks become shared sinks
   * (delivered to, never closed).
   */
  public static SettingsBuilder from(Engine.Settings s, OkHttpClient base) {
    SettingsBuilder b = new SettingsBuilder();
    b.host = s.host().toString();
    b.token = s.token();
    b.credentials = s.token() == null ? s.credentials() : null;
    b.proxy = s.proxy();
    b.tls = s.tls();
    b.retryPolicy = s.retryPolicy();
    b.retryListener = s.retryListener();
    b.listenerFactory = s.listenerFactory();
    b.queueReporting = s.queueReporting();
    b.jobSettingsTtl = s.jobSettingsTtl();
    b.sharedSinks.addAll(s.sharedSinks());
    b.sharedSinks.addAll(s.ownedSinks());
    b.clock = s.clock();
    b.sleeper = s.sleeper();
    b.connectTimeout = s.connectTimeout();
    b.readTimeout = s.readTimeout();
    b.callTimeout = s.callTimeout();
    b.apiVersion = s.apiVersion();
    b.maxSubmissionsInFlight = s.maxSubmissionsInFlight();
    b.httpClient = base;
    b.productName = s.productName();
    b.productVersion = s.productVersion();
    b.closeTimeout = s.closeTimeout();
    return b;
  }

  /**
   * The validated settings.
   *
   * @throws IllegalArgumentException naming the setting when the host is missing or malformed, no credentials
   *     were given, the token is blank, a timeout is not positive, or a count is out of range
   */
  public Engine.Settings freeze() {
    HttpUrl url = parseHost(host);
    CredentialsStrategy strategy = credentials;
    if (strategy == null) {
      if (token == null) {
        throw new IllegalArgumentException("credentials are required: call token(..) or credentials(..)");
      }
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      strategy = TokenCredentials.of(token);
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
    requirePositive("callTimeout", callTimeout);
    if (maxSubmissionsInFlight < 1) {
      throw new IllegalArgumentException("maxSubmissionsInFlight must be >= 1, was " + maxSubmissionsInFlight);
    }
    if (jobSettingsTtl.isNegative()) {
      throw new IllegalArgumentException("jobSettingsTtl must be >= 0, was " + jobSettingsTtl);
    }
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must be >= 0, was " + closeTimeout);
    }
    return new Engine.Settings(url, apiVersion, strategy, credentials == null ? token : null, proxy, tls,
        retryPolicy, retryListener, listenerFactory, queueReporting, jobSettingsTtl, List.copyOf(eventSinks),
        List.copyOf(sharedSinks), clock, sleeper, connectTimeout, readTimeout, callTimeout, maxSubmissionsInFlight,
        httpClient, productName, productVersion, closeTimeout);
  }

  private static HttpUrl parseHost(@Nullable String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required, e.g. https://adb-1234567890123456.7.azuredatabricks.net");
    }
    String h = host.trim();
    HttpUrl url = HttpUrl.parse(h.contains("://") ? h : "https://" + h);
    if (url == null) {
      throw new IllegalArgumentException("host is not a valid http(s) URL: " + host);
    }
    if (url.query() != null || !(url.encodedPath().equals("/") || url.encodedPath().isEmpty())) {
      throw new IllegalArgumentException("host must be the workspace's base URL without a path or query, was "
          + host);
    }
    return url;
  }

  private static void requirePositive(String setting, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(setting + " must be > 0, was " + d);
    }
  }
}
