package io.github.dbexec;

import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TlsConfig;
import io.github.dbexec.auth.TokenCredentials;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.internal.Engine;
import io.github.dbexec.internal.Ids;
import io.github.dbexec.internal.JobLookup;
import io.github.dbexec.internal.Repairer;
import io.github.dbexec.internal.RunFollower;
import io.github.dbexec.internal.SettingsBuilder;
import io.github.dbexec.internal.Submitter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

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
 * <p>Requests are values: {@link #runNow(RunNowRequest)} and {@link #submit(OneTimeRunRequest)} take a built
 * request; {@link #job(long)} and {@link #oneTimeRun()} build one fluently and send it.
 *
 * <p><b>Exactly one run per trigger.</b> Every run-now carries an {@code idempotency_token} (see
 * {@link IdempotencyTokens}), so retries — the executor's, the caller's, another process's — reuse the run the first
 * attempt started.
 *
 * <p><b>Retries.</b> 429 (honouring {@code Retry-After}), 500, 502, 503, 504, connection failures and timeouts are
 * retried per the {@link RetryPolicy} (and only by it: OkHttp's own retry is off); other 4xx are not. Every call is
 * bounded by the connect, read and call timeouts; a submission by its retry deadline, a wait by its timeout, in flight.
 *
 * <p>Every entry point throws {@link IllegalStateException} once the executor is closed, and
 * {@link InvalidRequestException} for a {@code jobId} ({@code job_id}) or {@code runId} ({@code run_id}) not &gt; 0.
 *
 * <p><b>Events.</b> Each run started produces an {@code AppSubmittedEvent} (field {@code app_id} = the run id, as
 * in the event records of StreamSets Data Collector's Databricks executor) for every
 * {@linkplain Builder#addEventSink sink} before {@code runNow()} returns; its queue report then a
 * {@code QueueReportedEvent} (and a {@code RunQueuedEvent} or {@code RunSkippedEvent}); a failed submission a
 * {@code SubmissionFailedEvent}. A sink that throws is logged and never fails the submission.
 */
public final class DatabricksExecutor implements AutoCloseable {
  private final Engine.Settings settings;
  private final Engine engine;
  private final @Nullable RunFollower follower;

  private DatabricksExecutor(Engine.Settings settings, @Nullable RunFollower follower) {
    this.settings = settings;
    this.engine = new Engine(settings);
    this.follower = RunFollower.bind(follower, engine, settings.sleeper());
  }

  /** {@return a new builder; mutable, not thread-safe} */
  public static Builder builder() {
    return new Builder(new SettingsBuilder());
  }

  /**
   * {@return a builder holding this executor's settings and sharing its HTTP pool and dispatcher} As
   * {@code OkHttpClient.newBuilder()} does: derived executors are cheap. One delivers to this executor's sinks too but
   * never closes them (sinks added to it are its own), nor the shared pool; close it before this one.
   */
  public Builder newBuilder() {
    return new Builder(SettingsBuilder.from(settings, engine.baseClient));
  }

  /**
   * {@return an executor for the workspace and credentials the environment describes} ({@code DATABRICKS_HOST}, a
   * {@code DATABRICKS_AUTH_TYPE} or the first usable method, a profile of {@code ~/.databrickscfg}), resolved as the
   * Databricks CLI and SDKs do (see {@code WorkspaceConfig}); an HTTP proxy from {@code HTTPS_PROXY} when set.
   * @throws IllegalArgumentException naming what was tried, without any secret, when nothing usable is configured
   */
  public static DatabricksExecutor fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@return an executor as {@link #fromEnvironment()} resolves one, from the given environment and home (tests)}
   * @param environment the environment variables, as {@link System#getenv()} gives them
   * @param homeDirectory the home directory, where {@code .databrickscfg} is looked for */
  public static DatabricksExecutor fromEnvironment(Map<String, String> environment, Path homeDirectory) {
    return builderFromEnvironment(environment, homeDirectory).build();
  }

  /**
   * {@return a builder with the host and credentials resolved as {@link #fromEnvironment()} does} Adjust it further.
   * @param environment the environment variables, as {@link System#getenv()} gives them
   * @param homeDirectory the home directory, where {@code .databrickscfg} is looked for
   * @throws IllegalArgumentException naming what was tried, without any secret, when nothing usable is configured
   */
  public static Builder builderFromEnvironment(Map<String, String> environment, Path homeDirectory) {
    return new Builder(SettingsBuilder.fromEnvironment(environment, homeDirectory));
  }

  /**
   * Starts a run of a saved job ({@code run-now}), retrying per the {@link RetryPolicy} with the same idempotency
   * token, within the policy's deadline (the attempt in flight included); emits an {@code AppSubmittedEvent} and
   * returns once run-now answered. Does not wait for the run to finish; see {@link Submission#awaitTermination}.
   * @param request the job, parameters and idempotency key or token
   * @return the submission: run id, token, and its queue report, looked up afterwards ({@link QueueReporting})
   * @throws ResourceNotFoundException when the job does not exist
   * @throws DatabricksApiException when the workspace refuses the run (not retried for 4xx other than 429)
   * @throws DatabricksTransportException when no usable answer arrived within the retry policy; the run may
   *     exist, and repeating with the same key finds it
   */
  public Submission runNow(RunNowRequest request) {
    engine.checkOpen();
    return submission(engine.inFlight(() -> engine.submitter.runNow(Objects.requireNonNull(request, "request"))));
  }

  /**
   * Like {@link #runNow(RunNowRequest)} without blocking the caller: the submission runs on one of the executor's
   * submission threads (at most {@link Builder#maxSubmissionsInFlight} at a time, the rest waiting in order).
   * @param request the job, parameters and idempotency key or token
   * @return a future completed with the submission, or exceptionally with what {@link #runNow} throws */
  public CompletableFuture<Submission> runNowAsync(RunNowRequest request) {
    engine.checkOpen();
    return async(engine.submitter.begin(Objects.requireNonNull(request, "request"), true));
  }

  /**
   * Starts a one-time run ({@code runs/submit}) with one token for every retry; emits an {@code AppSubmittedEvent}
   * and reports its state later, as {@link #runNow(RunNowRequest)} does. Does not wait; see {@code awaitTermination}.
   * @param request the tasks, compute and idempotency key or token
   * @return the submission: run id, token, and its queue report
   * @throws DatabricksApiException when the workspace refuses the run
   * @throws DatabricksTransportException when no usable answer arrived; repeat with the same key to find the run
   */
  public Submission submit(OneTimeRunRequest request) {
    engine.checkOpen();
    return submission(engine.inFlight(() -> engine.submitter.submit(Objects.requireNonNull(request, "request"))));
  }

  /** Like {@link #submit(OneTimeRunRequest)} without blocking, on the submission threads.
   * @param request the tasks, compute and idempotency key or token
   * @return a future completed with the submission, or exceptionally with what {@code submit} throws */
  public CompletableFuture<Submission> submitAsync(OneTimeRunRequest request) {
    engine.checkOpen();
    return async(engine.submitter.begin(Objects.requireNonNull(request, "request"), true));
  }

  /** {@return a fluent run-now of the saved job: set it up, then call {@link RunNowRequest.Builder#runNow()}}
   * @param jobId the job's {@code job_id} */
  public RunNowRequest.Builder job(long jobId) {
    Ids.checkOpen(engine, "job_id", jobId);
    return new RunNowRequest.Builder(this, jobId);
  }

  /** {@return a reusable trigger: a run of the job per event of the host application; see {@link JobTrigger}}
   * @param <E> the host application's event type
   * @param jobId the job's {@code job_id}
   * @param mapping sets each run-now's parameters and idempotency key from the event */
  public <E> JobTrigger<E> trigger(long jobId, RunNowMapping<? super E> mapping) {
    Ids.checkOpen(engine, "job_id", jobId);
    return new JobTrigger<>(this, jobId, Objects.requireNonNull(mapping, "mapping"));
  }

  /**
   * {@return the {@code job_id} of the job named {@code name}} ({@code jobs/list?name=}: exact, case-insensitive).
   * @param name the job's {@code settings.name}
   * @throws JobLookupException when no job or several have the name; its message names the name and the count */
  public long findJobId(String name) {
    engine.checkOpen();
    return JobLookup.findJobId(engine.service, engine.caller, Objects.requireNonNull(name, "name"));
  }

  /** {@return a fluent one-time run ({@code runs/submit}); finish with {@link OneTimeRunRequest.Builder#submit()}} */
  public OneTimeRunRequest.Builder oneTimeRun() {
    engine.checkOpen();
    return new OneTimeRunRequest.Builder(this);
  }

  /** {@return the run as {@code runs/get} reads it, retried per the retry policy}
   * @param runId the run's {@code run_id}
   * @throws ResourceNotFoundException when the run does not exist */
  public Run run(long runId) {
    Ids.checkOpen(engine, "run_id", runId);
    return engine.lookups.run(runId);
  }

  /**
   * Re-runs tasks of a finished run ({@code runs/repair}) exactly once in effect, even through a lost answer (see
   * {@link Repair#adopted()}); retried per the {@link RetryPolicy}; followed again when {@link Builder#followRuns}.
   * @param request the run and the tasks to re-run
   * @return the repair: run id and {@code repair_id}, to wait on
   * @throws DatabricksApiException when the workspace refuses (an active run, an unknown task key, no failed task)
   * @throws DatabricksTransportException when no usable answer arrived and the history shows no new repair */
  public Repair repair(RepairRequest request) {
    engine.checkOpen();
    Repairer.Result r = engine.inFlight(() -> new Repairer(engine, settings).repair(Objects.requireNonNull(request)));
    RunFollower.follow(follower, r.runId(), r.jobId());
    return new Repair(r.runId(), r.repairId(), r.adopted(), this);
  }

  /** Like {@link #repair(RepairRequest)} without blocking, on the submission threads.
   * @param request the run and the tasks to re-run
   * @return a future completed with the repair, or exceptionally with what {@code repair} throws */
  public CompletableFuture<Repair> repairAsync(RepairRequest request) {
    Objects.requireNonNull(request, "request");
    return engine.onSubmitPool(() -> repair(request)); // checks that the executor is open
  }

  /**
   * Asks the workspace to cancel a run ({@code runs/cancel}). Cancellation is asynchronous: the run ends CANCELED
   * shortly after; a queued run is removed from the queue. Cancelling a finished run does nothing.
   * @param runId the run's {@code run_id}
   * @throws ResourceNotFoundException when the run does not exist */
  public void cancel(long runId) {
    Ids.checkOpen(engine, "run_id", runId);
    engine.lookups.cancel(runId);
  }

  /**
   * Cancels every active run of a job ({@code runs/cancel-all}), asynchronously. New runs may still start.
   * @param jobId the job's {@code job_id}
   * @param includeQueued {@code all_queued_runs}: cancel its queued runs too */
  public void cancelAll(long jobId, boolean includeQueued) {
    Ids.checkOpen(engine, "job_id", jobId);
    engine.lookups.cancelAll(jobId, includeQueued);
  }

  /**
   * Waits, polling {@code runs/get} with backoff on the calling thread, until the run is terminal or the options'
   * timeout passes (it bounds each poll too). Transient failures while polling do not end the wait.
   * @param runId the run's {@code run_id}
   * @param options the timeout, polling, cancel-on-timeout and failure handling
   * @return how the run ended; a failed run is a result unless {@link WaitOptions#throwOnFailure()}
   * @throws AwaitTimeoutException when the timeout passes first (after cancelling the run if asked)
   * @throws RunFailedException when the run did not succeed and the options ask for an exception
   * @throws DatabricksApiException for a non-transient error (the run was deleted, credentials were refused)
   */
  public RunResult awaitTermination(long runId, WaitOptions options) {
    Ids.checkOpen(engine, "run_id", runId);
    return engine.waiter.await(runId, Objects.requireNonNull(options, "options"));
  }

  /**
   * Like {@link #awaitTermination(long, WaitOptions)}, without blocking or parking a thread per wait: polls are
   * asynchronous HTTP calls and the pauses tasks on one shared scheduler thread. Cancelling the future stops polling.
   * Pauses are real time (the {@link Sleeper} serves synchronous waits only); the timeout is on the {@link Clock}.
   * @param runId the run's {@code run_id}
   * @param options the timeout, polling, cancel-on-timeout and failure handling
   * @return a future completed with the result, or exceptionally with what the synchronous form throws */
  public CompletableFuture<RunResult> awaitTerminationAsync(long runId, WaitOptions options) {
    Ids.checkOpen(engine, "run_id", runId);
    return engine.awaitAsync(runId, Objects.requireNonNull(options, "options"));
  }

  /**
   * {@return the runs of a job, newest first as {@code runs/list} orders them} Fetched page by page as the stream is
   * consumed (24 runs a page). Transient failures of a page are retried per the retry policy. Close the stream or
   * consume it on one thread; a page that cannot be read throws from the stream's terminal operation.
   * @param jobId the job's {@code job_id}
   * @param activeOnly only QUEUED, PENDING, RUNNING and TERMINATING runs ({@code active_only}) */
  public Stream<Run> runs(long jobId, boolean activeOnly) {
    Ids.checkOpen(engine, "job_id", jobId);
    return engine.pager.runs(jobId, activeOnly);
  }

  /** {@return the runs of a job, as {@link #runs(long, boolean)} gives them}
   * @param jobId the job's {@code job_id}
   * @param activeOnly only QUEUED, PENDING, RUNNING and TERMINATING runs ({@code active_only})
   * @param expandTasks {@code expand_tasks}: each run has all its {@link Run#tasks()} */
  public Stream<Run> runs(long jobId, boolean activeOnly, boolean expandTasks) {
    Ids.checkOpen(engine, "job_id", jobId);
    return engine.pager.runs(jobId, activeOnly, expandTasks);
  }

  /**
   * {@return the output of a task run ({@code runs/get-output}): a notebook's exit value, logs, or a failed task's
   * error}
   * @param runId a task's run id (from {@link Run#tasks()}) for a multi-task job run, not the job run's
   * @throws ResourceNotFoundException when the run does not exist
   * @throws DatabricksApiException 400 when the run id is a multi-task job run rather than a task run */
  public RunOutput runOutput(long runId) {
    Ids.checkOpen(engine, "run_id", runId);
    return engine.lookups.runOutput(runId);
  }

  /**
   * {@return a job's concurrency picture now: {@code max_concurrent_runs}, queue setting, active runs} Submits nothing
   * ({@code jobs/get} and every page of {@code runs/list?active_only=true}).
   * @param jobId the job's {@code job_id}
   * @throws ResourceNotFoundException when the job does not exist */
  public JobConcurrency concurrency(long jobId) {
    Ids.checkOpen(engine, "job_id", jobId);
    return engine.lookups.concurrency(jobId);
  }

  /**
   * The preflight check: the job exists, the credentials are accepted ({@code jobs/get}), and, when
   * {@code expected} is given, the job has a task of that type.
   * @param jobId the job's {@code job_id}
   * @param expected the task type the job must have; null to skip that check
   * @return the job's name, concurrency settings and task types
   * @throws ResourceNotFoundException when the job does not exist
   * @throws JobConfigurationException when the job has no task of the expected type */
  public JobInfo validate(long jobId, @Nullable TaskType expected) {
    Ids.checkOpen(engine, "job_id", jobId);
    return engine.lookups.validate(jobId, expected);
  }

  /**
   * After a restart, follows the runs {@code eventFile} (a {@code JsonLinesFileSink}'s) says started and did not end.
   * @param eventFile the sink's file
   * @return how many runs are followed because of the file (within {@link FollowOptions#maxRuns()})
   * @throws IllegalStateException when the executor was built without {@link Builder#followRuns}
   * @throws IOException when the file cannot be read */
  public int resumeFollowing(Path eventFile) throws IOException {
    engine.checkOpen();
    return RunFollower.resume(follower, Objects.requireNonNull(eventFile, "eventFile"));
  }

  /** {@return the workspace URL, e.g. {@code https://adb-1234567890123456.7.azuredatabricks.net/}} */
  public String host() {
    return settings.host().toString();
  }

  /** {@return the Jobs API version called} */
  public JobsApiVersion apiVersion() {
    return settings.apiVersion();
  }

  private Submission submission(Submitter.Accepted accepted) {
    return new Submission(accepted.info(), accepted.report(), this);
  }

  private CompletableFuture<Submission> async(Submitter.Pending pending) {
    return engine.submitter.runAsync(pending, engine::onSubmitPool, this::submission);
  }

  /**
   * Closes in order within {@link Builder#closeTimeout}: no new work, pending async waits failed, submissions in flight
   * finished (their events delivered) or cut off, sinks flushed and closed, HTTP pool and threads released (unless
   * supplied by the caller or shared through {@link #newBuilder()}). Idempotent; never throws.
   */
  @Override
  public void close() {
    RunFollower.stop(follower);
    engine.close();
  }

  @Override
  public String toString() {
    return "DatabricksExecutor{host=" + settings.host() + ", apiVersion=" + settings.apiVersion().path() + ", auth="
        + settings.credentials().authType() + '}';
  }

  /**
   * Configures a {@link DatabricksExecutor}. {@link #build()} validates and names the field at fault. Mutable, not
   * thread-safe.
   */
  public static final class Builder {
    private final SettingsBuilder s;
    private @Nullable FollowOptions followRuns;

    private Builder(SettingsBuilder s) {
      this.s = s;
    }

    /** Required: the workspace URL, e.g. {@code https://adb-1234567890123456.7.azuredatabricks.net} (https assumed).
     * @param host the URL; {@code https://} is assumed when it has no scheme
     * @return this builder */
    public Builder host(String host) {
      s.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** A personal access token, sent as {@code Authorization: Bearer}; shortcut for {@link TokenCredentials}.
     * @param token the token, e.g. {@code dapi...}; never logged
     * @return this builder */
    public Builder token(String token) {
      s.token = Objects.requireNonNull(token, "token");
      s.credentials = null;
      return this;
    }

    /** How to authenticate (token, OAuth M2M, Azure service principal, ...). Replaces {@link #token(String)}.
     * @param credentials the credentials strategy, from {@code dbexec-auth}
     * @return this builder */
    public Builder credentials(CredentialsStrategy credentials) {
      s.credentials = Objects.requireNonNull(credentials, "credentials");
      s.token = null;
      return this;
    }

    /** An HTTP proxy for every request, token endpoints included. Default: none (direct).
     * @param proxy the proxy: address and optional credentials
     * @return this builder */
    public Builder proxy(ProxyConfig proxy) {
      s.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /** Trust, client certificates, protocols and cipher suites. Default: the JVM's.
     * @param tls trust material, client certificate, protocols and cipher suites
     * @return this builder */
    public Builder tls(TlsConfig tls) {
      s.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** When to retry; default {@link RetryPolicy#ofDefaults()}.
     * @param retryPolicy attempts, backoff and deadline
     * @return this builder */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      s.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Told before each retry, as {@link ExecutorListener#ofRetries} is; adds to {@link #listenerFactory}.
     * @param retryListener told of each retry
     * @return this builder */
    public Builder retryListener(RetryListener retryListener) {
      s.retryListener = Objects.requireNonNull(retryListener, "retryListener");
      return this;
    }

    /**
     * Creates an {@link ExecutorListener} per call (submission, wait, read, cancel), told of its attempts, retries,
     * queue report, polls and failed event deliveries (e.g. {@code dbexec-micrometer}); default NONE: none built.
     * @param listenerFactory called once per call; thread-safe
     * @return this builder */
    public Builder listenerFactory(ExecutorListener.Factory listenerFactory) {
      s.listenerFactory = Objects.requireNonNull(listenerFactory, "listenerFactory");
      return this;
    }

    /** How much to ask the workspace for each {@link QueueReport}; default {@link QueueReporting#JOB_SETTINGS}.
     * @param queueReporting OFF, RUN_STATE or JOB_SETTINGS
     * @return this builder */
    public Builder queueReporting(QueueReporting queueReporting) {
      s.queueReporting = Objects.requireNonNull(queueReporting, "queueReporting");
      return this;
    }

    /** How long a job's settings are cached for queue reports; default 60 s; zero disables the cache.
     * @param jobSettingsTtl the cache time, &ge; 0
     * @return this builder */
    public Builder jobSettingsTtl(Duration jobSettingsTtl) {
      s.jobSettingsTtl = Objects.requireNonNull(jobSettingsTtl, "jobSettingsTtl");
      return this;
    }

    /** Adds an event sink (repeatable; delivered in order added); closed with the executor.
     * @param sink receives the executor's events; its exceptions are logged
     * @return this builder */
    public Builder addEventSink(EventSink sink) {
      s.eventSinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /**
     * Follows every run started (also by executors derived from this one) to its end, with nobody waiting, so the
     * sinks log its state changes and end; see {@link FollowOptions}. Default: off.
     * @param followRuns the poll interval and the most runs followed at once
     * @return this builder */
    public Builder followRuns(FollowOptions followRuns) {
      this.followRuns = Objects.requireNonNull(followRuns, "followRuns");
      return this;
    }

    /** The clock for timestamps, deadlines and caches; default {@link Clock#systemUTC()}.
     * @param clock the time source; tests pass a fixed or fake clock
     * @return this builder */
    public Builder clock(Clock clock) {
      s.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between retries and polls; default {@link Sleeper#system()}.
     * @param sleeper waits for a duration; tests pass a fake one that advances their clock
     * @return this builder */
    public Builder sleeper(Sleeper sleeper) {
      s.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Timeout to establish a connection; default 10 s.
     * @param connectTimeout the timeout, &gt; 0
     * @return this builder */
    public Builder connectTimeout(Duration connectTimeout) {
      s.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Timeout between bytes read or written; default 30 s.
     * @param readTimeout the timeout, &gt; 0
     * @return this builder */
    public Builder readTimeout(Duration readTimeout) {
      s.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
      return this;
    }

    /** Timeout for one whole HTTP call (one attempt), connection to last byte; default 60 s.
     * @param callTimeout the timeout, &gt; 0
     * @return this builder */
    public Builder callTimeout(Duration callTimeout) {
      s.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
      return this;
    }

    /** The most {@linkplain DatabricksExecutor#runNowAsync asynchronous submissions} in flight at once; default 16.
     * @param maxSubmissionsInFlight the limit, &ge; 1
     * @return this builder */
    public Builder maxSubmissionsInFlight(int maxSubmissionsInFlight) {
      s.maxSubmissionsInFlight = maxSubmissionsInFlight;
      return this;
    }

    /**
     * The bound on the whole of {@link DatabricksExecutor#close()}, &gt;= 0; default 30 s. Submissions in flight get
     * it less a reserve for the sinks (a quarter, at most 5 s), then fail with a DatabricksTransportException.
     * @param closeTimeout the bound, &ge; 0
     * @return this builder */
    public Builder closeTimeout(Duration closeTimeout) {
      s.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
      return this;
    }

    /** The Jobs API version; default {@link JobsApiVersion#V2_2}.
     * @param apiVersion the version, in the endpoints' path ({@code /api/2.2/})
     * @return this builder */
    public Builder apiVersion(JobsApiVersion apiVersion) {
      s.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    /** An {@link OkHttpClient} to derive from, sharing its pool and dispatcher (then not shut down).
     * @param httpClient the client; the executor adds its own interceptors and timeouts to a derived copy
     * @return this builder */
    public Builder httpClient(OkHttpClient httpClient) {
      s.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Your product's name and version, sent first in the {@code User-Agent}.
     * @param name the product name, e.g. {@code etl-service}
     * @param version the product version, e.g. {@code 1.4.2}
     * @return this builder */
    public Builder userAgentProduct(String name, String version) {
      s.productName = Objects.requireNonNull(name, "name");
      s.productVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * {@return the executor}
     * @throws IllegalArgumentException naming the setting at fault: the host missing or malformed, no credentials,
     *     a blank token, a timeout not positive, a count out of range */
    public DatabricksExecutor build() {
      return RunFollower.build(s, followRuns, DatabricksExecutor::new);
    }
  }
}
