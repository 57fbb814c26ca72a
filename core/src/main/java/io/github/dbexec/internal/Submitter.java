package io.github.dbexec.internal;

import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.IdempotencyTokens;
import io.github.dbexec.NewCluster;
import io.github.dbexec.OneTimeRunRequest;
import io.github.dbexec.RunNowRequest;
import io.github.dbexec.SubmissionInfo;
import io.github.dbexec.QueueReport;
import io.github.dbexec.TaskType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;

/**
 * The one submit path, shared by run-now and runs/submit: chooses the idempotency token (once per submission, so
 * every retry sends the same one), sends the request through the attempt loop, checks the answer, remembers the
 * token, asks for the queue report and emits the events — {@code SubmissionFailedEvent} when it fails. Thread-safe.
 */
public final class Submitter {
  private static final Logger log = LoggerFactory.getLogger(Submitter.class);
  private static final int RECENT_TOKENS = 10_000;
  /**
   * How much earlier than this submission's first request a run's {@code start_time} must be for the run to count as
   * created before it (by another process, for a re-delivered trigger): the allowance for skew between this host's
   * clock and the workspace's.
   */
  public static final long CLOCK_SKEW_MARGIN_MILLIS = 60_000;

  /** A run the workspace accepted, with what the executor learned about it. */
  public record Accepted(SubmissionInfo info, QueueReport queueReport) {}

