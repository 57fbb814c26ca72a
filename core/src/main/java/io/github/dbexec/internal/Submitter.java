package io.github.dbexec.internal;

import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.IdempotencyTokens;
import io.github.dbexec.OneTimeRunRequest;
import io.github.dbexec.RunNowRequest;
import io.github.dbexec.SubmissionEnd;
import io.github.dbexec.SubmissionInfo;
import io.github.dbexec.QueueReport;
import io.github.dbexec.QueueReported;
import io.github.dbexec.SubmissionStart;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;

/**
 * The one submit path, shared by run-now and runs/submit: chooses the idempotency token (once per submission, so
 * every retry sends the same one), sends the request through the attempt loop, checks the answer, remembers the
 * token, emits the AppSubmittedEvent and returns — {@code SubmissionFailedEvent} and a throw when it fails. The
 * queue report is asked for as the run-now answer arrives and finished later by {@link #finish} on a queue-report
 * thread (listener {@code queueReported}, the queue events, the cross-process duplicate check, {@code submissionEnd});
 * with queue reporting OFF all of it at once. Each submission is {@linkplain #begin begun} (its listener told
 * {@code submissionStart}) and ended (told {@code submissionEnd}) exactly once, also when it throws or an asynchronous
 * one is cancelled before it ran. Logs on {@code io.github.dbexec.submission}: one DEBUG line per submission (when
 * its report is known), a WARN when one finally fails. Thread-safe.
 */
public final class Submitter {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.submission");
  private static final int RECENT_TOKENS = 10_000;
  /**
   * How much earlier than this submission's first request a run's {@code start_time} must be for the run to count as
   * created before it (by another process, for a re-delivered trigger): the allowance for skew between this host's
   * clock and the workspace's.
   */
  public static final long CLOCK_SKEW_MARGIN_MILLIS = 60_000;

  /**
   * A run the workspace accepted: what the executor learned from the answer, and its queue report, known now
   * ({@code QueueReporting.OFF}) or later.
   */
  public record Accepted(SubmissionInfo info, PendingReport report) {}

  /** A submission begun and not yet run: its request, token and listener. Runs at most once. */
  public static final class Pending {
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;

    final ExecutorCall.Operation operation;
    final @Nullable Long jobId;
    final Call<Wire.RunNowResponse> call;
    final String token;
    final @Nullable String key;
    final ExecutorListener listener;
    final long startNanos;
    final AtomicInteger attempts = new AtomicInteger();
    @Nullable Runnable beforeSend; // runs/cancel-all of RunNowRequest.cancelPreviousRuns
    private volatile long answeredNanos;
    private final AtomicInteger state = new AtomicInteger(NEW);

    private Pending(ExecutorCall.Operation operation, @Nullable Long jobId, Call<Wire.RunNowResponse> call,
        String token, @Nullable String key, ExecutorListener listener, boolean async) {
      this.operation = operation;
      this.jobId = jobId;
      this.call = call;
      this.token = token;
      this.key = key;
      this.listener = listener;
      this.startNanos = listener == ExecutorListener.NONE ? 0 : System.nanoTime();
      if (listener != ExecutorListener.NONE) {
        listener.submissionStart(new SubmissionStart(operation, jobId, token, key, async));
      }
    }

    /** When the run-now answer arrived, on the monotonic clock: the queue report's start. */
    long reportStartNanos() {
      return answeredNanos;
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Ends a submission that never ran (cancelled, or refused by the pool), if it has not run. */
    void abandon(Throwable why) {
      if (state.compareAndSet(NEW, ENDED) && listener != ExecutorListener.NONE) {
        listener.submissionEnd(SubmissionEnd.failed(operation, jobId, 0, elapsed(), why));
      }
    }
  }

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
    return run(begin(r, false));
  }

  /** Starts a one-time run ({@code runs/submit}). */
  public Accepted submit(OneTimeRunRequest r) {
    return run(begin(r, false));
  }

