package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.ApiException;
import io.github.dbexec.testkit.internal.Authenticator;
import io.github.dbexec.testkit.internal.FakeDispatcher;
import io.github.dbexec.testkit.internal.Faults;
import io.github.dbexec.testkit.internal.JobsApi;
import io.github.dbexec.testkit.internal.Journal;
import io.github.dbexec.testkit.internal.Json;
import io.github.dbexec.testkit.internal.MockWebServerLogging;
import io.github.dbexec.testkit.internal.NoDelayServerSocketFactory;
import io.github.dbexec.testkit.internal.OidcFederation;
import io.github.dbexec.testkit.internal.Outcome;
import io.github.dbexec.testkit.internal.RateLimiter;
import io.github.dbexec.testkit.internal.RunPlan;
import io.github.dbexec.testkit.internal.RunView;
import io.github.dbexec.testkit.internal.ServerSettings;
import io.github.dbexec.testkit.internal.TlsMaterial;
import io.github.dbexec.testkit.internal.TokenIssuer;
import io.github.dbexec.testkit.internal.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Databricks Jobs server (API 2.1 and 2.2) on a local port: a stateful, in-memory imitation of
 * {@code /api/2.1/jobs/*} and {@code /api/2.2/jobs/*} for testing any Jobs API client.
 *
 * <pre>{@code
 * try (FakeJobsServer server = FakeJobsServer.builder()
 *         .token("dapi-test")
 *         .clock(FakeClock.manual(Instant.parse("2026-01-01T00:00:00Z")))
 *         .start()) {
 *   long jobId = server.createJob(JobSpec.builder().name("nightly").notebookTask("/nb").build());
 *   // point the client at server.url() with token "dapi-test", call run-now ...
 *   server.clock().advance(Duration.ofSeconds(5));
 *   assertThat(server.runs(jobId).get(0).resultState()).isEqualTo("SUCCESS");
 *   assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <h2>What it models</h2>
 * <ul>
 *   <li>Endpoints: {@code jobs/create, get, list, reset, update, delete, run-now, runs/submit, runs/get,
 *       runs/list, runs/get-output, runs/cancel, runs/cancel-all, runs/delete, runs/repair}; OAuth discovery
 *       ({@code /oidc/.well-known/oauth-authorization-server}) and the token endpoint
 *       ({@code /oidc/v1/token}, and the account's {@code /oidc/accounts/{account_id}/v1/token}, issuing tokens
 *       for {@link Builder#oauthClient configured clients} and, by token exchange, for ID tokens of
 *       {@link Builder#trustOidcIssuer(String, String) trusted issuers}); the
 *       admin API under {@code /__fake/} (testkit/README.md); the official SDKs' start-up probe
 *       {@code GET /.well-known/databricks-config}, answered as a workspace answers it
 *       ({@code oidc_endpoint}, {@code workspace_id}). Anything else: 404 ENDPOINT_NOT_FOUND.
 *   <li>Run lifecycle on the {@link FakeClock}: a run that can start is PENDING for
 *       {@link Builder#pendingDuration(Duration)} (default 0: it is RUNNING as soon as anybody looks), then
 *       RUNNING for {@link Builder#runDuration(Duration)} (default 2 s), then TERMINATING for
 *       {@link Builder#terminatingDuration(Duration)} (default 0), then TERMINATED/SUCCESS. The model is
 *       settled lazily: on every request and every Java-API read, all transitions due by the clock's now are
 *       applied at the exact times they became due.
 *   <li>{@code max_concurrent_runs} (default 1): at the limit a new run is QUEUED (queue on) with
 *       {@code state.queue_reason} and {@code status.queue_details.code} MAX_CONCURRENT_RUNS_REACHED, and
 *       promoted first-in first-out when a slot frees; or created SKIPPED (queue off) with result state
 *       MAXIMUM_CONCURRENT_RUNS_REACHED, state message "Skipping this run because the limit of N maximum
 *       concurrent runs has been reached." and termination code MAX_CONCURRENT_RUNS_EXCEEDED (type
 *       CLIENT_ERROR; the pairing of these fields is UNVERIFIED against the real service). Queueing is on by
 *       default for jobs created through API 2.2 (and {@link #createJob(JobSpec)}), off through 2.1; a
 *       {@code queue} object on run-now overrides it per run. At most 1000 queued runs per job
 *       (UNVERIFIED number); beyond that runs are SKIPPED with MAX_JOB_QUEUE_SIZE_EXCEEDED.
 *   <li>Idempotency tokens (workspace-wide, at most 64 characters): the same token returns the same
 *       run id and creates nothing; the token of a deleted run is refused with 400.
 *   <li>Optionally a workspace-wide limit on started runs ({@link Builder#workspaceRunLimit(int)}): runs then
 *       queue with ACTIVE_RUNS_LIMIT_REACHED, or, when they cannot queue, are refused with 429
 *       REQUEST_LIMIT_EXCEEDED "There are already N active runs (limit: N)." (API 2.1, as recorded).
 *   <li>Outcomes scripted per job, per next run or per existing run ({@link RunScript}), per task
 *       ({@link TaskScript}); multi-task runs follow {@code depends_on}/{@code run_if} (waiting tasks BLOCKED),
 *       and a failed task fails the run as real workspaces report it (INTERNAL_ERROR, "Task K failed with
 *       message: M.", termination code RUN_EXECUTION_ERROR); every state change observable through
 *       {@link RunListener}.
 *   <li>API 2.2 paging: at most 100 tasks (job clusters, parameters, environments) per {@code jobs/get} /
 *       {@code runs/get} with {@code next_page_token}; list items with {@code expand_tasks} cut to 100.
 *   <li>Bounded in bytes as well as counts (journal, retained runs, request bodies); see the builder.
 *   <li>Which of these behaviours were recorded from real workspaces and which are assumed: testkit/FIDELITY.md.
 *   <li>Faults ({@link FaultRule}) and rate limits ({@link RateLimit}); a bounded {@link RequestJournal}.
 *   <li>Authentication: see {@link Builder#token(String)}, {@link Builder#basicCredentials(String, String)},
 *       {@link Builder#oauthClient(String, String)}, {@link Builder#trustOidcIssuer(String, String, String)};
 *       HTTPS with {@link Builder#https()}.
 *   <li>Errors: a missing job or run is 400 INVALID_PARAMETER_VALUE "Job N does not exist." / "Run N does
 *       not exist."; malformed JSON is 400 MALFORMED_REQUEST; wrong field types 400
 *       INVALID_PARAMETER_VALUE; unknown fields are ignored.
 * </ul>
 *
 * <h2>Ids</h2> Realistic by default: job ids start at {@value #DEFAULT_FIRST_JOB_ID} and run ids at
 * {@value #DEFAULT_FIRST_RUN_ID} (15 digits, as real workspaces hand out; task runs and the anonymous jobs of
 * one-time runs take ids from the same sequences), counting up deterministically per server; {@link #reset()}
 * restarts them. {@link Builder#firstJobId(long)} / {@link Builder#firstRunId(long)} move them (past 2^53 to
 * catch ids kept in a {@code double}); {@link Builder#smallIds()} restores the small ids of earlier versions.
 * {@code number_in_job} equals {@code run_id}, as the API documents.
 *
 * <h2>Threading</h2> Thread-safe: one lock guards the model; MockWebServer serves each connection on its
 * own thread, so many concurrent clients work.
 *
 * <h2>Logging</h2> The fake logs through SLF4J ({@code io.github.dbexec.testkit}). The first server built sets
 * the {@code java.util.logging} level of MockWebServer's logger ({@code mockwebserver3.MockWebServer})
 * to SEVERE, unless that level was configured: its WARNINGs ("connection ... didn't make a request") are
 * routine here. No other logging state is touched.
 */
public final class FakeJobsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeJobsServer.class);
  /**
   * The first job id by default: 15 digits, like real job ids (e.g. 298120471834650), far above 2^31 so that a
   * client keeping ids in an {@code int} fails here as it would in production.
   */
  public static final long DEFAULT_FIRST_JOB_ID = 498_123_750_211_001L;
  /** The first run id by default: 15 digits, like real run ids (e.g. 969479553499872). */
  public static final long DEFAULT_FIRST_RUN_ID = 913_577_441_602_001L;
  /** The default of {@link Builder#maxRetainedRuns(int)}. */
  public static final int DEFAULT_MAX_RETAINED_RUNS = 100_000;
  /** The default of {@link Builder#maxRetainedRunBytes(long)}: 256 MiB. */
  public static final long DEFAULT_MAX_RETAINED_RUN_BYTES = 256L << 20;
  /** The default of {@link Builder#maxRequestBodyBytes(long)}: 10 MiB (10485760 bytes). */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 10L << 20;

  private final int requestedPort;
  private final long workspaceIdValue;
  private final String bindAddress;
  private final FakeClock clock;
  private final Workspace workspace;
  private final JobsApi jobsApi;
  private final Journal journal;
  private final RequestJournal requestJournal;
  private final Faults faults;
  private final RateLimiter rateLimiter = new RateLimiter();
  private final TokenIssuer tokenIssuer;
  private final RunPlan defaultPlan;
  private final @Nullable TlsMaterial tls;
  private final MockWebServer server = new MockWebServer();
  private final Object lifecycleLock = new Object();
  private final List<RunListener> runListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private boolean started;
  private boolean closed;

  private FakeJobsServer(Builder builder) {
    this.requestedPort = builder.port;
    this.workspaceIdValue = builder.workspaceId;
    this.bindAddress = builder.bindAddress;
    this.clock = builder.clock;
    this.defaultPlan = new RunPlan(builder.pendingDuration.toMillis(), builder.runDuration.toMillis(),
        builder.terminatingDuration.toMillis(), Outcome.SUCCESS, "", false);
    ServerSettings settings = new ServerSettings(this::urlOrPlaceholder, builder.workspaceId,
        builder.creatorUserName, defaultPlan, builder.firstJobId, builder.firstRunId, 1000, builder.maxRetainedRuns,
        builder.maxRetainedRunBytes,
        builder.workspaceRunLimit, version -> builder.workspaceRunLimitAnswer == WorkspaceRunLimitAnswer.REJECT_WITH_429);
    this.runListeners.addAll(builder.runListeners);
    this.workspace = new Workspace(clock::millis, settings, this::deliver);
    this.jobsApi = new JobsApi(workspace);
    this.journal = new Journal(builder.journalCapacity, builder.journalMaxBytes, builder.journalMaxBodyBytes);
    this.requestJournal = new RequestJournal(journal);
    this.faults = new Faults();
    this.tokenIssuer = new TokenIssuer(builder.oauthClients, new OidcFederation(builder.federationPolicies),
        builder.oauthTokenLifetime.toMillis());
    Authenticator authenticator = new Authenticator(builder.tokens, builder.basicUsers, tokenIssuer);
    MockWebServerLogging.quiet();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    // MockWebServer keeps no more of a body than this (it still counts the rest): a huge body costs no heap
    server.setBodyLimit(builder.maxRequestBodyBytes + 1);
    this.tls = builder.https ? new TlsMaterial(builder.requireClientCertificates) : null;
    if (tls != null) {
      server.useHttps(tls.server().sslSocketFactory());
      // HTTP/1.1 only: MockWebServer 5 serves an HTTP/2 stream with the socket effects of its dispatcher's peek()
      // rather than of the answer, so connection faults (drop, lose the response, no response) would not fire
      server.setProtocols(List.of(Protocol.HTTP_1_1));
      if (builder.requireClientCertificates) {
        server.requireClientAuth();
      }
    }
    builder.rateLimits.forEach(limit -> rateLimiter.add(limit.limit()));
    server.setDispatcher(new FakeDispatcher(jobsApi, journal, faults, rateLimiter, authenticator, tokenIssuer,
        clock::millis, clock::onPoll, this::drainMockWebServerQueue, this::urlOrPlaceholder,
        builder.workspaceId, new AdminEndpoints(this, builder.seed), builder.proxyCredentials,
        this::hostMetadata, builder.maxRequestBodyBytes));
  }

  /**
   * The {@code GET /.well-known/databricks-config} body: the workspace's OIDC endpoint and id, the fields a
   * workspace host answers with (shape from the Databricks CLI's test server and the SDKs' host-metadata
   * readers; no account-level fields, so SDKs keep treating the host as a workspace).
   */
  private Map<String, Object> hostMetadata() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("oidc_endpoint", urlOrPlaceholder() + "/oidc");
    body.put("workspace_id", Long.toString(workspaceIdValue));
    return body;
  }

  /**
   * A builder with the defaults (free port, any Bearer token, system clock, 2 s runs).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a server with the defaults: a free port, any Bearer token accepted, {@link FakeClock#system()}.
   *
   * @return the started server
   */
  public static FakeJobsServer start() {
    return builder().start();
  }

  /**
   * Starts a server made with {@link Builder#build()}.
   *
   * @return this server
   * @throws IllegalStateException when already started or closed
   * @throws UncheckedIOException when the port cannot be bound
   */
  public FakeJobsServer startListening() {
    synchronized (lifecycleLock) {
      if (closed) {
        throw new IllegalStateException("this FakeJobsServer was closed; build a new one");
      }
      if (started) {
        throw new IllegalStateException("this FakeJobsServer is already started on " + url());
      }
      try {
        server.start(InetAddress.getByName(bindAddress), requestedPort);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake Jobs server on port " + requestedPort, e);
      }
      started = true;
      LOG.debug("fake Jobs server listening on {}", url());
    }
    return this;
  }

  /**
   * The base URL, {@code http://127.0.0.1:PORT} ({@code https://} with {@link Builder#https()}) without a
   * trailing slash.
   *
   * @return the base URL, without a trailing slash
   * @throws IllegalStateException when the server has not been started
   */
  public String url() {
    return scheme() + "://127.0.0.1:" + port();
  }

  private String scheme() {
    return tls == null ? "http" : "https";
  }

  /**
   * Whether the server speaks HTTPS ({@link Builder#https()}).
   *
   * @return whether the server speaks HTTPS ({@link Builder#https()})
   */
  public boolean isHttps() {
    return tls != null;
  }

  /**
   * A trust manager that trusts exactly this server's generated CA; give it to the client
   * (e.g. {@code OkHttpClient.Builder.sslSocketFactory(server.sslSocketFactory(), server.trustManager())}).
   *
   * @return a trust manager that trusts exactly this server's generated CA
   * @throws IllegalStateException when the server is not HTTPS
   */
  public X509TrustManager trustManager() {
    return requireTls().client().trustManager();
  }

  /**
   * A client socket factory that trusts this server's CA and, with
   * {@link Builder#requireClientCertificates()}, presents a client certificate signed by it.
   *
   * @return a client socket factory that trusts this server's CA (and presents a client certificate when
   *     they are required)
   * @throws IllegalStateException when the server is not HTTPS
   */
  public SSLSocketFactory sslSocketFactory() {
    return requireTls().client().sslSocketFactory();
  }

  /**
   * The client {@link SSLContext} behind {@link #sslSocketFactory()}.
   *
   * @return the client {@link SSLContext} behind {@link #sslSocketFactory()}
   */
  public SSLContext clientSslContext() {
    return requireTls().client().sslContext();
  }

  /**
   * The client key manager holding the client certificate (empty unless client certificates are required).
   *
   * @return the client key manager holding the client certificate (empty unless client certificates are required)
   */
  public X509KeyManager clientKeyManager() {
    return requireTls().client().keyManager();
  }

  /**
   * The generated CA certificate.
   *
   * @return the generated CA certificate
   */
  public X509Certificate caCertificate() {
    return requireTls().ca().certificate();
  }

  /**
   * The generated CA certificate in PEM, for clients outside the JVM (e.g. {@code curl --cacert}).
   *
   * @return the generated CA certificate in PEM
   */
  public String caCertificatePem() {
    return requireTls().ca().certificatePem();
  }

  private TlsMaterial requireTls() {
    if (tls == null) {
      throw new IllegalStateException("this FakeJobsServer speaks plain HTTP; build it with https()");
    }
    return tls;
  }

  /**
   * The port the server listens on.
   *
   * @return the port the server listens on
   * @throws IllegalStateException when the server has not been started
   */
  public int port() {
    synchronized (lifecycleLock) {
      if (!started) {
        throw new IllegalStateException("the FakeJobsServer is not started; use builder().start()");
      }
    }
    return server.getPort();
  }

  private String urlOrPlaceholder() {
    synchronized (lifecycleLock) {
      return scheme() + "://127.0.0.1" + (started ? ":" + server.getPort() : "");
    }
  }

  /**
   * The server's clock.
   *
   * @return the server's clock
   */
  public FakeClock clock() {
    return clock;
  }

  /**
   * Creates a saved job, with the same effect as {@code POST /api/2.2/jobs/create} (so queueing is on unless
   * the spec says otherwise).
   *
   * @return the new {@code job_id}
   * @param spec the job to create
   */
  public long createJob(JobSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return jobsApi.createJob(spec.toSettings(), "2.2");
  }

  /**
   * Creates a saved job from raw {@code jobs/create} JSON fields, as if sent to the given API version.
   *
   * @param apiVersion "2.1" or "2.2" (decides the queue default)
   * @return the new job's id ({@code job_id})
   * @throws IllegalArgumentException when the settings are invalid (with the message the API would send)
   * @param settings the {@code jobs/create} fields, as JSON-ready maps, lists and values
   */
  public long createJob(Map<String, Object> settings, String apiVersion) {
    Objects.requireNonNull(settings, "settings");
    if (!apiVersion.equals("2.1") && !apiVersion.equals("2.2")) {
      throw new IllegalArgumentException("apiVersion must be \"2.1\" or \"2.2\", got " + apiVersion);
    }
    try {
      return jobsApi.createJob(new LinkedHashMap<>(settings), apiVersion);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The current view of a run (after settling to the clock); null when there is no such run.
   *
   * @param runId the run's id ({@code run_id})
   * @return the run, or null when there is none
   */
  public @Nullable RunSnapshot run(long runId) {
    RunView view = workspace.transact(ws -> ws.runView(runId));
    return view == null ? null : new RunSnapshot(view.json(), view.idempotencyToken());
  }

  /**
   * The current view of a run that must exist (after settling to the clock).
   *
   * @return the run
   * @throws IllegalArgumentException when there is no such run (never created, deleted or no longer retained)
   * @param runId the run's id ({@code run_id})
   */
  public RunSnapshot requireRun(long runId) {
    RunSnapshot snapshot = run(runId);
    if (snapshot == null) {
      throw new IllegalArgumentException("no run " + runId + " on this server");
    }
    return snapshot;
  }

  /**
   * Waits until a run exists and satisfies {@code condition}, re-checking (after settling to the clock)
   * every few milliseconds until the deadline. Meant for a system clock or a client working on another
   * thread; with a manual clock nothing changes unless someone advances it or sends requests.
   *
   * @return the first snapshot that satisfied the condition
   * @throws AssertionError when the deadline passes (with the last snapshot seen)
   * @throws IllegalStateException when interrupted
   * @param condition what the run must satisfy
   * @param runId the run's id ({@code run_id})
   * @param timeout how long to wait at most
   */
  public RunSnapshot awaitRun(long runId, java.util.function.Predicate<RunSnapshot> condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    Object monitor = new Object();
    while (true) {
      RunSnapshot snapshot = run(runId);
      if (snapshot != null && condition.test(snapshot)) {
        return snapshot;
      }
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMillis <= 0) {
        throw new AssertionError("run " + runId + " did not reach the expected condition within " + timeout
            + "; last seen: " + (snapshot == null ? "no such run" : snapshot));
      }
      synchronized (monitor) {
        try {
          monitor.wait(Math.min(leftMillis, 10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for run " + runId, e);
        }
      }
    }
  }

  /**
   * All runs of a job, oldest first (empty for an unknown job).
   *
   * @param jobId the job's id ({@code job_id})
   * @return the runs, oldest first
   */
  public List<RunSnapshot> runs(long jobId) {
    List<RunSnapshot> result = new ArrayList<>();
    for (RunView view : workspace.transact(ws -> ws.runViews(jobId))) {
      result.add(new RunSnapshot(view.json(), view.idempotencyToken()));
    }
    return result;
  }

  /**
   * The bytes the retained runs account for (their parameters, one-time runs' task definitions, tokens, plus a
   * fixed overhead per run and task): what {@link Builder#maxRetainedRunBytes(long)} bounds.
   *
   * @return the bytes the retained runs account for (their parameters, one-time runs' task definitions, tokens, plus
   *     a fixed overhead per run and task)
   */
  public long retainedRunBytes() {
    return workspace.transact(Workspace::retainedRunBytes);
  }

  /**
   * The number of runs ever created and not deleted (job runs and one-time runs).
   *
   * @return the number of runs ever created and not deleted (job runs and one-time runs)
   */
  public int runCount() {
    return workspace.transact(Workspace::runCount);
  }

  /**
   * Scripts every future run of a job (replacing an earlier job script). Next-run scripts win over it.
   *
   * @see RunScript
   * @param jobId the job's id ({@code job_id})
   * @param script what the run does
   */
  public void scriptJob(long jobId, RunScript script) {
    RunPlan plan = Objects.requireNonNull(script, "script").toPlan(defaultPlan);
    workspace.transact(ws -> {
      ws.scriptJob(jobId, plan);
      return null;
    });
  }

  /**
   * Scripts the next run created, of any job or a one-time run. Several calls queue up in order.
   *
   * @param script what the run does
   */
  public void scriptNextRun(RunScript script) {
    RunPlan plan = Objects.requireNonNull(script, "script").toPlan(defaultPlan);
    workspace.transact(ws -> {
      ws.scriptNextRun(plan);
      return null;
    });
  }

  /**
   * Scripts the next run of one job (wins over {@link #scriptNextRun(RunScript)} and job scripts).
   *
   * @param jobId the job's id ({@code job_id})
   * @param script what the run does
   */
  public void scriptNextRun(long jobId, RunScript script) {
    RunPlan plan = Objects.requireNonNull(script, "script").toPlan(defaultPlan);
    workspace.transact(ws -> {
      ws.scriptNextRun(jobId, plan);
      return null;
    });
  }

  /**
   * Re-scripts a run that already exists: its current phase keeps its start time and now lasts as the
   * script says (ending at once if that time has already passed); a finished run is not changed.
   *
   * @throws IllegalArgumentException when there is no such run
   * @param runId the run's id ({@code run_id})
   * @param script what the run does
   */
  public void scriptRun(long runId, RunScript script) {
    RunPlan plan = Objects.requireNonNull(script, "script").toPlan(defaultPlan);
    boolean found = workspace.transact(ws -> ws.scriptRun(runId, plan));
    if (!found) {
      throw new IllegalArgumentException("no run " + runId + " on this server");
    }
  }

  /** Forgets every job and next-run script; runs already created keep theirs. */
  public void clearScripts() {
    workspace.transact(ws -> {
      ws.clearScripts();
      return null;
    });
  }

  /**
   * The whole state as JSON-ready maps: {@code now_millis}, {@code jobs} (as {@code jobs/get} shows them) and
   * {@code runs} (as {@code runs/get} shows them, plus {@code idempotency_token}), oldest first. For large
   * states prefer {@link #stateDump(String, int)}, a page at a time.
   *
   * @return the state
   */
  public Map<String, Object> stateDump() {
    return stateDump(null, Integer.MAX_VALUE);
  }

  /**
   * One page of the state, as {@code GET /__fake/state?page_token=..&limit=..} answers: {@code now_millis},
   * {@code run_count}, every job on the first page (none on later ones), up to {@code limit} runs oldest first,
   * and {@code next_page_token} (to pass back) when more runs follow.
   *
   * @param pageToken null for the first page, else a {@code next_page_token} from the previous page
   * @return the state
   * @throws IllegalArgumentException when the token is not one this server gave or limit is below 1
   * @param limit the most runs on this page, at least 1
   */
  public Map<String, Object> stateDump(@Nullable String pageToken, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    long after = -1;
    if (pageToken != null) {
      try {
        if (!pageToken.startsWith("after:")) {
          throw new NumberFormatException();
        }
        after = Long.parseLong(pageToken.substring("after:".length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a page token of /__fake/state: " + pageToken);
      }
    }
    long from = after;
    // copied under the lock: the maps handed out share nothing with the live model
    @SuppressWarnings("unchecked")
    Map<String, Object> dump = (Map<String, Object>) workspace.transact(ws -> Json.deepCopy(ws.dump(from, limit)));
    return dump;
  }

  /**
   * Adds a listener for run state changes; see {@link RunListener} for threading and order.
   *
   * @param listener the listener to call
   */
  public void addRunListener(RunListener listener) {
    runListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added before (no effect when absent).
   *
   * @param listener the listener to call
   */
  public void removeRunListener(RunListener listener) {
    runListeners.remove(listener);
  }

  private void deliver(List<Workspace.Transition> transitions) {
    if (runListeners.isEmpty()) {
      return;
    }
    for (Workspace.Transition t : transitions) {
      RunStateChange change = new RunStateChange(t.runId(), t.jobId(),
          t.from() == null ? null : LifeCycleState.fromWire(t.from().name()), LifeCycleState.fromWire(t.to().name()),
          ResultState.fromWire(t.resultState()), t.atMillis());
      for (RunListener listener : runListeners) {
        try {
          if (t.from() == null) {
            listener.runCreated(change);
          } else {
            listener.runStateChanged(change);
          }
        } catch (RuntimeException e) {
          LOG.warn("RunListener {} failed on {}", listener, change, e);
        }
      }
    }
  }

  /**
   * The requests received so far.
   *
   * @return the journal
   */
  public RequestJournal journal() {
    return requestJournal;
  }

  /**
   * Adds a fault; it applies to requests arriving from now on.
   *
   * @param rule the fault to apply
   */
  public void addFault(FaultRule rule) {
    faults.add(Objects.requireNonNull(rule, "rule").spec());
  }

  /**
   * Adds a rate limit (a token bucket on the fake clock, full at first).
   *
   * @param limit the limit to enforce
   */
  public void addRateLimit(RateLimit limit) {
    rateLimiter.add(Objects.requireNonNull(limit, "limit").limit());
  }

  /** Removes every rate limit. */
  public void clearRateLimits() {
    rateLimiter.clear();
  }

  /** Removes every fault rule not yet used up. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Forgets jobs, runs, idempotency tokens, scripts, the journal, faults and issued OAuth tokens; id
   * sequences restart; rate-limit buckets are refilled. Keeps the port, accepted tokens, OAuth clients,
   * rate limits and the clock (which is not moved).
   */
  public void reset() {
    workspace.transact(ws -> {
      ws.clear();
      return null;
    });
    journal.clear();
    faults.clear();
    rateLimiter.refillAll();
    tokenIssuer.clear();
  }

  /** Stops the server and frees its port. Idempotent; a closed server cannot be restarted. */
  @Override
  public void close() {
    synchronized (lifecycleLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (!started) {
        return;
      }
    }
    try {
      server.close();
    } catch (AssertionError | RuntimeException e) {
      // MockWebServer 5 gives up after 5 s on a connection still being served (e.g. a DELAY fault in progress)
      LOG.warn("error while stopping the fake Jobs server", e);
    }
  }

  /** MockWebServer keeps every request in an unbounded queue for takeRequest(); we keep our own journal. */
  private void drainMockWebServerQueue() {
    try {
      while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FakeJobsServer{" + urlOrPlaceholder() + ", clock=" + clock + "}";
  }

  /** Configures a {@link FakeJobsServer}. Mutable, not thread-safe. */
  public static final class Builder {
    private int port;
    private String bindAddress = "127.0.0.1";
    private @Nullable String proxyCredentials;
    private final Set<String> tokens = new LinkedHashSet<>();
    private final Map<String, String> basicUsers = new LinkedHashMap<>();
    private FakeClock clock = FakeClock.system();
    private Duration runDuration = Duration.ofSeconds(2);
    private Duration pendingDuration = Duration.ZERO;
    private Duration terminatingDuration = Duration.ZERO;
    private int journalCapacity = RequestJournal.DEFAULT_CAPACITY;
    private long journalMaxBytes = RequestJournal.DEFAULT_MAX_BYTES;
    private int journalMaxBodyBytes = RequestJournal.DEFAULT_MAX_BODY_BYTES;
    private long maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private long maxRetainedRunBytes = DEFAULT_MAX_RETAINED_RUN_BYTES;
    private String creatorUserName = "testkit@example.com";
    private long workspaceId = 1234567890123456L;
    private final Map<String, String> oauthClients = new LinkedHashMap<>();
    private final List<OidcFederation.Policy> federationPolicies = new ArrayList<>();
    private Duration oauthTokenLifetime = Duration.ofHours(1);
    private final List<RateLimit> rateLimits = new ArrayList<>();
    private boolean https;
    private boolean requireClientCertificates;
    private long seed;
    private int maxRetainedRuns = DEFAULT_MAX_RETAINED_RUNS;
    private int workspaceRunLimit = Integer.MAX_VALUE;
    private final List<RunListener> runListeners = new ArrayList<>();
    private WorkspaceRunLimitAnswer workspaceRunLimitAnswer = WorkspaceRunLimitAnswer.REJECT_WITH_429;
    private long firstJobId = DEFAULT_FIRST_JOB_ID;
    private long firstRunId = DEFAULT_FIRST_RUN_ID;

    private Builder() {}

    /**
     * The first {@code job_id} handed out; default {@value FakeJobsServer#DEFAULT_FIRST_JOB_ID}. Later jobs (and
     * the anonymous jobs of one-time runs) count up from it. A value above 2^53 (9007199254740992) makes a
     * client that parses ids into a {@code double} (JavaScript, some JSON libraries) fail.
     *
     * @return this builder
     * @throws IllegalArgumentException when not positive or too close to {@link Long#MAX_VALUE}
     * @param firstJobId the first job id, at least 1
     */
    public Builder firstJobId(long firstJobId) {
      this.firstJobId = firstId(firstJobId, "firstJobId");
      return this;
    }

    /**
     * The first {@code run_id} handed out; default {@value FakeJobsServer#DEFAULT_FIRST_RUN_ID}. Later runs and
     * task runs count up from it.
     *
     * @return this builder
     * @throws IllegalArgumentException when not positive or too close to {@link Long#MAX_VALUE}
     * @param firstRunId the first run id, at least 1
     */
    public Builder firstRunId(long firstRunId) {
      this.firstRunId = firstId(firstRunId, "firstRunId");
      return this;
    }

    /**
     * Hands out the small ids of earlier testkit versions (jobs from 1001, runs from 800000001), for tests
     * written against them. Real workspaces use 15–16-digit ids; prefer the default.
     *
     * @return this builder
     */
    public Builder smallIds() {
      this.firstJobId = 1001;
      this.firstRunId = 800_000_001L;
      return this;
    }

    private static long firstId(long value, String name) {
      if (value < 1 || value > Long.MAX_VALUE / 2) {
        throw new IllegalArgumentException(name + " must be between 1 and " + Long.MAX_VALUE / 2 + ", was "
            + value);
      }
      return value;
    }

    /**
     * Serves HTTPS with a certificate for 127.0.0.1/localhost signed by a CA generated in memory for this
     * server; clients trust it through {@link FakeJobsServer#trustManager()} /
     * {@link FakeJobsServer#sslSocketFactory()} or {@link FakeJobsServer#caCertificatePem()}. HTTP/1.1 only (no
     * HTTP/2 negotiation), so connection faults behave as they do over plain HTTP.
     *
     * @return this builder
     */
    public Builder https() {
      this.https = true;
      return this;
    }

    /**
     * Serves HTTPS (as {@link #https()}) and requires a client certificate signed by the generated CA;
     * {@link FakeJobsServer#sslSocketFactory()} presents one.
     *
     * @return this builder
     */
    public Builder requireClientCertificates() {
      this.https = true;
      this.requireClientCertificates = true;
      return this;
    }

    /**
     * The seed for probability faults added through the admin API without their own {@code seed};
     * default 0.
     *
     * @param seed the seed for the random draws
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How many runs the server keeps; when a new run would exceed it, the oldest finished runs are
     * forgotten (as the real service purges old runs), their idempotency tokens too. Active runs are never
     * dropped. Default 100,000.
     *
     * @param maxRetainedRuns how many runs to keep, at least 1
     * @return this builder
     */
    public Builder maxRetainedRuns(int maxRetainedRuns) {
      if (maxRetainedRuns < 1) {
        throw new IllegalArgumentException("maxRetainedRuns must be >= 1, got " + maxRetainedRuns);
      }
      this.maxRetainedRuns = maxRetainedRuns;
      return this;
    }

    /**
     * A workspace-wide limit on started (PENDING, RUNNING, TERMINATING) runs, of all jobs and one-time runs;
     * default none. At the limit a new run is QUEUED with {@code status.queue_details.code}
     * ACTIVE_RUNS_LIMIT_REACHED (queue on); with queueing off it is answered as
     * {@link #workspaceRunLimitAnswer(WorkspaceRunLimitAnswer)} says (429 REQUEST_LIMIT_EXCEEDED "There are
     * already N active runs (limit: N)." by default, as recorded). Queued runs start oldest first as slots
     * free. The real limit counts task runs (2,000); the fake counts runs.
     *
     * @param limit how many started runs the workspace allows at once, at least 1
     * @return this builder
     */
    public Builder workspaceRunLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("workspaceRunLimit must be >= 1, got " + limit);
      }
      this.workspaceRunLimit = limit;
      return this;
    }

    /**
     * What a run that cannot queue at the {@link #workspaceRunLimit(int)} gets; default
     * {@link WorkspaceRunLimitAnswer#REJECT_WITH_429}, as recorded.
     *
     * @param answer how the limit answers
     * @return this builder
     */
    public Builder workspaceRunLimitAnswer(WorkspaceRunLimitAnswer answer) {
      this.workspaceRunLimitAnswer = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /**
     * Adds a run listener from the start (repeatable); see {@link RunListener}.
     *
     * @param listener the listener to call
     * @return this builder
     */
    public Builder runListener(RunListener listener) {
      runListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a rate limit from the start (repeatable); see {@link RateLimit}.
     *
     * @param limit the limit to enforce
     * @return this builder
     */
    public Builder rateLimit(RateLimit limit) {
      rateLimits.add(Objects.requireNonNull(limit, "limit"));
      return this;
    }

    /**
     * The port to listen on (on 127.0.0.1); 0 (the default) picks a free port.
     *
     * @return this builder
     * @throws IllegalArgumentException when not within 0..65535
     * @param port the port, 0 for a free one
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to listen on; default 127.0.0.1 (loopback only). Use 0.0.0.0 only inside an isolated
     * network (a container): the admin API under {@code /__fake/} needs no credentials. {@link FakeJobsServer#url()}
     * still names 127.0.0.1.
     *
     * @return this builder
     * @throws IllegalArgumentException when blank
     * @param address the address to listen on, e.g. {@code 0.0.0.0}
     */
    public Builder bindAddress(String address) {
      Objects.requireNonNull(address, "address");
      if (address.isBlank()) {
        throw new IllegalArgumentException("bindAddress must not be blank");
      }
      this.bindAddress = address;
      return this;
    }

    /**
     * Accepts this Bearer token (repeatable). With no token configured (and no OAuth client), any non-empty
     * Bearer token is accepted. A request without {@code Authorization: Bearer ...} gets 401
     * {@code {"error_code": 401, "message": "Credential was not sent or was of an unsupported type for this
     * API."}} with {@code WWW-Authenticate: Bearer realm="DatabricksRealm"}, as real workspaces answer; a Bearer token not accepted gets 403 {@code {"error_code": 403, "message": "Invalid
     * access token."}}, the shape a real workspace sends for a bad personal access token.
     *
     * @param token the Bearer token to accept
     * @return this builder
     */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      tokens.add(token);
      return this;
    }

    /**
     * Accepts HTTP Basic authentication ({@code Authorization: Basic base64(username:password)}) for this
     * user (repeatable), as legacy workspaces did for username/password clients. A wrong pair gets 401
     * UNAUTHENTICATED. Without any user, Basic credentials get 401 like any non-Bearer credential.
     *
     * @param password the user's password
     * @param username the user's name
     * @return this builder
     */
    public Builder basicCredentials(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty() || username.contains(":")) {
        throw new IllegalArgumentException("username must be non-empty and contain no ':', got '" + username + "'");
      }
      basicUsers.put(username, password);
      return this;
    }

    /**
     * Requires {@code Proxy-Authorization: Basic base64(username:password)} on requests that use this
     * server as their HTTP proxy (request line with an absolute URL, as a client configured with an HTTP
     * proxy sends for {@code http://} hosts); others get 407 with {@code Proxy-Authenticate: Basic}.
     * Direct requests are not affected. Without this, proxied requests are served like direct ones.
     *
     * @param password the user's password
     * @param username the user's name
     * @return this builder
     */
    public Builder requireProxyAuthorization(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      this.proxyCredentials = okhttp3.Credentials.basic(username, password);
      return this;
    }

    /**
     * The clock; default {@link FakeClock#system()}.
     *
     * @param clock the clock the server runs on
     * @return this builder
     */
    public Builder clock(FakeClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long a run stays RUNNING (fake-clock time, ms precision); default 2 s.
     *
     * @param duration how long (zero or more)
     * @return this builder
     */
    public Builder runDuration(Duration duration) {
      this.runDuration = nonNegative(duration, "runDuration");
      return this;
    }

    /**
     * How long a run stays PENDING before RUNNING; default 0, meaning the run is RUNNING from its start
     * time on (PENDING is never observed).
     *
     * @param duration how long (zero or more)
     * @return this builder
     */
    public Builder pendingDuration(Duration duration) {
      this.pendingDuration = nonNegative(duration, "pendingDuration");
      return this;
    }

    /**
     * How long a run stays TERMINATING before its terminal state; default 0.
     *
     * @param duration how long (zero or more)
     * @return this builder
     */
    public Builder terminatingDuration(Duration duration) {
      this.terminatingDuration = nonNegative(duration, "terminatingDuration");
      return this;
    }

    /**
     * How many requests the journal keeps (oldest dropped first); default 10,000.
     *
     * @param capacity how many requests the journal keeps, at least 1
     * @return this builder
     */
    public Builder journalCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("journalCapacity must be >= 1, got " + capacity);
      }
      this.journalCapacity = capacity;
      return this;
    }

    /**
     * The bytes the journal may hold in all (bodies, headers, paths, plus a fixed overhead per request; see
     * {@link RequestJournal#retainedBytes()}); beyond it the oldest requests are dropped (the newest is always
     * kept). Default 64 MiB.
     *
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @param maxBytes the limit in bytes, at least 1
     */
    public Builder journalMaxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("journalMaxBytes must be >= 1, was " + maxBytes);
      }
      this.journalMaxBytes = maxBytes;
      return this;
    }

    /**
     * The longest request body the journal keeps per request (UTF-8 bytes); longer bodies are cut there and
     * marked {@link RecordedApiRequest#bodyTruncated()}. The server still handles the whole body. Default 1 MiB.
     *
     * @return this builder
     * @throws IllegalArgumentException when negative
     * @param maxBodyBytes the longest body kept per request, in bytes, at least 1
     */
    public Builder journalMaxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("journalMaxBodyBytes must be >= 0, was " + maxBodyBytes);
      }
      this.journalMaxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The largest request body the Jobs endpoints accept; a larger one is answered 400
     * {@code {"error_code": "BAD_REQUEST", "message": "Size exceeds N bytes"}} (the wording of the Workspace
     * API's 10 MiB cap; the Jobs API's own answer is not recorded) and only this much of it is ever held in
     * memory. Default 10 MiB (10485760).
     *
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @param maxBytes the limit in bytes, at least 1
     */
    public Builder maxRequestBodyBytes(long maxBytes) {
      if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 1) {
        throw new IllegalArgumentException("maxRequestBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 1)
            + ", was " + maxBytes);
      }
      this.maxRequestBodyBytes = maxBytes;
      return this;
    }

    /**
     * The bytes the retained runs may account for ({@link FakeJobsServer#retainedRunBytes()}); beyond it the
     * oldest finished runs are forgotten, as with {@link #maxRetainedRuns(int)}. Active runs are never
     * dropped. Default 256 MiB.
     *
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @param maxBytes the limit in bytes, at least 1
     */
    public Builder maxRetainedRunBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxRetainedRunBytes must be >= 1, was " + maxBytes);
      }
      this.maxRetainedRunBytes = maxBytes;
      return this;
    }

    /**
     * The {@code creator_user_name} of jobs and runs; default "testkit@example.com".
     *
     * @param creatorUserName the {@code creator_user_name} of created jobs and runs
     * @return this builder
     */
    public Builder creatorUserName(String creatorUserName) {
      this.creatorUserName = Objects.requireNonNull(creatorUserName, "creatorUserName");
      return this;
    }

    /**
     * The workspace id in {@code run_page_url} and {@code X-Databricks-Org-Id}; default 1234567890123456.
     *
     * @param workspaceId the workspace's id
     * @return this builder
     */
    public Builder workspaceId(long workspaceId) {
      if (workspaceId <= 0) {
        throw new IllegalArgumentException("workspaceId must be > 0, got " + workspaceId);
      }
      this.workspaceId = workspaceId;
      return this;
    }

    /**
     * Enables OAuth M2M: {@code POST /oidc/v1/token} issues tokens for this client (client credentials
     * grant); issued tokens are accepted by the Jobs endpoints until they expire on the fake clock.
     * Repeatable. When an OAuth client is configured, only configured and issued tokens are accepted.
     *
     * @param clientId the OAuth client id
     * @param clientSecret the client's secret
     * @return this builder
     */
    public Builder oauthClient(String clientId, String clientSecret) {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      oauthClients.put(clientId, clientSecret);
      return this;
    }

    /**
     * Trusts ID tokens of this issuer for this audience under an <em>account-wide</em> federation policy: the
     * token endpoint ({@code /oidc/v1/token} and {@code /oidc/accounts/{id}/v1/token}) then answers the OAuth
     * token-exchange grant (RFC 8693: {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange},
     * {@code subject_token=<JWT>}, {@code subject_token_type=urn:ietf:params:oauth:token-type:jwt},
     * {@code scope}) sent <em>without</em> {@code client_id}, with {@code {"access_token", "token_type": "Bearer",
     * "expires_in", "scope"}}. Issued tokens are accepted by the Jobs endpoints until they expire
     * ({@link #oauthTokenLifetime(Duration)}) on the fake clock. Repeatable. As with {@link #oauthClient}, once
     * any policy is configured only configured and issued tokens are accepted.
     *
     * <p>The subject token's payload is read, <b>its signature is not verified</b>: the fake checks the
     * {@code iss} claim (equal to {@code issuer}), the {@code aud} claim (equal to, or a list containing,
     * {@code audience}) and {@code exp} (required, in the future on the fake clock); the subject is not checked.
     * A refused token is answered 400 {@code {"error": "invalid_request", "error_description": ...}} (the code
     * RFC 8693 prescribes; the real service's wording is not recorded), the description naming what did not
     * match but never the token.
     *
     * @param issuer the {@code iss} trusted, such as {@code https://token.actions.githubusercontent.com}
     * @param audience the {@code aud} required, such as the token endpoint's URL or the account id
     * @return this builder
     * @throws IllegalArgumentException when either is blank
     */
    public Builder trustOidcIssuer(String issuer, String audience) {
      federationPolicies.add(new OidcFederation.Policy(nonBlank(issuer, "issuer"), nonBlank(audience, "audience"),
          null));
      return this;
    }

    /**
     * Trusts ID tokens of this issuer for this audience under the federation policy of the service principal
     * {@code clientId}: as {@link #trustOidcIssuer(String, String)}, for exchanges that send
     * {@code client_id=<clientId>}. Repeatable.
     *
     * @return this builder
     * @throws IllegalArgumentException when an argument is blank
     * @param audience the ID tokens' audience ({@code aud})
     * @param clientId the OAuth client id
     * @param issuer the ID tokens' issuer ({@code iss})
     */
    public Builder trustOidcIssuer(String issuer, String audience, String clientId) {
      federationPolicies.add(new OidcFederation.Policy(nonBlank(issuer, "issuer"), nonBlank(audience, "audience"),
          nonBlank(clientId, "clientId")));
      return this;
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    /**
     * The lifetime of issued OAuth tokens ({@code expires_in}); default 1 hour.
     *
     * @param lifetime how long an issued token is valid, positive
     * @return this builder
     */
    public Builder oauthTokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("oauthTokenLifetime must be > 0, got " + lifetime);
      }
      this.oauthTokenLifetime = lifetime;
      return this;
    }

    private static Duration nonNegative(@Nullable Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + duration);
      }
      return duration;
    }

    /**
     * A configured server, not started.
     *
     * @return the server, not yet listening
     */
    public FakeJobsServer build() {
      return new FakeJobsServer(this);
    }

    /**
     * Builds and starts a server.
     *
     * @return the started server
     */
    public FakeJobsServer start() {
      return build().startListening();
    }
  }
}
