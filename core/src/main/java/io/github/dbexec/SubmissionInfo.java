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
 * @param deduplicated true when this submission did not start the run: Databricks answered with the run an earlier
 *     submission of the same idempotency token started (a re-delivered trigger). Known in two cases: this executor
 *     had already received this run id for this token (it then emits no second {@code AppSubmittedEvent}); or the
 *     run's {@code start_time}, read for the queue report, is more than a minute (the clock-skew margin) before this
 *     submission's first request — another process, or this one before a restart, started it (the
 *     {@code AppSubmittedEvent} is still emitted, since the earlier process may have stopped before writing its own;
 *     readers deduplicate by {@code app_id}). Otherwise false: with queue reporting OFF, or within the margin, a
 *     re-delivered trigger is reported as not deduplicated, though Databricks still returns the same run. The
 *     second case compares the workspace's {@code start_time} with the executor's {@link java.time.Clock}: they must
 *     agree within the margin. Against a fake server on a fake clock, give the executor that clock
 *     ({@code FakeClock.toJavaClock()}), or every run looks re-delivered.
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
