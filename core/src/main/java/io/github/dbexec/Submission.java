package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import io.github.dbexec.internal.PendingReport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor started (or found already started for the same idempotency token), what Databricks did with
 * it, and the way to wait for it. Thread-safe; a handle, so two submissions are equal only when they are the same
 * object (compare {@link #info()} to compare their data).
 *
 * <p><b>The queue report comes later.</b> {@code runNow()} returns as soon as the workspace answered with the run id
 * (one HTTP request on the caller's path). What Databricks did with the run — started, queued, skipped — is looked
 * up afterwards, off the caller's thread and shared with other submissions to the same job made at about the same
 * time (see {@link QueueReporting}). {@link #queueReport()} waits for it (bounded) and {@link #queueReportAsync()}
 * hands it over when it is known; neither fails: a look-up that failed gives an UNKNOWN report that says why. With
 * {@link QueueReporting#OFF} the report is UNKNOWN at once. Calling {@link #queueReport()} right after
 * {@code runNow()} gives the behaviour of earlier versions (the report before the caller goes on), at their cost.
 */
public final class Submission {
  /** How long {@link #queueReport()} waits for a report that is not known yet: 30 seconds. */
  public static final Duration DEFAULT_QUEUE_REPORT_WAIT = Duration.ofSeconds(30);

  private final SubmissionInfo info;
  private final PendingReport report;
  private final DatabricksExecutor executor;

  Submission(SubmissionInfo info, PendingReport report, DatabricksExecutor executor) {
    this.info = Objects.requireNonNull(info, "info");
    this.report = Objects.requireNonNull(report, "report");
    this.executor = executor;
  }

  /**
   * Waits up to {@code timeout} for the run to terminate, polling with the default backoff; see
   * {@link DatabricksExecutor#awaitTermination(long, WaitOptions)}.
   *
   * @param timeout the longest wait, &gt; 0
   * @return how the run ended; a failed run is a result unless the options ask for an exception
   * @throws AwaitTimeoutException when the timeout passes first; the run keeps going
   */
  public RunResult awaitTermination(Duration timeout) {
    return executor.awaitTermination(info.runId(), WaitOptions.of(timeout));
  }

  /**
   * Waits for the run to terminate as {@code options} say; see {@link DatabricksExecutor#awaitTermination}.
   * @param options the timeout, polling, cancel-on-timeout and failure handling
   * @return how the run ended; a failed run is a result unless the options ask for an exception
   */
  public RunResult awaitTermination(WaitOptions options) {
    return executor.awaitTermination(info.runId(), options);
  }

  /**
   * Waits without blocking; see {@link DatabricksExecutor#awaitTerminationAsync}.
   * @param options the timeout, polling, cancel-on-timeout and failure handling
   * @return a future completed with the result, or exceptionally as {@link #awaitTermination(WaitOptions)} throws
   */
  public CompletableFuture<RunResult> awaitTerminationAsync(WaitOptions options) {
    return executor.awaitTerminationAsync(info.runId(), options);
  }

  /** {@return the submission's data: ids, token, key, time} */
  public SubmissionInfo info() {
    return info;
  }

  /** {@return the run's {@code run_id}} */
  public long runId() {
    return info.runId();
  }

  /** {@return the job's {@code job_id}; null for a one-time run (runs/submit)} */
  public @Nullable Long jobId() {
    return info.jobId();
  }

  /** {@return the run's {@code number_in_job} from the run-now answer; null when the answer did not carry it} */
  public @Nullable Long numberInJob() {
    return info.numberInJob();
  }

  /** {@return the {@code idempotency_token} sent (derived from the key, given, or random), at most 64 characters} */
  public String idempotencyToken() {
    return info.idempotencyToken();
  }

  /** {@return the caller's idempotency key; null when none was given} */
  public @Nullable String idempotencyKey() {
    return info.idempotencyKey();
  }

  /**
   * Started, queued or skipped, and why; waits up to {@link #DEFAULT_QUEUE_REPORT_WAIT} if it is not known yet (and
   * asks for it at once rather than at the end of its batching window). Never throws.
   *
   * @return the report; UNKNOWN, with a reason, when queue reporting is off, the look-up failed, the executor closed
   *     before it was known, or it was not known within the wait (it may still arrive: see
   *     {@link #queueReportAsync()})
   */
  public QueueReport queueReport() {
    return queueReport(DEFAULT_QUEUE_REPORT_WAIT);
  }

  /**
   * Like {@link #queueReport()}, waiting at most {@code timeout} ({@link Duration#ZERO}: not at all). Never throws
   * but for a null or negative timeout; an interrupted wait gives UNKNOWN and keeps the thread's interrupt status.
   *
   * @param timeout how long to wait, &gt;= 0
   * @return the report, or an UNKNOWN one saying why it is not known
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public QueueReport queueReport(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
    }
    CompletableFuture<PendingReport.Known> known = report.known();
    if (!known.isDone()) {
      if (timeout.isZero()) {
        return QueueReport.unknown("the queue report is not known yet");
      }
      report.hurry();
      try {
        return known.get(timeout.toNanos(), TimeUnit.NANOSECONDS).report();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return QueueReport.unknown("interrupted while waiting for the queue report");
      } catch (TimeoutException e) {
        return QueueReport.unknown("the queue report was not known within " + timeout.toMillis() + " ms");
      } catch (ExecutionException | RuntimeException e) { // it never completes exceptionally
        return QueueReport.unknown("the queue report failed: " + e);
      }
    }
    return known.join().report();
  }

  /**
   * The queue report when it is known, without blocking: the future completes (never exceptionally) after the
   * report's {@code ExecutorListener.queueReported} callback and its events (a {@code QueueReportedEvent}, then a
   * {@code RunQueuedEvent} or {@code RunSkippedEvent}) are done, at the latest when the executor closes. Completing
   * or cancelling the returned future does not affect the report.
   *
   * @return a new future of the report
   */
  public CompletableFuture<QueueReport> queueReportAsync() {
    return report.known().thenApply(PendingReport.Known::report);
  }

  /**
   * The run's {@code run_page_url} in the workspace UI, as read for the queue report; null when the report is not
   * known yet (does not wait), or the executor did not read the run (queue reporting off, look-up failed).
   * @return the URL, or null when not known
   */
  public @Nullable String runPageUrl() {
    PendingReport.Known known = report.known().getNow(null);
    return known == null ? info.runPageUrl() : known.runPageUrl();
  }

  /** {@return when the executor received the run id, in milliseconds since the epoch (executor's clock)} */
  public long submittedAt() {
    return info.submittedAt();
  }

  /**
   * Whether this submission did not start the run: Databricks answered with the run an earlier submission of the same
   * idempotency token started (a re-delivered trigger). True when this executor had already received this run id for
   * this token ({@link SubmissionInfo#deduplicated()}, known at once); otherwise the cross-process check, made with the
   * queue report: the run's {@code start_time} is more than the clock-skew margin (one minute) before this
   * submission's first request. So this waits for the queue report as {@link #queueReport()} does when the first
   * answer is no. False when neither is known (queue reporting off, look-up failed, within the margin).
   *
   * @return whether the run was started by an earlier submission
   */
  public boolean deduplicated() {
    if (info.deduplicated()) {
      return true;
    }
    queueReport();
    PendingReport.Known known = report.known().getNow(null);
    return known != null && known.createdBefore();
  }

  @Override
  public String toString() {
    return "Submission{runId=" + info.runId()
        + (info.jobId() == null ? "" : ", jobId=" + info.jobId())
        + ", idempotencyToken=" + info.idempotencyToken()
        + (info.idempotencyKey() == null ? "" : ", idempotencyKey=" + info.idempotencyKey())
        + ", queueReport=" + describeReport()
        + (info.deduplicated() ? ", deduplicated" : "") + '}';
  }

  private String describeReport() {
    PendingReport.Known known = report.known().getNow(null);
    return known == null ? "(not known yet)" : known.report().toString();
  }
}
