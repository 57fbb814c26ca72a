package io.github.dbexec.internal;

import io.github.dbexec.DatabricksException;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.QueueReport;
import io.github.dbexec.QueueReported;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.RunLifeCycleState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link QueueReport} for a new run, asking the workspace as much as the {@link QueueReporting} level
 * says. Job settings are cached per job for a time-to-live. A failed look-up never fails the submission: what could
 * not be read is left out, and the outcome is UNKNOWN only when the run's own state could not be read. Thread-safe.
 */
public final class QueueReporter {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.queue");
  private static final int ACTIVE_RUNS_PAGE = 24; // runs/list takes limit < 25

  private final JobsService service;
  private final ApiCaller caller;
  private final QueueReporting level;
  private final Duration settingsTtl;
  private final Clock clock;
  private final Map<Long, CachedSettings> settingsCache = new ConcurrentHashMap<>();

  /** A run as read for the report, with the report. */
  public record Result(QueueReport report, Wire.@Nullable Run run) {}

  private record CachedSettings(@Nullable Integer maxConcurrentRuns, boolean queueEnabled, long expiresAt) {}

  public QueueReporter(
      JobsService service,
      ApiCaller caller,
      QueueReporting level,
      Duration settingsTtl,
      Clock clock) {
    this.service = service;
    this.caller = caller;
    this.level = level;
    this.settingsTtl = settingsTtl;
    this.clock = clock;
  }

  /**
   * Reports on {@code runId} of {@code jobId} (null for a one-time run, which has no job settings), telling
   * {@code listener} each look-up as an attempt and then the report.
   */
  public Result report(@Nullable Long jobId, long runId, ExecutorListener listener) {
    if (listener == ExecutorListener.NONE) {
      return lookUp(jobId, runId, listener);
    }
    long start = System.nanoTime();
    Result result = lookUp(jobId, runId, listener);
    listener.queueReported(new QueueReported(runId, jobId, result.report(),
        level == QueueReporting.OFF ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start)));
    return result;
  }

  private Result lookUp(@Nullable Long jobId, long runId, ExecutorListener listener) {
    if (level == QueueReporting.OFF) {
      return new Result(QueueReport.unknown("queue reporting is off"), null);
    }
    Wire.Run run;
    try {
      run = caller.once(service.getRun(runId), listener);
    } catch (DatabricksException e) {
      log.debug("queue report for run {}: could not read the run: {}", runId, e.getMessage());
      return new Result(QueueReport.unknown("could not read run " + runId + ": " + e.getMessage()), null);
    }
    QueueReport.Builder report = fromRun(run);
    if (jobId != null && level.compareTo(QueueReporting.JOB_SETTINGS) >= 0) {
      addJobSettings(jobId, report, listener);
    }
    if (jobId != null && level.compareTo(QueueReporting.ACTIVE_RUNS) >= 0) {
      addActiveRuns(jobId, report, listener);
    }
    return new Result(report.build(), run);
  }

  /** The outcome the run's own state shows; see {@link QueueOutcome}. */
  static QueueReport.Builder fromRun(Wire.Run run) {
    Wire.RunState state = run.state;
    Wire.RunStatus status = run.status;
    RunLifeCycleState lifeCycle = RunLifeCycleState.fromWire(state == null ? null : state.lifeCycleState);
    String resultState = state == null ? null : state.resultState;
    String stateMessage = state == null ? null : WireMapper.emptyToNull(state.stateMessage);
    String statusState = status == null ? null : status.state;
    Wire.Details queueDetails = status == null ? null : status.queueDetails;
    Wire.Details termination = status == null ? null : status.terminationDetails;
    String terminationCode = termination == null ? null : termination.code;

    QueueReport.Builder b = QueueReport.builder().lifeCycleState(lifeCycle);
    if (lifeCycle == RunLifeCycleState.QUEUED || (lifeCycle == RunLifeCycleState.UNKNOWN && "QUEUED".equals(statusState))) {
      String reason = state == null ? null : WireMapper.emptyToNull(state.queueReason);
      if (reason == null && queueDetails != null) {
        reason = WireMapper.emptyToNull(queueDetails.message);
      }
      return b.outcome(QueueOutcome.QUEUED).code(queueDetails == null ? null : queueDetails.code).reason(reason);
    }
    boolean skipped = lifeCycle == RunLifeCycleState.SKIPPED
        || "MAXIMUM_CONCURRENT_RUNS_REACHED".equals(resultState)
        || "MAX_CONCURRENT_RUNS_EXCEEDED".equals(terminationCode)
        || "MAX_JOB_QUEUE_SIZE_EXCEEDED".equals(terminationCode);
    if (skipped) {
      String reason = stateMessage != null ? stateMessage : termination == null ? null : WireMapper.emptyToNull(termination.message);
      return b.outcome(QueueOutcome.SKIPPED).code(terminationCode != null ? terminationCode : resultState).reason(reason);
    }
    if (lifeCycle == RunLifeCycleState.UNKNOWN) {
      return b.outcome(QueueOutcome.UNKNOWN)
          .reason("unrecognised life_cycle_state " + (state == null ? "(none)" : state.lifeCycleState));
    }
    return b.outcome(QueueOutcome.STARTED);
  }

  private void addJobSettings(long jobId, QueueReport.Builder report, ExecutorListener listener) {
    long now = clock.millis();
    CachedSettings cached = settingsCache.get(jobId);
    if (cached == null || cached.expiresAt <= now) {
      try {
        Wire.Job job = caller.once(service.getJob(jobId), listener);
        Wire.JobSettings settings = job.settings;
        cached = new CachedSettings(WireMapper.maxConcurrentRuns(settings), WireMapper.queueEnabled(settings),
            now + settingsTtl.toMillis());
        settingsCache.put(jobId, cached);
      } catch (DatabricksException e) {
        log.debug("queue report for job {}: could not read the job's settings: {}", jobId, e.getMessage());
        return;
      }
    }
    report.maxConcurrentRuns(cached.maxConcurrentRuns).queueEnabled(cached.queueEnabled);
  }

  private void addActiveRuns(long jobId, QueueReport.Builder report, ExecutorListener listener) {
    try {
      Wire.RunList list =
          caller.once(service.listRuns(jobId, true, ACTIVE_RUNS_PAGE, null), listener);
      int count = list.runs == null ? 0 : list.runs.size();
      // more than a page of active runs: report what one page shows rather than pay for paging
      report.activeRuns(count);
    } catch (DatabricksException e) {
      log.debug("queue report for job {}: could not list active runs: {}", jobId, e.getMessage());
    }
  }

  /** Forgets cached job settings, e.g. after the caller changed the job. */
  public void invalidate(long jobId) {
    settingsCache.remove(jobId);
  }
}