  private final JobsService service;
  private final ApiCaller caller;
  private final QueueReporter queueReporter;
  private final EventEmitter events;
  private final Clock clock;
  private final Map<String, Long> recentTokens =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > RECENT_TOKENS;
        }
      };

  public Submitter(
      JobsService service, ApiCaller caller, QueueReporter queueReporter, EventEmitter events, Clock clock) {
    this.service = service;
    this.caller = caller;
    this.queueReporter = queueReporter;
    this.events = events;
    this.clock = clock;
  }

  /** Starts a run of a saved job ({@code run-now}). */
  public Accepted runNow(RunNowRequest r) {
    String token = r.idempotencyToken() != null ? r.idempotencyToken()
        : r.idempotencyKey() != null ? IdempotencyTokens.forRunNow(r.jobId(), r.idempotencyKey())
        : IdempotencyTokens.random();
    Wire.RunNowBody body = new Wire.RunNowBody();
    body.jobId = r.jobId();
    body.idempotencyToken = token;
    body.jobParameters = r.jobParameters();
    body.notebookParams = r.notebookParams();
    body.jarParams = r.jarParams();
    body.pythonParams = r.pythonParams();
    body.pythonNamedParams = r.pythonNamedParams();
    body.sparkSubmitParams = r.sparkSubmitParams();
    body.sqlParams = r.sqlParams();
    body.dbtCommands = r.dbtCommands();
    if (r.pipelineFullRefresh() != null) {
      body.pipelineParams = new Wire.PipelineParams();
      body.pipelineParams.fullRefresh = r.pipelineFullRefresh();
    }
    body.queue = r.queueEnabled() == null ? null : new Wire.QueueSettings(r.queueEnabled());
    body.performanceTarget = r.performanceTarget();
    body.only = r.only();
    return submit(r.jobId(), service.runNow(body), token, r.idempotencyKey());
  }

  /** Starts a one-time run ({@code runs/submit}). */
  public Accepted submit(OneTimeRunRequest r) {
    String token = r.idempotencyToken() != null ? r.idempotencyToken()
        : r.idempotencyKey() != null ? IdempotencyTokens.forSubmit(r.idempotencyKey()) : IdempotencyTokens.random();
    Wire.SubmitTask t = new Wire.SubmitTask();
    t.taskKey = r.taskKey();
    t.existingClusterId = r.existingClusterId();
    t.newCluster = r.newCluster() == null ? null : newCluster(r.newCluster());
    if (r.taskType() == TaskType.NOTEBOOK) {
      t.notebookTask = r.task();
    } else if (r.taskType() == TaskType.JAR) {
      t.sparkJarTask = r.task();
    } else {
      t.sparkPythonTask = r.task();
    }
    t.libraries = r.libraries().isEmpty() ? null : r.libraries();
    Wire.SubmitRunBody body = new Wire.SubmitRunBody();
    body.runName = r.runName();
    body.timeoutSeconds = r.timeout() == null ? null : r.timeout().toSeconds();
    body.queue = r.queueEnabled() == null ? null : new Wire.QueueSettings(r.queueEnabled());
    body.tasks = List.of(t);
    body.idempotencyToken = token;
    return submit(null, service.submitRun(body), token, r.idempotencyKey());
  }

  private Accepted submit(@Nullable Long jobId, Call<Wire.RunNowResponse> call, String token, @Nullable String key) {
    AtomicInteger attempts = new AtomicInteger();
    long firstSentAt = clock.millis();
    Wire.RunNowResponse response;
    try {
      // an answer without a run_id is retried with the same token: Databricks answers the repeat with the run the
      // first attempt created, if it created one
      response = caller.withRetries(call, attempts, r -> {
        if (r.runId == null || r.runId <= 0) {
          throw DatabricksTransportException.unusableResponse(label(call) + " answered without a run_id; the run "
              + "may exist: repeat with the same idempotency key to find it", 200, true, null);
        }
      });
    } catch (DatabricksException e) {
      events.emitFailure(jobId, token, key, e, attempts.get());
      throw e;
    }
    long runId = response.runId;
    long submittedAt = clock.millis();
    boolean deduplicated = remember(token, runId);
    QueueReporter.Result queue = queueReporter.report(jobId, runId);
    boolean createdEarlier = !deduplicated && createdBefore(queue.run(), firstSentAt);
    SubmissionInfo info = new SubmissionInfo(runId, jobId, response.numberInJob, token, key,
        queue.run() == null ? null : queue.run().runPageUrl, submittedAt, deduplicated || createdEarlier);
    if (createdEarlier) {
      // another process (or this one before a restart) started the run for the same idempotency token. Its
      // AppSubmittedEvent may never have been written (a crash before the answer is why triggers are re-delivered),
      // so this one is still emitted: readers deduplicate by app_id
      log.info("run {} for idempotency token {} was created at {}, before this submission's first request at {}: "
          + "a re-delivered trigger; reported as deduplicated", runId, token, queue.run().startTime, firstSentAt);
    }
    if (log.isDebugEnabled()) {
      log.debug("{} -> run {} ({}{})", jobId == null ? label(call) : label(call) + " of job " + jobId, runId,
          queue.report().outcome(), deduplicated ? ", existing run for this idempotency token" : "");
    }
    if (!deduplicated) {
      events.emitSubmitted(info, queue.report());
    }
    return new Accepted(info, queue.report());
  }

  /**
   * The label of the call's endpoint. The attempt loop sends clones of {@code call}, so building its own request
   * here is extra work: done only for a message or a DEBUG line.
   */
  private static String label(Call<?> call) {
    return Endpoints.label(call.request());
  }

  /**
   * Whether the workspace created {@code run} (its {@code start_time}, the time it was created or triggered) more than
   * {@link #CLOCK_SKEW_MARGIN_MILLIS} before {@code firstSentAt}: then no request of this submission created it.
   * Unknown (false) when the run was not read (queue reporting OFF) or has no start time.
   */
  static boolean createdBefore(Wire.@Nullable Run run, long firstSentAt) {
    return run != null && run.startTime != null && run.startTime > 0
        && run.startTime < firstSentAt - CLOCK_SKEW_MARGIN_MILLIS;
  }

  private boolean remember(String token, long runId) {
    synchronized (recentTokens) {
      Long previous = recentTokens.put(token, runId);
      return previous != null && previous == runId;
    }
  }

  private static Map<String, Object> newCluster(NewCluster c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spark_version", c.sparkVersion());
    m.put("node_type_id", c.nodeTypeId());
    if (c.numWorkers() != null) {
      m.put("num_workers", c.numWorkers());
    } else {
      m.put("autoscale", Map.of("min_workers", c.minWorkers(), "max_workers", c.maxWorkers()));
    }
    if (!c.sparkConf().isEmpty()) {
      m.put("spark_conf", c.sparkConf());
    }
    return m;
  }
}
