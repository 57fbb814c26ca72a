package io.github.dbexec;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.ConfigurationException;
import io.github.dbexec.auth.WorkspaceConfig;
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
import io.github.dbexec.internal.RequestLogger;
import io.github.dbexec.internal.ResponseReader;
import io.github.dbexec.internal.RunNowCommand;
import io.github.dbexec.internal.UserAgent;
import io.github.dbexec.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final int RUNS_PAGE = 24; // runs/list takes 0 < limit < 25

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
  private final JsonAdapter<Wire.Run> runAdapter;
  private final JsonAdapter<Wire.RunList> runListAdapter;
  private final JsonAdapter<Wire.Job> jobAdapter;
  private final JsonAdapter<Wire.RunOutput> runOutputAdapter;
  private final RunWaiter waiter;
  private final int maxSubmissionsInFlight;
  private final Object lazyLock = new Object();
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable ExecutorService submitPool;
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
            .callTimeout(b.callTimeout)
            // the Jobs API never redirects; a redirect is a login page or a wrong host, and following it would
            // turn a POST into a GET — surface it instead
            .followRedirects(false)
            .followSslRedirects(false);
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
    this.httpClient = http.addInterceptor(CredentialsInterceptor.of(headers)).addInterceptor(new RequestLogger()).build();

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
    this.runAdapter = moshi.adapter(Wire.Run.class);
    this.runListAdapter = moshi.adapter(Wire.RunList.class);
    this.jobAdapter = moshi.adapter(Wire.Job.class);
    this.runOutputAdapter = moshi.adapter(Wire.RunOutput.class);
    this.waiter = new RunWaiter(service, caller, runAdapter, clock, b.sleeper, events, this::scheduler, this::cancel);
    this.maxSubmissionsInFlight = b.maxSubmissionsInFlight;
  }

  /** A new builder. Mutable, not thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An executor for the workspace and credentials that the environment describes, resolved the way Databricks
   * clients do (see {@code docs/auth.md}): {@code DATABRICKS_HOST}, then {@code DATABRICKS_TOKEN},
   * {@code DATABRICKS_CLIENT_ID}/{@code DATABRICKS_CLIENT_SECRET}, the {@code ARM_*} variables, or a profile of
   * {@code ~/.databrickscfg} ({@code DATABRICKS_CONFIG_PROFILE}, {@code DATABRICKS_CONFIG_FILE}); and an HTTP proxy
   * from {@code HTTPS_PROXY}/{@code NO_PROXY} when set.
   *
   * @throws InvalidRequestException naming what was tried, without any secret, when nothing usable is configured
   */
  public static DatabricksExecutor fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Like {@link #fromEnvironment()}, with the environment and home directory given — for tests, or to read a
   * configuration assembled by the application.
   */
  public static DatabricksExecutor fromEnvironment(Map<String, String> environment, Path homeDirectory) {
    return builderFromEnvironment(environment, homeDirectory).build();
  }

  /**
   * A builder with the host and credentials resolved from the environment, to adjust further (retry policy,
   * sinks, ...) before {@link Builder#build()}.
   *
   * @throws InvalidRequestException naming what was tried, without any secret, when nothing usable is configured
   */
  public static Builder builderFromEnvironment(Map<String, String> environment, Path homeDirectory) {
    WorkspaceConfig config;
    try {
      config = WorkspaceConfig.resolve(environment, homeDirectory);
    } catch (ConfigurationException e) {
      throw new InvalidRequestException("credentials", e.getMessage());
    }
    Builder builder = builder().host(config.host().toString()).credentials(config.credentials());
    ProxyConfig.fromEnvironment(environment).ifPresent(builder::proxy);
    return builder;
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

  /**
   * A reusable, thread-safe trigger that starts a run of {@code jobId} for each event of the host application, with
   * parameters and key mapped from the event; see {@link JobTrigger}.
   *
   * @throws InvalidRequestException if {@code jobId} is not positive
   */
  public <E> JobTrigger<E> trigger(long jobId, RunNowMapping<? super E> mapping) {
    ensureOpen();
    requireJobId(jobId);
    return new JobTrigger<>(this, jobId, Objects.requireNonNull(mapping, "mapping"));
  }

  /**
   * A one-time run ({@code runs/submit}) of a notebook, JAR or Python task; set it up, then call
   * {@link OneTimeRunRequest#submit()}.
   *
   * @throws IllegalStateException if the executor is closed
   */
  public OneTimeRunRequest oneTimeRun() {
    ensureOpen();
    return new OneTimeRunRequest(this);
  }

  /**
   * Reads a run ({@code runs/get}), retrying transient failures per the retry policy.
   *
   * @param runId the run's {@code run_id}, &gt; 0
   * @throws ResourceNotFoundException when the run does not exist
   */
  public Run run(long runId) {
    ensureOpen();
    requireRunId(runId);
    return Run.from(caller.withRetries("GET jobs/runs/get", service.getRun(runId), runAdapter), "GET jobs/runs/get");
  }

  /**
   * Asks the workspace to cancel a run ({@code runs/cancel}). Cancellation is asynchronous: the run ends CANCELED
   * shortly after; a queued run is removed from the queue. Cancelling a finished run does nothing.
   *
   * @param runId the run's {@code run_id}, &gt; 0
   * @throws ResourceNotFoundException when the run does not exist
   */
  public void cancel(long runId) {
    ensureOpen();
    requireRunId(runId);
    caller.withRetriesDiscarding("POST jobs/runs/cancel", service.cancelRun(new Wire.RunIdBody(runId)));
  }

  /**
   * Cancels every active run of a job ({@code runs/cancel-all}), asynchronously. New runs may still start.
   *
   * @param jobId the job's {@code job_id}, &gt; 0
   * @param includeQueued also cancel the job's queued runs ({@code all_queued_runs})
   */
  public void cancelAll(long jobId, boolean includeQueued) {
    ensureOpen();
    if (jobId <= 0) {
      throw new InvalidRequestException("job_id", "job_id must be > 0, was " + jobId);
    }
    caller.withRetriesDiscarding("POST jobs/runs/cancel-all",
        service.cancelAllRuns(new Wire.CancelAllBody(jobId, includeQueued)));
  }

  /**
   * Waits, polling {@code runs/get} with backoff on the calling thread, until the run is terminal or the options'
   * timeout passes. Transient failures while polling do not end the wait.
   *
   * @return how the run ended; a failed run is a result unless {@link WaitOptions#throwOnFailure()}
   * @throws AwaitTimeoutException when the timeout passes first (after cancelling the run if asked)
   * @throws RunFailedException when the run did not succeed and the options ask for an exception
   * @throws DatabricksApiException for a non-transient error (the run was deleted, credentials were refused)
   */
  public RunResult awaitTermination(long runId, WaitOptions options) {
    ensureOpen();
    requireRunId(runId);
    return waiter.await(runId, Objects.requireNonNull(options, "options"));
  }

  /**
   * Like {@link #awaitTermination(long, WaitOptions)}, without blocking or parking a thread per wait: polls are
   * asynchronous HTTP calls and the pauses tasks on one shared scheduler thread. The future completes with the
   * result, or exceptionally with the exceptions the synchronous form throws. Cancelling the future stops polling.
   * The pauses are real time (the injected {@link Sleeper} serves synchronous waits only); the timeout is measured
   * on the executor's {@link Clock}.
   */
  public CompletableFuture<RunResult> awaitTerminationAsync(long runId, WaitOptions options) {
    ensureOpen();
    requireRunId(runId);
    return waiter.awaitAsync(runId, Objects.requireNonNull(options, "options"));
  }

  /**
   * The runs of a job, newest first as {@code runs/list} orders them, fetched page by page as the stream is
   * consumed (25 runs a page). Transient failures of a page are retried per the retry policy. Close the stream or
   * consume it on one thread; a page that cannot be read throws from the stream's terminal operation.
   *
   * @param jobId the job's {@code job_id}, &gt; 0
   * @param activeOnly only QUEUED, PENDING, RUNNING and TERMINATING runs ({@code active_only})
   */
  public Stream<Run> runs(long jobId, boolean activeOnly) {
    ensureOpen();
    requireJobId(jobId);
    Iterator<Run> pages = new Iterator<>() {
      private Iterator<Run> page = Collections.emptyIterator();
      private @Nullable String nextPageToken;
      private boolean lastPage;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && !lastPage) {
          Wire.RunList list = caller.withRetries("GET jobs/runs/list",
              service.listRuns(jobId, activeOnly, RUNS_PAGE, nextPageToken), runListAdapter);
          List<Run> runs = new ArrayList<>();
          if (list.runs != null) {
            for (Wire.Run w : list.runs) {
              runs.add(Run.from(w, "GET jobs/runs/list"));
            }
          }
          page = runs.iterator();
          nextPageToken = list.nextPageToken;
          lastPage = nextPageToken == null || nextPageToken.isEmpty() || !Boolean.TRUE.equals(list.hasMore)
              && list.hasMore != null;
        }
        return page.hasNext();
      }

      @Override
      public Run next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * The output of a task run ({@code runs/get-output}): a notebook's exit value, logs, or the error of a failed
   * task. For a multi-task job run, pass a task's run id (from {@code runs/get}'s tasks), not the job run's.
   *
   * @throws ResourceNotFoundException when the run does not exist
   * @throws DatabricksApiException 400 when the run id is a multi-task job run rather than a task run
   */
  public RunOutput runOutput(long runId) {
    ensureOpen();
    requireRunId(runId);
    Wire.RunOutput out = caller.withRetries("GET jobs/runs/get-output", service.getRunOutput(runId), runOutputAdapter);
    if (out.metadata == null) {
      throw new DatabricksTransportException("GET jobs/runs/get-output answered without metadata", 200, false, null);
    }
    Wire.NotebookOutput nb = out.notebookOutput;
    return new RunOutput(Run.from(out.metadata, "GET jobs/runs/get-output"), nb == null ? null : nb.result,
        nb != null && Boolean.TRUE.equals(nb.truncated), out.logs, Boolean.TRUE.equals(out.logsTruncated),
        out.error, out.errorTrace);
  }

  JobConcurrency concurrency(long jobId) {
    ensureOpen();
    JobInfo info = jobInfo(jobId);
    List<Run> active;
    try (Stream<Run> runs = runs(jobId, true)) {
      active = runs.collect(Collectors.toList());
    }
    return new JobConcurrency(jobId, info.maxConcurrentRuns(), info.queueEnabled(), active);
  }

  JobInfo jobInfo(long jobId) {
    ensureOpen();
    requireJobId(jobId);
    Wire.Job job = caller.withRetries("GET jobs/get", service.getJob(jobId), jobAdapter);
    Wire.JobSettings settings = job.settings;
    Set<TaskType> types = EnumSet.noneOf(TaskType.class);
    if (settings != null && settings.tasks != null) {
      for (Wire.Task t : settings.tasks) {
        if (t.notebookTask != null) {
          types.add(TaskType.NOTEBOOK);
        }
        if (t.sparkJarTask != null) {
          types.add(TaskType.JAR);
        }
        if (t.sparkPythonTask != null) {
          types.add(TaskType.PYTHON);
        }
      }
    }
    return new JobInfo(jobId, settings == null || settings.name == null ? "" : settings.name,
        settings == null || settings.maxConcurrentRuns == null ? 1 : settings.maxConcurrentRuns,
        settings != null && settings.queue != null && Boolean.TRUE.equals(settings.queue.enabled), types);
  }

  JobInfo validate(long jobId, @Nullable TaskType expected) {
    JobInfo info = jobInfo(jobId);
    if (expected != null && !info.taskTypes().contains(expected)) {
      throw new JobConfigurationException(jobId, "Job " + jobId + " ('" + info.name() + "') has no "
          + expected.field() + " (its tasks: " + (info.taskTypes().isEmpty() ? "none dbexec recognises"
          : info.taskTypes()) + "); check the job id or the parameters you send");
    }
    return info;
  }

  /** The workspace URL, e.g. {@code https://adb-1234567890123456.7.azuredatabricks.net/}. */
  public String host() {
    return host.toString();
  }

  /** The Jobs API version called. */
  public JobsApiVersion apiVersion() {
    return apiVersion;
  }

  CompletableFuture<Submission> submitOneTimeRunAsync(Wire.SubmitRunBody body, @Nullable String key) {
    ensureOpen();
    return onSubmitPool(() -> submitOneTimeRun(body, key));
  }

  Submission submitOneTimeRun(Wire.SubmitRunBody body, @Nullable String key) {
    ensureOpen();
    String token = Objects.requireNonNull(body.idempotencyToken);
    Wire.RunNowResponse response;
    AtomicInteger attempts = new AtomicInteger();
    try {
      response = caller.withRetries("POST jobs/runs/submit", service.submitRun(body), runNowResponseAdapter,
          attempts);
    } catch (DatabricksException e) {
      emitFailure(null, token, key, e, attempts.get());
      throw e;
    }
    if (response.runId == null || response.runId <= 0) {
      DatabricksTransportException e = new DatabricksTransportException(
          "POST jobs/runs/submit answered without a run_id; the run may exist: repeat with the same idempotency "
              + "key to find it", 200, false, null);
      emitFailure(null, token, key, e, attempts.get());
      throw e;
    }
    return accepted(null, response.runId, null, token, key);
  }

  CompletableFuture<Submission> runNowAsync(RunNowCommand command) {
    ensureOpen();
    return onSubmitPool(() -> runNow(command));
  }

  Submission runNow(RunNowCommand command) {
    ensureOpen();
    String token = command.idempotencyToken();
    Wire.RunNowResponse response;
    AtomicInteger attempts = new AtomicInteger();
    try {
      response = caller.withRetries("POST jobs/run-now", service.runNow(command.body()), runNowResponseAdapter,
          attempts);
    } catch (DatabricksException e) {
      emitFailure(command.jobId(), token, command.idempotencyKey(), e, attempts.get());
      throw e;
    }
    if (response.runId == null || response.runId <= 0) {
      DatabricksTransportException e = new DatabricksTransportException(
          "POST jobs/run-now answered without a run_id; the run may exist: repeat with the same idempotency key "
              + "to find it", 200, false, null);
      emitFailure(command.jobId(), token, command.idempotencyKey(), e, attempts.get());
      throw e;
    }
    return accepted(command.jobId(), response.runId, response.numberInJob, token, command.idempotencyKey());
  }

  /** A run the workspace accepted: remember its token, report on its queueing, emit its events. */
  private Submission accepted(
      @Nullable Long jobId, long runId, @Nullable Long numberInJob, String token, @Nullable String key) {
    long submittedAt = clock.millis();
    boolean deduplicated = remember(token, runId);
    QueueReporter.Result queue = queueReporter.report(jobId, runId);
    Submission submission =
        new Submission(runId, jobId, numberInJob, token, key, queue.report(),
            queue.run() == null ? null : queue.run().runPageUrl, submittedAt, deduplicated, this);
    if (log.isDebugEnabled()) {
      log.debug("{} -> run {} ({}{})", jobId == null ? "runs/submit" : "run-now of job " + jobId, runId,
          queue.report().outcome(), deduplicated ? ", existing run for this idempotency token" : "");
    }
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
    Long jobId = s.jobId().isPresent() ? s.jobId().getAsLong() : null;
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

  private void emitFailure(
      @Nullable Long jobId, String token, @Nullable String key, DatabricksException e, int attempts) {
    if (!events.hasSinks()) {
      return;
    }
    SubmissionFailedEvent.Builder event =
        SubmissionFailedEvent.builder()
            .jobId(jobId)
            .idempotencyToken(token)
            .idempotencyKey(key)
            .errorKind(e instanceof DatabricksApiException ? "API_ERROR" : "TRANSPORT")
            .message(String.valueOf(e.getMessage()))
            .attempts(attempts)
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

  /**
   * Runs a submission on the bounded pool. The future fails with the submission's own exception (not wrapped in a
   * CompletionException, as supplyAsync would), so {@code exceptionally(e -> ...)} sees a DatabricksException.
   */
  private CompletableFuture<Submission> onSubmitPool(Supplier<Submission> submission) {
    CompletableFuture<Submission> future = new CompletableFuture<>();
    submitPool().execute(() -> {
      if (future.isDone()) {
        return; // cancelled by the caller while waiting for a slot
      }
      try {
        future.complete(submission.get());
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e);
      }
    });
    return future;
  }

  private ScheduledExecutorService scheduler() {
    synchronized (lazyLock) {
      if (scheduler == null) {
        ensureOpen();
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("dbexec-wait-scheduler"));
      }
      return scheduler;
    }
  }

  private ExecutorService submitPool() {
    synchronized (lazyLock) {
      if (submitPool == null) {
        ensureOpen();
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

  private static void requireJobId(long jobId) {
    if (jobId <= 0) {
      throw new InvalidRequestException("job_id", "job_id must be > 0, was " + jobId);
    }
  }

  private static void requireRunId(long runId) {
    if (runId <= 0) {
      throw new InvalidRequestException("run_id", "run_id must be > 0, was " + runId);
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
    synchronized (lazyLock) {
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
    private ExecutorListener.Factory listenerFactory = ExecutorListener.Factory.NONE;
    private QueueReporting queueReporting = QueueReporting.JOB_SETTINGS;
    private Duration jobSettingsTtl = Duration.ofSeconds(60);
    private final List<EventSink> eventSinks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private JobsApiVersion apiVersion = JobsApiVersion.V2_2;
    private int maxSubmissionsInFlight = 16;
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

    /**
     * Creates an {@link ExecutorListener} for each call (submission, wait, read, cancel), told of its attempts,
     * retries, queue report, polls and event delivery failures; e.g. {@code dbexec-micrometer}'s observations.
     * Default {@link ExecutorListener.Factory#NONE}: nothing is built or told.
     */
    public Builder listenerFactory(ExecutorListener.Factory listenerFactory) {
      this.listenerFactory = Objects.requireNonNull(listenerFactory, "listenerFactory");
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

    /**
     * The most {@link RunNowRequest#runNowAsync() asynchronous submissions} in flight at once (each holds one
     * thread while it runs, retries included); further ones wait in order. Default 16.
     */
    public Builder maxSubmissionsInFlight(int maxSubmissionsInFlight) {
      this.maxSubmissionsInFlight = maxSubmissionsInFlight;
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
      if (maxSubmissionsInFlight < 1) {
        throw new InvalidRequestException("maxSubmissionsInFlight",
            "maxSubmissionsInFlight must be >= 1, was " + maxSubmissionsInFlight);
      }
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
