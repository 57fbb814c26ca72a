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
 * @param runPageUrl the run's {@code run_page_url} in the workspace UI; null: the run-now answer does not carry it
 *     (the run is read for the queue report after {@code runNow()} returned: see {@link Submission#runPageUrl()})
 * @param submittedAt when the executor received the run id, in milliseconds since the epoch (executor's clock)
 * @param deduplicated true when this executor had already received this run id for this idempotency token (the
 *     caller repeated a submission, or a trigger was re-delivered to this process): Databricks answered with the run
 *     the earlier submission started, and no second {@code AppSubmittedEvent} is emitted. Known when
 *     {@code runNow()} returns. A run started by another process (or this one before a restart) is found later, with
 *     the queue report, from the run's {@code start_time} — more than a minute (the clock-skew margin) before this
 *     submission's first request: {@link Submission#deduplicated()} includes that check (waiting for the report), and
 *     the run's {@code QueueReportedEvent} carries it as {@code deduplicated} (its {@code AppSubmittedEvent} is still
 *     emitted, since the earlier process may have stopped before writing its own; readers deduplicate by
 *     {@code app_id}). That check compares the workspace's {@code start_time} with the executor's
 *     {@link java.time.Clock}: they must agree within the margin. Against a fake server on a fake clock, give the
 *     executor that clock ({@code FakeClock.toJavaClock()}), or every run looks re-delivered. With queue reporting
 *     OFF, or within the margin, a re-delivered trigger is reported as not deduplicated, though Databricks still
 *     returns the same run.
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
  /**
   * Checks the run id and token.
   * @param runId the run's {@code run_id}, &gt; 0
   * @param jobId the job's {@code job_id}; null for a one-time run ({@code runs/submit})
   * @param numberInJob the run's {@code number_in_job} from the run-now answer (the Jobs API documents it as equal to
   *     the run id); null when the answer did not carry it, as for runs/submit
   * @param idempotencyToken the {@code idempotency_token} sent (derived from the key, given, or random), at most 64
   *     characters
   * @param idempotencyKey the caller's idempotency key; null when none was given
   * @param runPageUrl the run's {@code run_page_url} in the workspace UI; null: the run-now answer does not carry it
   *     (the run is read for the queue report after {@code runNow()} returned: see {@link Submission#runPageUrl()})
   * @param submittedAt when the executor received the run id, in milliseconds since the epoch (executor's clock)
   * @param deduplicated true when this executor had already received this run id for this idempotency token (the
   *     caller repeated a submission, or a trigger was re-delivered to this process): Databricks answered with the run
   *     the earlier submission started, and no second {@code AppSubmittedEvent} is emitted. Known when
   *     {@code runNow()} returns. A run started by another process (or this one before a restart) is found later, with
   *     the queue report, from the run's {@code start_time} — more than a minute (the clock-skew margin) before this
   *     submission's first request: {@link Submission#deduplicated()} includes that check (waiting for the report), and
   *     the run's {@code QueueReportedEvent} carries it as {@code deduplicated} (its {@code AppSubmittedEvent} is still
   *     emitted, since the earlier process may have stopped before writing its own; readers deduplicate by
   *     {@code app_id}). That check compares the workspace's {@code start_time} with the executor's
   *     {@link java.time.Clock}: they must agree within the margin. Against a fake server on a fake clock, give the
   *     executor that clock ({@code FakeClock.toJavaClock()}), or every run looks re-delivered. With queue reporting
   *     OFF, or within the margin, a re-delivered trigger is reported as not deduplicated, though Databricks still
   *     returns the same run.
   */
  public SubmissionInfo {
    if (runId <= 0) {
      throw new IllegalArgumentException("runId must be > 0, was " + runId);
    }
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
  }
}
