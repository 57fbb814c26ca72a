package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the executor knows about a run it started: the ids the workspace answered, the token it sent, and when.
 * The data part of a {@link Submission}. Immutable and thread-safe.
 *
 * @param runId the run's {@code run_id}, &gt; 0
 * @param jobId the job's {@code job_id}; null for a one-time run ({@code runs/submit})
 * @param numberInJob the run's {@code number_in_job} from the run-now answer (the Jobs API documents it as equal to
 *     the run id); null when the answer did not carry it, as for runs/submit
 * @param idempotencyToken the {@code idempotency_token} sent (derived from the key, given, or random), at most 64
 *     characters
 * @param idempotencyKey the caller's idempotency key; null when none was given
 * @param runPageUrl the run's {@code run_page_url} in the workspace UI; null when the executor did not read the run
 * @param submittedAt when the executor received the run id, in milliseconds since the epoch (executor's clock)
 * @param deduplicated true when this executor had already received this run id for this idempotency token earlier —
 *     a re-delivered trigger that Databricks answered with the existing run instead of starting another. The executor
 *     emits no second {@code AppSubmittedEvent} for it. (Only this executor's own recent submissions are remembered;
 *     another process's earlier submission of the same key is reported as not deduplicated, though Databricks still
 *     returns the same run.)
 */
public record SubmissionInfo(
    long runId,
    @Nullable Long jobId,
    @Nullable Long numberInJob,
    String idempotencyToken,
    @Nullable String idempotencyKey,
    @Nullable String runPageUrl,
    long submittedAt,
    boolean deduplicated) {
  /** Checks the run id and token. */
  public SubmissionInfo {
    if (runId <= 0) {
      throw new IllegalArgumentException("runId must be > 0, was " + runId);
    }
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
  }
}
