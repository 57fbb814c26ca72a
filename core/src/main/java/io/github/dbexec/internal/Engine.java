package io.github.dbexec.internal;

import com.squareup.moshi.Moshi;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.JobsApiVersion;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.RetryListener;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.RunResult;
import io.github.dbexec.Sleeper;
import io.github.dbexec.WaitOptions;
import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.HeaderFactory;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TlsConfig;
import io.github.dbexec.events.EventSink;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Everything an executor runs on, wired once from its settings: the HTTP client (timeouts, proxy, TLS, user agent,
 * credentials, the redacting logger), the typed {@link JobsService}, the attempt loop, the submit path, the queue
 * reporter, the waiter, the pager, the event emitter, and the executor's threads (a bounded submission pool and a
 * wait scheduler, both started lazily). {@link #close()} releases them. Thread-safe.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

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
      @Nullable String productVersion,
      Duration closeTimeout) {}

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
  private final Duration closeTimeout;
  private final Object lazyLock = new Object();
  private final Set<CompletableFuture<?>> pendingSubmissions = ConcurrentHashMap.newKeySet();
  private final Map<CompletableFuture<RunResult>, Long> pendingWaits = new ConcurrentHashMap<>();
  /**
   * Submissions in flight. Counted without a lock (64 threads submitting at once used to queue on lazyLock twice
   * per submission); close() waits on lazyLock, notified by the last one to leave once closed is set.
   */
  private final AtomicInteger inFlight = new AtomicInteger();
  private @Nullable ScheduledExecutorService scheduler;
  private volatile @Nullable ExecutorService submitPool;
  private volatile boolean closed;

  public Engine(Settings s) {
    this.baseClient = s.httpClient() != null ? s.httpClient() : new OkHttpClient();
    this.ownsHttpClient = s.httpClient() == null;
    this.maxSubmissionsInFlight = s.maxSubmissionsInFlight();
    this.closeTimeout = s.closeTimeout();
    this.redactor = Redactor.create();
    redactor.addSecret(s.token());
    redactor.addCredentials(s.credentials(), s.proxy());
    OkHttpClient.Builder http =
        baseClient.newBuilder()
            .connectTimeout(s.connectTimeout())
            .readTimeout(s.readTimeout())
            .writeTimeout(s.readTimeout())
            .callTimeout(s.callTimeout())
            // the Jobs API never redirects; a redirect is a login page or a wrong host, and following it would
            // turn a POST into a GET — surface it instead
            .followRedirects(false)
            .followSslRedirects(false)
            // one retry mechanism: OkHttp would silently repeat a request whose answer was lost (a POST included),
            // outside the RetryPolicy, its listener and the attempt counts; every repeat goes through ApiCaller
            .retryOnConnectionFailure(false);
    if (s.proxy() != null) {
      s.proxy().applyTo(http);
    }
    if (s.tls() != null) {
      s.tls().applyTo(http);
    }
    String userAgent = UserAgent.value(s.productName(), s.productVersion());
    // token endpoints (OAuth, Entra ID) go through the same proxy and TLS settings, with our User-Agent and without
    // our credentials
    okhttp3.Interceptor userAgentOnly =
        chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build());
    http.addInterceptor(userAgentOnly);
    OkHttpClient authClient = http.build();
    http.interceptors().remove(userAgentOnly);
    HeaderFactory headers = s.credentials().configure(
        AuthContext.builder().host(s.host()).httpClient(authClient).clock(s.clock())
            .sleeper(s.sleeper()::sleep).build());
    // one interceptor sets the User-Agent and the credentials on Jobs API requests: one copy of each request, one
    // step of the chain (it used to be three)
    this.httpClient = http.addInterceptor(new RequestLogger(redactor, userAgent, headers)).build();

    // the adapters of run-now's body and answer are written by hand (no reflection on the first call, nor per
    // call); the others are built by Moshi on first use
    Moshi moshi = new Moshi.Builder().add(WireAdapters.FACTORY).build();
    this.service =
        new Retrofit.Builder()
            .baseUrl(s.host().newBuilder().addPathSegments("api/" + s.apiVersion().path() + "/").build())
            .client(httpClient)
            .addConverterFactory(new JsonBodyConverterFactory(moshi))
            .addConverterFactory(MoshiConverterFactory.create(moshi))
            .build()
            .create(JobsService.class);
    ErrorMapper errors = new ErrorMapper(moshi, s.clock(), redactor);
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
   * Runs a synchronous submission on the calling thread, counted as in flight, so that {@link #close()} waits for it
   * (and for its events).
   *
   * @throws IllegalStateException if the executor is closed
   */
  public <T> T inFlight(Supplier<T> work) {
    enter();
    try {
      return work.get();
    } finally {
      leave();
    }
  }

  /**
   * Runs {@code work} on the bounded submission pool (at most {@code maxSubmissionsInFlight} at once, the rest
   * waiting in order), counted as in flight from now: {@link #close()} waits for it, and fails its future when the
   * close timeout passes first. The future fails with the work's own exception (not wrapped in a
   * CompletionException, as supplyAsync would), so {@code exceptionally(e -> ...)} sees a DatabricksException.
   *
   * @throws IllegalStateException if the executor is closed
   */
  public <T> CompletableFuture<T> onSubmitPool(Supplier<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    ExecutorService pool = submitPool(); // checks that the executor is open
    enter();
    pendingSubmissions.add(future);
    try {
      pool.execute(() -> {
        try {
          if (!future.isDone()) { // else cancelled by the caller, or failed by close(), while waiting for a slot
            future.complete(work.get());
          }
        } catch (RuntimeException | Error e) {
          future.completeExceptionally(e);
        } finally {
          pendingSubmissions.remove(future);
          leave();
        }
      });
    } catch (RejectedExecutionException e) { // close() shut the pool down in between
      pendingSubmissions.remove(future);
      leave();
      throw closedException();
    }
    return future;
  }

  /**
   * {@link RunWaiter#awaitAsync}, tracked so that {@link #close()} completes the future exceptionally rather than
   * leaving it pending for ever.
   *
   * @throws IllegalStateException if the executor is closed
   */
  public CompletableFuture<RunResult> awaitAsync(long runId, WaitOptions options) {
    checkOpen();
    CompletableFuture<RunResult> future = waiter.awaitAsync(runId, options);
    pendingWaits.put(future, runId);
    future.whenComplete((r, e) -> pendingWaits.remove(future));
    if (closed) { // close() may have gone through pendingWaits before this one was added
      future.completeExceptionally(closedWhileWaiting(runId));
    }
    return future;
  }

  /**
   * Counts a submission in flight, unless the executor is closed. Increments before it reads {@code closed} while
   * close() writes {@code closed} before it reads the count: either close() waits for this submission or this
   * submission sees that the executor is closed.
   *
   * @throws IllegalStateException if the executor is closed
   */
  private void enter() {
    inFlight.incrementAndGet();
    if (closed) {
      leave();
      throw closedException();
    }
  }

  private void leave() {
    if (inFlight.decrementAndGet() == 0 && closed) {
      synchronized (lazyLock) {
        lazyLock.notifyAll();
      }
    }
  }

  /**
   * Throws when the executor is closed: it takes no new work.
   *
   * @throws IllegalStateException if {@link #close()} has begun
   */
  public void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private static IllegalStateException closedException() {
    return new IllegalStateException("this DatabricksExecutor is closed; it takes no new work");
  }

  /** The exception a wait pending when the executor closed completes with. */
  static IllegalStateException closedWhileWaiting(long runId) {
    return new IllegalStateException("the DatabricksExecutor was closed while waiting for run " + runId
        + "; the run goes on in the workspace: wait for it with another executor, or read it with run(runId)");
  }

  private ScheduledExecutorService scheduler() {
    synchronized (lazyLock) {
      checkOpen();
      if (scheduler == null) {
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("dbexec-wait-scheduler"));
      }
      return scheduler;
    }
  }

  private ExecutorService submitPool() {
    ExecutorService started = submitPool;
    if (started != null) { // the pool is started once; after that, no lock per submission
      checkOpen();
      return started;
    }
    synchronized (lazyLock) {
      checkOpen();
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
   * The orderly close, bounded as a whole by the close timeout: stops taking new work (new calls throw
   * {@link IllegalStateException}); completes pending asynchronous waits exceptionally; waits for the submissions in
   * flight (their events delivered to the sinks) until the close timeout less a reserve for the sinks (a quarter of
   * it, at most 5 s); then cuts off what is left — its HTTP calls cancelled, its futures failed with a
   * {@link DatabricksTransportException} that says the run may exist; flushes every sink and closes the owned ones
   * within the time left, reporting every event a sink was still taking, and a sink that did not finish, to the
   * events' failure handler ({@code EventFailureHandler.logging()}); finally releases the HTTP connection pool and
   * dispatcher unless the caller supplied the {@link OkHttpClient}. Never throws.
   */
  @Override
  public void close() {
    long start = System.nanoTime();
    long timeout = closeTimeout.toNanos();
    long sinksReserve = Math.min(timeout / 4, TimeUnit.SECONDS.toNanos(5));
    ExecutorService pool;
    ScheduledExecutorService waits;
    synchronized (lazyLock) {
      if (closed) {
        return;
      }
      closed = true;
      pool = submitPool;
      waits = scheduler;
      if (pool != null) {
        pool.shutdown(); // the queued submissions still run, within the close timeout
      }
    }
    pendingWaits.forEach((wait, runId) -> wait.completeExceptionally(closedWhileWaiting(runId)));
    if (waits != null) {
      waits.shutdownNow();
    }
    if (!awaitNoneInFlight(start + timeout - sinksReserve)) {
      cutOff(pool);
    }
    submitter.finishReports(start + timeout - sinksReserve); // queue reports still due, and their events
    events.close(Duration.ofNanos(Math.max(0, start + timeout - System.nanoTime())));
    caller.shutdownNow(); // a synchronous wait still polling on another thread ends at its next poll
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  private boolean awaitNoneInFlight(long deadlineNanos) {
    synchronized (lazyLock) {
      while (inFlight.get() > 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lazyLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void cutOff(@Nullable ExecutorService pool) {
    int left = inFlight.get();
    log.warn("closing: {} submission(s) still in flight after the close timeout of {} ms; cutting them off (their "
        + "runs may exist: repeat them with the same idempotency keys to find them)", left, closeTimeout.toMillis());
    caller.shutdownNow();
    if (pool != null) {
      pool.shutdownNow();
    }
    for (CompletableFuture<?> future : List.copyOf(pendingSubmissions)) {
      future.completeExceptionally(DatabricksTransportException.noResponse("the submission was still in flight when "
          + "the DatabricksExecutor closed, after its close timeout of " + closeTimeout.toMillis() + " ms; the run "
          + "may exist: repeat with the same idempotency key to find it", false, null));
    }
  }
}