  /** Begins a run-now: chooses its token, makes its listener and tells it {@code submissionStart}. */
  public Pending begin(RunNowRequest r, boolean async) {
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
    Pending p = new Pending(ExecutorCall.Operation.RUN_NOW, r.jobId(), service.runNow(body), token,
        r.idempotencyKey(), caller.listener(ExecutorCall.Operation.RUN_NOW, r.jobId(), null), async);
    p.beforeSend = r.cancelPreviousRuns()
        ? () -> JobLookup.cancelPrevious(service, caller, r.jobId(), p.listener) : null;
    return p;
  }

  /** Begins a one-time run: chooses its token, makes its listener and tells it {@code submissionStart}. */
  public Pending begin(OneTimeRunRequest r, boolean async) {
    String token = r.idempotencyToken() != null ? r.idempotencyToken()
        : r.idempotencyKey() != null ? IdempotencyTokens.forSubmit(r.idempotencyKey()) : IdempotencyTokens.random();
    return new Pending(ExecutorCall.Operation.SUBMIT_RUN, null,
        service.submitRun(SubmitRunBodies.requestBody(r, token)), token, r.idempotencyKey(),
        caller.listener(ExecutorCall.Operation.SUBMIT_RUN, null, null), async);
  }

  /**
   * Runs {@code pending} on {@code pool} (the executor's submission threads) and maps its result with {@code then}.
   * Cancelling the future before the submission ran (or the executor failing it on close), or the pool refusing it,
   * ends the submission without sending anything.
   */
  public <T> CompletableFuture<T> runAsync(Pending pending, Function<Supplier<T>, CompletableFuture<T>> pool,
      Function<Accepted, T> then) {
    CompletableFuture<T> future;
    try {
      future = pool.apply(() -> then.apply(run(pending)));
    } catch (RuntimeException e) {
      pending.abandon(e);
      throw e;
    }
    future.whenComplete((value, failure) -> {
      if (failure != null) { // cancelled, or failed by close(), before it ran: else abandon() does nothing
        pending.abandon(failure);
      }
    });
    return future;
  }

  /**
   * Sends a begun submission. A failed one is ended here (told {@code submissionEnd}) and throws; an accepted one
   * returns as soon as the workspace answered, and is ended when its queue report is known (at once when queue
   * reporting is off, else on a look-up thread; see {@link #finish}).
   */
  public Accepted run(Pending p) {
    if (!p.state.compareAndSet(Pending.NEW, Pending.RUNNING)) {
      throw new CancellationException("the submission was cancelled before it was sent");
    }
    try {
      return send(p);
    } catch (RuntimeException | Error e) {
      if (log.isWarnEnabled()) {
        log.warn("{} failed after {} attempt(s), no run started: {}",
            p.jobId == null ? label(p.call) : label(p.call) + " of job " + p.jobId, p.attempts.get(), e.toString());
      }
      if (p.listener != ExecutorListener.NONE) {
        p.listener.submissionEnd(SubmissionEnd.failed(p.operation, p.jobId, p.attempts.get(), p.elapsed(), e));
      }
      throw e;
    } finally {
      p.state.set(Pending.ENDED);
    }
  }

