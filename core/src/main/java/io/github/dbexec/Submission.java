package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor started (or found already started for the same idempotency token), and what Databricks did
 * with it. Immutable and thread-safe.
 */
public final class Submission {
  private final long runId;
  private final @Nullable Long jobId;
  private final @Nullable Long numberInJob;
  private final String idempotencyToken;
  private final @Nullable String idempotencyKey;
  private final QueueReport queueReport;
  private final @Nullable String runPageUrl;
  private final long submittedAt;
  private final boolean deduplicated;
  private final DatabricksExecutor executor;

  Submission(
      long runId,
      @Nullable Long jobId,
      @Nullable Long numberInJob,
      String idempotencyToken,
      @Nullable String idempotencyKey,
      QueueReport queueReport,
      @Nullable String runPageUrl,
      long submittedAt,
      boolean deduplicated,
      DatabricksExecutor executor) {
    this.runId = runId;
    this.jobId = jobId;
    this.numberInJob = numberInJob;
    this.idempotencyToken = Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    this.idempotencyKey = idempotencyKey;
    this.queueReport = Objects.requireNonNull(queueReport, "queueReport");
    this.runPageUrl = runPageUrl;
    this.submittedAt = submittedAt;
    this.deduplicated = deduplicated;
    this.executor = executor;
  }

  /**
   * Waits up to {@code timeout} for the run to terminate, polling with the default backoff; see
   * {@link DatabricksExecutor#awaitTermination(long, WaitOptions)}.
   *
   * @throws AwaitTimeoutException when the timeout passes first; the run keeps going
   */
  public RunResult awaitTermination(Duration timeout) {
    return executor.awaitTermination(runId, WaitOptions.of(timeout));
  }

  /** Waits for the run to terminate as {@code options} say; see {@link DatabricksExecutor#awaitTermination}. */
  public RunResult awaitTermination(WaitOptions options) {
    return executor.awaitTermination(runId, options);
  }

  /** Waits without blocking; see {@link DatabricksExecutor#awaitTerminationAsync}. */
  public CompletableFuture<RunResult> awaitTerminationAsync(WaitOptions options) {
    return executor.awaitTerminationAsync(runId, options);
  }

  /** The run's {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** The job's {@code job_id}; empty for a one-time run (runs/submit). */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /**
   * The run's {@code number_in_job} from the run-now answer (the Jobs API documents it as equal to the run id);
   * empty when the answer did not carry it, as for runs/submit.
   */
  public OptionalLong numberInJob() {
    return numberInJob == null ? OptionalLong.empty() : OptionalLong.of(numberInJob);
  }

  /** The {@code idempotency_token} sent (derived from the key, given, or random), at most 64 characters. */
  public String idempotencyToken() {
    return idempotencyToken;
  }

  /** The caller's idempotency key, when one was given. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** Started, queued or skipped, and why; UNKNOWN when queue reporting is off or the look-up failed. */
  public QueueReport queueReport() {
    return queueReport;
  }

  /** The run's {@code run_page_url} in the workspace UI, when the executor read the run. */
  public Optional<String> runPageUrl() {
    return Optional.ofNullable(runPageUrl);
  }

  /** When the executor received the run id, in milliseconds since the epoch (executor's clock). */
  public long submittedAt() {
    return submittedAt;
  }

  /**
   * True when this executor had already received this run id for this idempotency token earlier — a re-delivered
   * trigger that Databricks answered with the existing run instead of starting another. The executor emits no
   * second {@code AppSubmittedEvent} for it. (Only this executor's own recent submissions are remembered; another
   * process's earlier submission of the same key is reported as not deduplicated, though Databricks still returns
   * the same run.)
   */
  public boolean deduplicated() {
    return deduplicated;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Submission)) {
      return false;
    }
    Submission that = (Submission) o;
    return runId == that.runId
        && submittedAt == that.submittedAt
        && deduplicated == that.deduplicated
        && Objects.equals(jobId, that.jobId)
        && Objects.equals(numberInJob, that.numberInJob)
        && idempotencyToken.equals(that.idempotencyToken)
        && Objects.equals(idempotencyKey, that.idempotencyKey)
        && queueReport.equals(that.queueReport)
        && Objects.equals(runPageUrl, that.runPageUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, numberInJob, idempotencyToken, idempotencyKey, queueReport, runPageUrl,
        submittedAt, deduplicated);
  }

  @Override
  public String toString() {
    return "Submission{runId=" + runId
        + (jobId == null ? "" : ", jobId=" + jobId)
        + ", idempotencyToken=" + idempotencyToken
        + (idempotencyKey == null ? "" : ", idempotencyKey=" + idempotencyKey)
        + ", queueReport=" + queueReport
        + (deduplicated ? ", deduplicated" : "") + '}';
  }
}
