package io.github.dbexec.internal;

import io.github.dbexec.DatabricksException;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.QueueReport;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.RunLifeCycleState;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link QueueReport} of each new run, asking the workspace as much as the {@link QueueReporting} level
 * says, after the submission has returned to its caller. Reports are looked up in batches per job (see
 * {@link ReportBatcher}): a batch of one reads the run ({@code runs/get}); a larger batch reads the job's newest runs
 * ({@code runs/list}, newest first, {@value #RUNS_PAGE} per page, as many pages as the batch needs and one more) and
 * falls back to {@code runs/get} only for the runs those pages did not show (older than the pages: other runs of the
 * job ended or started in between). Job settings are read once per batch and cached per job for a time-to-live;
 * active runs are counted once per batch. A failed look-up never fails anything: what could not be read is left out,
 * and the outcome is UNKNOWN only when the run's own state could not be read. Thread-safe.
 */
public final class QueueReporter {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.queue");
  private static final int RUNS_PAGE = 24; // runs/list takes limit < 25
  private static final int MAX_EXTRA_PAGES = 8;
  /** How long the first report waiting for a job waits for others to share its look-ups. */
  static final Duration BATCH_WINDOW = Duration.ofMillis(20);

  private final JobsService service;
  private final ApiCaller caller;
  private final QueueReporting level;
  private final Duration settingsTtl;
  private final Clock clock;
  private final Map<Long, CachedSettings> settingsCache = new ConcurrentHashMap<>();
  private final ReportBatcher batcher = new ReportBatcher(this::lookUp, BATCH_WINDOW);

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

  /** Whether reports are looked up at all (not {@link QueueReporting#OFF}). */
  public boolean isOff() {
    return level == QueueReporting.OFF;
  }

  /**
   * The report on {@code runId} of {@code jobId} (null for a one-time run, which has no job settings): with
   * {@link QueueReporting#OFF} known at once (UNKNOWN) and {@code finish} run on this thread; otherwise looked up
   * later, in a batch, and {@code finish} run on the look-up thread. A look-up made for this run alone is told to
   * {@code listener} as attempts; one shared by several runs is told to a call of its own ({@code LIST_RUNS} for
   * the runs pages, {@code GET_JOB} for the job's settings).
   */
  public PendingReport report(@Nullable Long jobId, long runId, ExecutorListener listener,
      Function<Result, PendingReport.Known> finish) {
    if (level == QueueReporting.OFF) {
      return PendingReport.now(jobId, runId, listener, finish,
          new Result(QueueReport.unknown("queue reporting is off"), null));
    }
    return batcher.add(jobId, runId, listener, finish);
  }

  /**
   * Looks up every report still waiting at once, and waits for them until {@code deadlineNanos} (on
   * {@link System#nanoTime()}); those still unknown then become UNKNOWN. See {@link ReportBatcher#close}.
   */
  public void close(long deadlineNanos) {
    batcher.close(deadlineNanos);
  }

  /** Looks up one batch of reports of {@code jobId} (null: one one-time run) and completes each. */
  private void lookUp(@Nullable Long jobId, List<PendingReport> batch) {
    if (jobId == null || batch.size() == 1) {
      for (PendingReport p : batch) {
        p.complete(lookUpAlone(p.jobId, p.runId, p.listener));
      }
      return;
    }
    Map<Long, Wire.Run> found = listNewestRuns(jobId, batch);
    CachedSettings settings = null;
    Integer active = null;
    boolean settingsRead = false;
    if (level.compareTo(QueueReporting.JOB_SETTINGS) >= 0) {
      settings = jobSettings(jobId, () -> caller.listener(ExecutorCall.Operation.GET_JOB, jobId, null));
      settingsRead = true;
    }
    if (level.compareTo(QueueReporting.ACTIVE_RUNS) >= 0) {
      active = activeRuns(jobId, caller.listener(ExecutorCall.Operation.LIST_RUNS, jobId, null));
    }
    for (PendingReport p : batch) {
      Wire.Run run = found.get(p.runId);
      if (run == null) { // not on the pages read: read it alone
        p.complete(lookUpAlone(jobId, p.runId, p.listener, settingsRead, settings, active));
        continue;
      }
      p.complete(new Result(withJob(fromRun(run), settings, active), run));
    }
  }

  /**
   * The batch's runs found on the job's newest {@code runs/list} pages (all runs, not only active ones: a skipped run
   * is not active), reading as many pages as the batch needs plus one — and further pages, at most
   * {@value #MAX_EXTRA_PAGES}, while two or more of its runs are still missing — stopping early when every run was
   * seen.
   */
  private Map<Long, Wire.Run> listNewestRuns(long jobId, List<PendingReport> batch) {
    Set<Long> wanted = new HashSet<>();
    for (PendingReport p : batch) {
      wanted.add(p.runId);
    }
    Map<Long, Wire.Run> found = new HashMap<>();
    ExecutorListener listener = caller.listener(ExecutorCall.Operation.LIST_RUNS, jobId, null);
    int pages = (wanted.size() + RUNS_PAGE - 1) / RUNS_PAGE + 1;
    String token = null;
    // runs started after the batch's (other submissions in flight) sit above it on the newest-first pages: past the
    // planned pages, one more page is read while it still saves at least two runs/get, up to MAX_EXTRA_PAGES
    for (int page = 0; page < pages + MAX_EXTRA_PAGES && !wanted.isEmpty(); page++) {
      if (page >= pages && wanted.size() < 2) {
        break;
      }
      Wire.RunList list;
      try {
        list = caller.once(service.listRuns(jobId, false, RUNS_PAGE, token), listener);
      } catch (DatabricksException e) {
        log.debug("queue report for job {}: could not list its runs: {}", jobId, e.getMessage());
        break;
      }
      if (list.runs != null) {
        for (Wire.Run run : list.runs) {
          if (run != null && run.runId != null && wanted.remove(run.runId)) {
            found.put(run.runId, run);
          }
        }
      }
      token = list.nextPageToken;
      if (token == null || token.isEmpty() || Boolean.FALSE.equals(list.hasMore)) {
        break;
      }
    }
    return found;
  }

  private Result lookUpAlone(@Nullable Long jobId, long runId, ExecutorListener listener) {
    return lookUpAlone(jobId, runId, listener, false, null, null);
  }

  /** The report of one run read with {@code runs/get}, told to its own listener; job values read unless given. */
  private Result lookUpAlone(@Nullable Long jobId, long runId, ExecutorListener listener, boolean settingsRead,
      @Nullable CachedSettings settings, @Nullable Integer active) {
    Wire.Run run;
    try {
      run = caller.once(service.getRun(runId), listener);
    } catch (DatabricksException e) {
      log.debug("queue report for run {}: could not read the run: {}", runId, e.getMessage());
      return new Result(QueueReport.unknown("could not read run " + runId + ": " + e.getMessage()), null);
    }
    QueueReport.Builder report = fromRun(run);
    if (jobId != null && !settingsRead && level.compareTo(QueueReporting.JOB_SETTINGS) >= 0) {
      settings = jobSettings(jobId, () -> listener);
    }
    if (jobId != null && active == null && level.compareTo(QueueReporting.ACTIVE_RUNS) >= 0) {
      active = activeRuns(jobId, listener);
    }
    return new Result(withJob(report, jobId == null ? null : settings, active), run);
  }

  private static QueueReport withJob(QueueReport.Builder report, @Nullable CachedSettings settings,
      @Nullable Integer active) {
    if (settings != null) {
      report.maxConcurrentRuns(settings.maxConcurrentRuns).queueEnabled(settings.queueEnabled);
    }
    return report.activeRuns(active).build();
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

  /** The job's settings, from the cache or {@code jobs/get}; null when they could not be read. */
  private @Nullable CachedSettings jobSettings(long jobId, Supplier<ExecutorListener> listener) {
    long now = clock.millis();
    CachedSettings cached = settingsCache.get(jobId);
    if (cached == null || cached.expiresAt <= now) {
      try {
        Wire.Job job = caller.once(service.getJob(jobId), listener.get());
        Wire.JobSettings settings = job.settings;
        cached = new CachedSettings(WireMapper.maxConcurrentRuns(settings), WireMapper.queueEnabled(settings),
            now + settingsTtl.toMillis());
        settingsCache.put(jobId, cached);
      } catch (DatabricksException e) {
        log.debug("queue report for job {}: could not read the job's settings: {}", jobId, e.getMessage());
        return null;
      }
    }
    return cached;
  }

  /** The job's active runs on the first page of {@code runs/list?active_only=true}; null when not read. */
  private @Nullable Integer activeRuns(long jobId, ExecutorListener listener) {
    try {
      Wire.RunList list = caller.once(service.listRuns(jobId, true, RUNS_PAGE, null), listener);
      // more than a page of active runs: report what one page shows rather than pay for paging
      return list.runs == null ? 0 : list.runs.size();
    } catch (DatabricksException e) {
      log.debug("queue report for job {}: could not list active runs: {}", jobId, e.getMessage());
      return null;
    }
  }

  /** Forgets cached job settings, e.g. after the caller changed the job. */
  public void invalidate(long jobId) {
    settingsCache.remove(jobId);
  }
}