  /**
   * Sends the request through the attempt loop; on an answer, remembers the token (the in-process duplicate check,
   * known at once), emits the AppSubmittedEvent before returning (unless this executor already did for this run) and
   * asks for the queue report.
   */
  private Accepted send(Pending p) {
    @Nullable Long jobId = p.jobId;
    Call<Wire.RunNowResponse> call = p.call;
    long firstSentAt = clock.millis();
    Wire.RunNowResponse response;
    try {
      if (p.beforeSend != null) {
        p.beforeSend.run();
      }
      // an answer without a run_id is retried with the same token: Databricks answers the repeat with the run the
      // first attempt created, if it created one
      response = caller.withRetries(call, p.attempts, r -> {
        if (r.runId == null || r.runId <= 0) {
          throw DatabricksTransportException.unusableResponse(label(call) + " answered without a run_id; the run "
              + "may exist: repeat with the same idempotency key to find it", 200, true, null);
        }
      }, p.listener);
    } catch (DatabricksException e) {
      events.emitFailure(jobId, p.token, p.key, e, p.attempts.get(), p.listener);
      throw e;
    }
    long runId = response.runId;
    long submittedAt = clock.millis();
    p.answeredNanos = System.nanoTime();
    boolean deduplicated = remember(p.token, runId);
    SubmissionInfo info = new SubmissionInfo(runId, jobId, response.numberInJob, p.token, p.key, null, submittedAt,
        deduplicated);
    if (queueReporter.isOff()) { // known at once: told and emitted as one, in the order of earlier versions
      return new Accepted(info, queueReporter.report(jobId, runId, p.listener,
          result -> finish(p, info, result, firstSentAt, true)));
    }
    if (!deduplicated) {
      events.emitSubmitted(info, PENDING_REPORT, p.listener);
    }
    return new Accepted(info, queueReporter.report(jobId, runId, p.listener,
        result -> finish(p, info, result, firstSentAt, false)));
  }

  /** What the AppSubmittedEvent says of the queue when the report is not known yet. */
  private static final QueueReport PENDING_REPORT =
      QueueReport.unknown("not known yet when the run was started: a QueueReportedEvent follows");

  /**
   * Ends an accepted submission once its queue report is known, on the thread that learnt it: the cross-process
   * duplicate check (the run's {@code start_time} against this submission's first request), then {@code queueReported},
   * the queue events (or, with {@code withAppSubmitted}, the AppSubmittedEvent carrying the report), and
   * {@code submissionEnd} last. Never throws.
   */
  private PendingReport.Known finish(Pending p, SubmissionInfo info, QueueReporter.Result queue, long firstSentAt,
      boolean withAppSubmitted) {
    long runId = info.runId();
    QueueReport report = queue.report();
    Wire.Run run = queue.run();
    String runPageUrl = run == null ? null : run.runPageUrl;
    boolean createdEarlier = !info.deduplicated() && createdBefore(run, firstSentAt);
    if (createdEarlier) {
      // another process (or this one before a restart) started the run for the same idempotency token. Its
      // AppSubmittedEvent may never have been written (a crash before the answer is why triggers are re-delivered),
      // so this one was still emitted: readers deduplicate by app_id
      log.info("run {} for idempotency token {} was created at {}, before this submission's first request at {}: "
          + "a re-delivered trigger; reported as deduplicated", runId, info.idempotencyToken(), run.startTime,
          firstSentAt);
    }
    try {
      if (p.listener != ExecutorListener.NONE) {
        p.listener.queueReported(new QueueReported(runId, info.jobId(), report,
            withAppSubmitted ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - p.reportStartNanos())));
      }
      if (!info.deduplicated()) {
        if (withAppSubmitted) {
          events.emitSubmitted(info, report, p.listener);
        } else {
          events.emitReported(info, report, runPageUrl, createdEarlier, p.listener);
        }
      }
    } finally {
      if (log.isDebugEnabled()) {
        log.debug("{} -> run {} ({}{}, {} attempt(s))", info.jobId() == null ? label(p.call)
            : label(p.call) + " of job " + info.jobId(), runId, report.outcome(),
            info.deduplicated() ? ", existing run for this idempotency token" : "", p.attempts.get());
      }
      if (p.listener != ExecutorListener.NONE) {
        p.listener.submissionEnd(SubmissionEnd.started(p.operation, info.jobId(), runId, report.outcome(),
            p.attempts.get(), info.deduplicated() || createdEarlier, p.elapsed()));
      }
    }
    return new PendingReport.Known(report, runPageUrl, createdEarlier);
  }

  /**
   * Looks up every queue report still waiting at once, and waits for them (and their events) until
   * {@code deadlineNanos} on {@link System#nanoTime()}; the rest become UNKNOWN. For the executor's close.
   */
  public void finishReports(long deadlineNanos) {
    queueReporter.close(deadlineNanos);
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
}
