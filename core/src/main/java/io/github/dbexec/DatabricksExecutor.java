package io.github.dbexec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.CredentialsInterceptor;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.HeaderFactory;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TlsConfig;
import io.github.dbexec.auth.TokenCredentials;
import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.RunQueuedEvent;
import io.github.dbexec.events.RunSkippedEvent;
import io.github.dbexec.events.SubmissionFailedEvent;
import io.github.dbexec.internal.ApiCaller;
import io.github.dbexec.internal.EventEmitter;
import io.github.dbexec.internal.JobsService;
import io.github.dbexec.internal.QueueReporter;
import io.github.dbexec.internal.ResponseReader;
import io.github.dbexec.internal.RunNowCommand;
import io.github.dbexec.internal.UserAgent;
import io.github.dbexec.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Starts Databricks job runs and tells the caller what Databricks did with each: started, queued behind the job's
 * {@code max_concurrent_runs}, or skipped. One executor per workspace, shared: it is thread-safe, holds an HTTP
 * connection pool, and must be {@linkplain #close() closed}.
 *
 * <pre>{@code
 * try (DatabricksExecutor executor = DatabricksExecutor.builder()
 *         .host("https://adb-1234567890123456.7.azuredatabricks.net")
 *         .token(System.getenv("DATABRICKS_TOKEN"))
 *         .build()) {
 *   Submission submission = executor.job(11223344L)
 *       .notebookParams(Map.of("file", "/data/in/part-0001.parquet"))
 *       .idempotencyKey("file-closed:/data/in/part-0001.parquet")
 *       .runNow();
 *   QueueReport queue = submission.queueReport();
 * }
 * }</pre>
 *
 * <p><b>Exactly one run per trigger.</b> Every run-now carries an {@code idempotency_token} (see
 * {@link IdempotencyTokens}), so retries — the executor's, the caller's, another process's — reuse the run the first
 * attempt started.
 *
 * <p><b>Retries.</b> 429 (honouring {@code Retry-After}), 500, 502, 503, 504, connection failures and timeouts are
 * retried per the {@link RetryPolicy}; other 4xx are not. Every call is bounded by the connect, read and call
 * timeouts.
 *
 * <p><b>Events.</b> Each run started produces an {@code AppSubmittedEvent} (field {@code app_id} = the run id) for
 * every {@linkplain Builder#addEventSink sink}; a queued or skipped run also a {@code RunQueuedEvent} or
 * {@code RunSkippedEvent}, and a submission that fails a {@code SubmissionFailedEvent}. A sink that throws is logged
 * and never fails the submission.
 */
public final class DatabricksExecutor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DatabricksExecutor.class);
  private static final int RECENT_TOKENS = 10_000;

  private final HttpUrl host;
  private final JobsApiVersion apiVersion;
  private final String authType;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final JobsService service;
  private final ApiCaller caller;
  private final QueueReporter queueReporter;
  private final EventEmitter events;
  private final Clock clock;
  private final JsonAdapter<Wire.RunNowResponse> runNowResponseAdapter;
  private final JsonAdapter<Object> parameterAdapter;
  private final Map<String, Long> recentTokens =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > RECENT_TOKENS;
        }
      };
  private final AtomicBoolean closed = new AtomicBoolean();

  private DatabricksExecutor(Builder b, HttpUrl host, CredentialsStrategy credentials) {
    this.host = host;
    this.apiVersion = b.apiVersion;
    this.authType = credentials.authType();
    this.clock = b.clock;

    OkHttpClient base = b.httpClient != null ? b.httpClient : new OkHttpClient();
    this.ownsHttpClient = b.httpClient == null;
    OkHttpClient.Builder http =
        base.newBuilder()
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.readTimeout)
            .callTimeout(b.callTimeout);
    if (b.proxy != null) {
      b.proxy.applyTo(http);
    }
    if (b.tls != null) {
      b.tls.applyTo(http);
    }
    String userAgent = UserAgent.value(b.productName, b.productVersion);
    http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()));
    // token endpoints (OAuth, Entra ID) go through the same proxy and TLS settings, without our credentials
    OkHttpClient authClient = http.build();
    HeaderFactory headers =
        credentials.configure(AuthContext.builder().host(host).httpClient(authClient).clock(clock).build());
    this.httpClient = http.addInterceptor(CredentialsInterceptor.of(headers)).build();

    Moshi moshi = new Moshi.Builder().build();
    this.runNowResponseAdapter = moshi.adapter(Wire.RunNowResponse.class);
    this.parameterAdapter = moshi.adapter(Object.class);
    this.service =
        new Retrofit.Builder()
            .baseUrl(host.newBuilder().addPathSegments("api/" + apiVersion.path() + "/").build())
            .client(httpClient)
            .addConverterFactory(MoshiConverterFactory.create(moshi))
            .build()
            .create(JobsService.class);
    ResponseReader reader = new ResponseReader(moshi.adapter(Wire.ErrorBody.class), clock);
    this.caller = new ApiCaller(reader, b.retryPolicy, clock, b.sleeper, b.retryListener, new SecureRandom());
    this.queueReporter =
        new QueueReporter(service, caller, moshi.adapter(Wire.Run.class), moshi.adapter(Wire.Job.class),
            moshi.adapter(Wire.RunList.class), b.queueReporting, b.jobSettingsTtl, clock);
    this.events = new EventEmitter(b.eventSinks);
  }

  /** A new builder. Mutable, not thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A run-now request for the saved job {@code jobId}; set parameters and a key, then call
   * {@link RunNowRequest#runNow()}.
   *
   * @param jobId the job's {@code job_id}, &gt; 0
   * @throws InvalidRequestException if {@code jobId} is not positive
   * @throws IllegalStateException if the executor is closed
   */
  public RunNowRequest job(long jobId) {
    ensureOpen();
    if (jobId <= 0) {
      throw new InvalidRequestException("job_id", "job_id must be > 0, was " + jobId);
    }
    return new RunNowRequest(this, jobId);
  }

  /** The workspace URL, e.g. {@code https://adb-1234567890123456.7.azuredatabricks.net/}. */
  public String host() {
    return host.toString();
  }

  /** The Jobs API version called. */
  public JobsApiVersion apiVersion() {
    return apiVersion;
  }

  Submission runNow(RunNowCommand command) {
    ensureOpen();
    String token = command.idempotencyToken();
    Wire.RunNowResponse response;
    try {
      response = caller.withRetries("POST jobs/run-now", service.runNow(command.body()), runNowResponseAdapter);
    } catch (DatabricksException e) {
      emitFailure(command, e);
      throw e;
    }
    if (response.runId == null || response.runId <= 0) {
      DatabricksTransportException e = new DatabricksTransportException(
          "POST jobs/run-now answered without a run_id; the run may exist: repeat with the same idempotency key "
              + "to find it", 200, false, null);
      emitFailure(command, e);
      throw e;
    }
    long runId = response.runId;
    long submittedAt = clock.millis();
    boolean deduplicated = remember(token, runId);
    QueueReporter.Result queue = queueReporter.report(command.jobId(), runId);
    Submission submission =
        new Submission(runId, command.jobId(), response.numberInJob, token, command.idempotencyKey(),
            queue.report(), queue.run() == null ? null : queue.run().runPageUrl, submittedAt, deduplicated);
    log.debug("run-now of job {} -> run {} ({}{})", command.jobId(), runId, queue.report().outcome(),
        deduplicated ? ", existing run for this idempotency token" : "");
    if (!deduplicated) {
      emitSubmitted(submission);
    }
    return submission;
  }

  private boolean remember(String token, long runId) {
    synchronized (recentTokens) {
      Long previous = recentTokens.put(token, runId);
      return previous != null && previous == runId;
    }
  }

  private void emitSubmitted(Submission s) {
    if (!events.hasSinks()) {
      return;
    }
    QueueReport q = s.queueReport();
    long jobId = s.jobId().orElse(0);
    AppSubmittedEvent.Builder event =
        AppSubmittedEvent.builder()
            .runId(s.runId())
            .idempotencyToken(s.idempotencyToken())
            .idempotencyKey(s.idempotencyKey().orElse(null))
            .queueOutcome(q.outcome().name())
            .queueCode(q.code().orElse(null))
            .queueReason(q.reason().orElse(null))
            .maxConcurrentRuns(q.maxConcurrentRuns().isPresent() ? q.maxConcurrentRuns().getAsInt() : null)
            .queueEnabled(q.queueEnabled().orElse(null))
            .activeRuns(q.activeRuns().isPresent() ? q.activeRuns().getAsInt() : null)
            .runPageUrl(s.runPageUrl().orElse(null))
            .submittedAt(s.submittedAt());
    s.jobId().ifPresent(event::jobId);
    s.numberInJob().ifPresent(event::numberInJob);
    events.emit(event.build());
    if (q.outcome() == QueueOutcome.QUEUED) {
      events.emit(RunQueuedEvent.builder().runId(s.runId()).jobId(jobId).queueCode(q.code().orElse(null))
          .queueReason(q.reason().orElse(null)).creationTimestamp(s.submittedAt()).build());
    } else if (q.outcome() == QueueOutcome.SKIPPED) {
      events.emit(RunSkippedEvent.builder().runId(s.runId()).jobId(jobId)
          .maxConcurrentRuns(q.maxConcurrentRuns().isPresent() ? q.maxConcurrentRuns().getAsInt() : null)
          .terminationCode(q.code().orElse(null)).stateMessage(q.reason().orElse(null))
          .creationTimestamp(s.submittedAt()).build());
    }
  }

  private void emitFailure(RunNowCommand command, DatabricksException e) {
    if (!events.hasSinks()) {
      return;
    }
    SubmissionFailedEvent.Builder event =
        SubmissionFailedEvent.builder()
            .jobId(command.jobId())
            .idempotencyToken(command.idempotencyToken())
            .idempotencyKey(command.idempotencyKey())
            .errorKind(e instanceof DatabricksApiException ? "API_ERROR" : "TRANSPORT")
            .message(String.valueOf(e.getMessage()))
            .attempts(0)
            .creationTimestamp(clock.millis());
    if (e instanceof DatabricksApiException) {
      DatabricksApiException api = (DatabricksApiException) e;
      event.httpStatus(api.statusCode()).errorCode(api.errorCode().orElse(null));
    }
    events.emit(event.build());
  }

  /** Checks the Jobs API's 10,000-byte limit on one parameter field's JSON. */
  void checkParameterSize(String field, @Nullable Object value) {
    if (value == null) {
      return;
    }
    int bytes = parameterAdapter.toJson(value).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > RunNowRequest.MAX_PARAMETER_JSON_BYTES) {
      throw new InvalidRequestException(field, field + " is " + bytes + " bytes of JSON; the Jobs API allows at most "
          + RunNowRequest.MAX_PARAMETER_JSON_BYTES + " per parameter field");
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this DatabricksExecutor is closed");
    }
  }

  /**
   * Flushes and closes the event sinks given to the builder, and releases the HTTP connection pool and threads
   * (unless the caller supplied the {@link OkHttpClient}). Idempotent. Requests in flight may fail.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    events.close();
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "DatabricksExecutor{host=" + host + ", apiVersion=" + apiVersion.path() + ", auth=" + authType + '}';
  }

  /**
   * Configures a {@link DatabricksExecutor}. {@link #build()} validates and names the field at fault. Mutable, not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable String host;
    private @Nullable String token;
    private @Nullable CredentialsStrategy credentials;
    private @Nullable ProxyConfig proxy;
    private @Nullable TlsConfig tls;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private RetryListener retryListener = RetryListener.none();
    private QueueReporting queueReporting = QueueReporting.JOB_SETTINGS;
    private Duration jobSettingsTtl = Duration.ofSeconds(60);
    private final List<EventSink> eventSinks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private JobsApiVersion apiVersion = JobsApiVersion.V2_2;
    private @Nullable OkHttpClient httpClient;
    private @Nullable String productName;
    private @Nullable String productVersion;

    private Builder() {}

    /**
     * The workspace URL, e.g. {@code https://adb-1234567890123456.7.azuredatabricks.net}; {@code https://} is
     * assumed when no scheme is given. Required.
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** A personal access token, sent as {@code Authorization: Bearer}; shortcut for {@link TokenCredentials}. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      this.credentials = null;
      return this;
    }

    /** How to authenticate (token, OAuth M2M, Azure service principal, ...). Replaces {@link #token(String)}. */
    public Builder credentials(CredentialsStrategy credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.token = null;
      return this;
    }

    /** An HTTP proxy for every request, token endpoints included. Default: none (direct). */
    public Builder proxy(ProxyConfig proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /** Trust, client certificates, protocols and cipher suites. Default: the JVM's. */
    public Builder tls(TlsConfig tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** When to retry; default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Told before each retry (attempt, delay, cause). Default: none. */
    public Builder retryListener(RetryListener retryListener) {
      this.retryListener = Objects.requireNonNull(retryListener, "retryListener");
      return this;
    }

    /** How much to ask the workspace for each {@link QueueReport}; default {@link QueueReporting#JOB_SETTINGS}. */
    public Builder queueReporting(QueueReporting queueReporting) {
      this.queueReporting = Objects.requireNonNull(queueReporting, "queueReporting");
      return this;
    }

    /** How long a job's settings are cached for queue reports; default 60 s; zero disables the cache. */
    public Builder jobSettingsTtl(Duration jobSettingsTtl) {
      this.jobSettingsTtl = Objects.requireNonNull(jobSettingsTtl, "jobSettingsTtl");
      return this;
    }

    /**
     * Adds a sink for the executor's events; may be called more than once (sinks receive events in the order they
     * were added). The executor flushes and closes its sinks when it is closed.
     */
    public Builder addEventSink(EventSink sink) {
      eventSinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** The clock for timestamps, deadlines and caches; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between retries and polls; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Timeout to establish a connection; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Timeout between bytes read or written; default 30 s. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
      return this;
    }

    /** Timeout for one whole HTTP call (one attempt), connection to last byte; default 60 s. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
      return this;
    }

    /** The Jobs API version; default {@link JobsApiVersion#V2_2}. */
    public Builder apiVersion(JobsApiVersion apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    /**
     * The advanced seam: an {@link OkHttpClient} to derive the executor's client from (sharing its connection pool
     * and dispatcher, which the executor then does not shut down). Default: a client of the executor's own.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Your product's name and version, sent first in the {@code User-Agent}. */
    public Builder userAgentProduct(String name, String version) {
      this.productName = Objects.requireNonNull(name, "name");
      this.productVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * The executor.
     *
     * @throws InvalidRequestException naming the field when the host is missing or malformed, no credentials were
     *     given, the token is blank, or a timeout is not positive
     */
    public DatabricksExecutor build() {
      HttpUrl url = parseHost(host);
      CredentialsStrategy strategy = credentials;
      if (strategy == null) {
        if (token == null) {
          throw new InvalidRequestException("credentials",
              "credentials are required: call token(..) or credentials(..) on the builder");
        }
        if (token.isBlank()) {
          throw new InvalidRequestException("token", "token must not be blank");
        }
        strategy = TokenCredentials.of(token);
      }
      requirePositive("connectTimeout", connectTimeout);
      requirePositive("readTimeout", readTimeout);
      requirePositive("callTimeout", callTimeout);
      if (jobSettingsTtl.isNegative()) {
        throw new InvalidRequestException("jobSettingsTtl", "jobSettingsTtl must be >= 0, was " + jobSettingsTtl);
      }
      return new DatabricksExecutor(this, url, strategy);
    }

    private static HttpUrl parseHost(@Nullable String host) {
      if (host == null || host.isBlank()) {
        throw new InvalidRequestException("host", "host is required, e.g. https://adb-1234567890123456.7.azuredatabricks.net");
      }
      String h = host.trim();
      if (!h.contains("://")) {
        h = "https://" + h;
      }
      HttpUrl url = HttpUrl.parse(h);
      if (url == null) {
        throw new InvalidRequestException("host", "host is not a valid http(s) URL: " + host);
      }
      if (url.query() != null || !(url.encodedPath().equals("/") || url.encodedPath().isEmpty())) {
        throw new InvalidRequestException("host",
            "host must be the workspace's base URL without a path or query, was " + host);
      }
      return url;
    }

    private static void requirePositive(String field, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new InvalidRequestException(field, field + " must be > 0, was " + d);
      }
    }
  }
}
