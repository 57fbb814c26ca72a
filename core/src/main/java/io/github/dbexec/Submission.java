package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor started (or found already started for the same idempotency token), what Databricks did with
 * it, and the way to wait for it. Immutable and thread-safe; a handle, so two submissions are equal only when they
 * are the same object (compare {@link #info()} to compare their data).
 */
public final class Submission {
  private final SubmissionInfo info;
  private final QueueReport queueReport;
  private final DatabricksExecutor executor;

  Submission(SubmissionInfo info, QueueReport queueReport, DatabricksExecutor executor) {
    this.info = Objects.requireNonNull(info, "info");
    this.queueReport = Objects.requireNonNull(queueReport, "queueReport");
    this.executor = executor;
  }

  /**
   * Waits up to {@code timeout} for the run to terminate, polling with the default backoff; see
   * {@link DatabricksExecutor#awaitTermination(long, WaitOptions)}.
   *
   * @throws AwaitTimeoutException when the timeout passes first; the run keeps going
   */
  public RunResult awaitTermination(Duration timeout) {
    return executor.awaitTermination(info.runId(), WaitOptions.of(timeout));
  }

  /** Waits for the run to terminate as {@code options} say; see {@link DatabricksExecutor#awaitTermination}. */
  public RunResult awaitTermination(WaitOptions options) {
    return executor.awaitTermination(info.runId(), options);
  }

  /** Waits without blocking; see {@link DatabricksExecutor#awaitTerminationAsync}. */
  public CompletableFuture<RunResult> awaitTerminationAsync(WaitOptions options) {
    return executor.awaitTerminationAsync(info.runId(), options);
  }

  /** The submission's data: ids, token, key, time. */
  public SubmissionInfo info() {
    return info;
  }

  /** The run's {@code run_id}. */
  public long runId() {
    return info.runId();
  }

  /** The job's {@code job_id}; null for a one-time run (runs/submit). */
  public @Nullable Long jobId() {
    return info.jobId();
  }

  /** The run's {@code number_in_job} from the run-now answer; null when the answer did not carry it. */
  public @Nullable Long numberInJob() {
    return info.numberInJob();
  }

  /** The {@code idempotency_token} sent (derived from the key, given, or random), at most 64 characters. */
  public String idempotencyToken() {
    return info.idempotencyToken();
  }

  /** The caller's idempotency key; null when none was given. */
  public @Nullable String idempotencyKey() {
    return info.idempotencyKey();
  }

  /** Started, queued or skipped, and why; UNKNOWN when queue reporting is off or the look-up failed. */
  public QueueReport queueReport() {
    return queueReport;
  }

  /** The run's {@code run_page_url} in the workspace UI; null when the executor did not read the run. */
  public @Nullable String runPageUrl() {
    return info.runPageUrl();
  }

  /** When the executor received the run id, in milliseconds since the epoch (executor's clock). */
  public long submittedAt() {
    return info.submittedAt();
  }

  /** See {@link SubmissionInfo#deduplicated()}. */
  public boolean deduplicated() {
    return info.deduplicated();
  }

  @Override
  public String toString() {
    return "Submission{runId=" + info.runId()
        + (info.jobId() == null ? "" : ", jobId=" + info.jobId())
        + ", idempotencyToken=" + info.idempotencyToken()
        + (info.idempotencyKey() == null ? "" : ", idempotencyKey=" + info.idempotencyKey())
        + ", queueReport=" + queueReport
        + (info.deduplicated() ? ", deduplicated" : "") + '}';
  }
}
