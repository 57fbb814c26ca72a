package io.github.dbexec.internal;

import com.squareup.moshi.Moshi;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.JobsApiVersion;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.RetryListener;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.Sleeper;
import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.CredentialsInterceptor;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.HeaderFactory;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TlsConfig;
import io.github.dbexec.events.EventSink;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Everything an executor runs on, wired once from its settings: the HTTP client (timeouts, proxy, TLS, user agent,
 * credentials, the redacting logger), the typed {@link JobsService}, the attempt loop, the submit path, the queue
 * reporter, the waiter, the pager, the event emitter, and the executor's threads (a bounded submission pool and a
 * wait scheduler, both started lazily). {@link #close()} releases them. Thread-safe.
 */
public final class Engine implements AutoCloseable {
  /** The settings an executor is built from (already validated by its builder). */
  public record Settings(
      HttpUrl host,
      JobsApiVersion apiVersion,
      CredentialsStrategy credentials,
      @Nullable String token,
      @Nullable ProxyConfig proxy,
      @Nullable TlsConfig tls,
      RetryPolicy retryPolicy,
      @Nullable RetryListener retryListener,
      ExecutorListener.Factory listenerFactory,
      QueueReporting queueReporting,
      Duration jobSettingsTtl,
      List<EventSink> ownedSinks,
      List<EventSink> sharedSinks,
      Clock clock,
      Sleeper sleeper,
      Duration connectTimeout,
      Duration readTimeout,
      Duration callTimeout,
      int maxSubmissionsInFlight,
      @Nullable OkHttpClient httpClient,
      @Nullable String productName,
      @Nullable String productVersion) {}

  public final OkHttpClient baseClient;
  public final ApiCaller caller;
  public final JobsService service;
  public final Submitter submitter;
  public final RunWaiter waiter;
  public final RunsPager pager;
  public final Lookups lookups;
  public final EventEmitter events;
  public final Redactor redactor;
  private final boolean ownsHttpClient;
  private final OkHttpClient httpClient;
  private final int maxSubmissionsInFlight;
  private final Object lazyLock = new Object();
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable ExecutorService submitPool;
  private volatile boolean closed;

  public Engine(Settings s) {
    this.baseClient = s.httpClient() != null ? s.httpClient() : new OkHttpClient();
    this.ownsHttpClient = s.httpClient() == null;
    this.maxSubmissionsInFlight = s.maxSubmissionsInFlight();
    this.redactor = Redactor.create();
    redactor.addSecret(s.token());
    OkHttpClient.Builder http =
        baseClient.newBuilder()
            .connectTimeout(s.connectTimeout())
            .readTimeout(s.readTimeout())
            .writeTimeout(s.readTimeout())
            .callTimeout(s.callTimeout())
            // the Jobs API never redirects; a redirect is a login page or a wrong host, and following it would
            // turn a POST into a GET — surface it instead
            .followRedirects(false)
            .followSslRedirects(false);
    if (s.proxy() != null) {
      s.proxy().applyTo(http);
    }
    if (s.tls() != null) {
      s.tls().applyTo(http);
    }
    String userAgent = UserAgent.value(s.productName(), s.productVersion());
    http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()));
    // token endpoints (OAuth, Entra ID) go through the same proxy and TLS settings, without our credentials
    OkHttpClient authClient = http.build();
    HeaderFactory headers = s.credentials().configure(
        AuthContext.builder().host(s.host()).httpClient(authClient).clock(s.clock()).build());
    this.httpClient = http.addInterceptor(CredentialsInterceptor.of(headers))
        .addInterceptor(new RequestLogger(redactor)).build();

    Moshi moshi = new Moshi.Builder().build();
    this.service =
        new Retrofit.Builder()
            .baseUrl(s.host().newBuilder().addPathSegments("api/" + s.apiVersion().path() + "/").build())
            .client(httpClient)
            .addConverterFactory(new JsonBodyConverterFactory(moshi))
            .addConverterFactory(MoshiConverterFactory.create(moshi))
            .build()
            .create(JobsService.class);
    ErrorMapper errors = new ErrorMapper(moshi.adapter(Wire.ErrorBody.class), s.clock(), redactor);
    this.caller = new ApiCaller(errors, redactor, s.retryPolicy(), s.clock(), s.sleeper(), s.listenerFactory(),
        s.retryListener(), new SecureRandom());
    this.events = new EventEmitter(s.ownedSinks(), s.sharedSinks(), redactor, s.clock());
    QueueReporter queueReporter =
        new QueueReporter(service, caller, s.queueReporting(), s.jobSettingsTtl(), s.clock());
    this.submitter = new Submitter(service, caller, queueReporter, events, s.clock());
    this.pager = new RunsPager(service, caller);
    this.lookups = new Lookups(service, caller, pager);
    this.waiter = new RunWaiter(service, caller, s.clock(), s.sleeper(), events, this::scheduler);
  }

  /**
   * Runs {@code work} on the bounded submission pool (at most {@code maxSubmissionsInFlight} at once, the rest
   * waiting in order). The future fails with the work's own exception (not wrapped in a CompletionException, as
   * supplyAsync would), so {@code exceptionally(e -> ...)} sees a DatabricksException.
   */
  public <T> CompletableFuture<T> onSubmitPool(Supplier<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    submitPool().execute(() -> {
      if (future.isDone()) {
        return; // cancelled by the caller while waiting for a slot
      }
      try {
        future.complete(work.get());
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e);
      }
    });
    return future;
  }

  private ScheduledExecutorService scheduler() {
    synchronized (lazyLock) {
      if (closed) {
        throw new IllegalStateException("this DatabricksExecutor is closed");
      }
      if (scheduler == null) {
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("dbexec-wait-scheduler"));
      }
      return scheduler;
    }
  }

  private ExecutorService submitPool() {
    synchronized (lazyLock) {
      if (closed) {
        throw new IllegalStateException("this DatabricksExecutor is closed");
      }
      if (submitPool == null) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxSubmissionsInFlight, maxSubmissionsInFlight, 30,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("dbexec-submit"));
        pool.allowCoreThreadTimeOut(true);
        submitPool = pool;
      }
      return submitPool;
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Stops the threads, flushes and closes the owned sinks, and releases the HTTP connection pool and dispatcher
   * unless the caller supplied the {@link OkHttpClient}. Requests in flight may fail.
   */
  @Override
  public void close() {
    synchronized (lazyLock) {
      closed = true;
      if (submitPool != null) {
        submitPool.shutdown();
      }
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    events.close();
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }
}
