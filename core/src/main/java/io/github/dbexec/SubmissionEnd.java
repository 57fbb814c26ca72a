package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A submission has ended, with a run whose queue report is known or with an exception, as told to
 * {@link ExecutorListener#submissionEnd}. Immutable.
 *
 * @param operation {@link ExecutorCall.Operation#RUN_NOW} or {@link ExecutorCall.Operation#SUBMIT_RUN}
 * @param outcome what Databricks did with the run, or {@link SubmissionOutcome#FAILED}
 * @param jobId the job's {@code job_id}; null for a one-time run
 * @param runId the new run's {@code run_id}; null when the submission failed
 * @param attempts how many HTTP attempts of {@code run-now} / {@code runs/submit} were made (retries included; the
 *     queue report's look-ups not counted); 0 when the submission failed before sending anything
 * @param deduplicated whether the run was started by an earlier submission of the same idempotency token: one this
 *     executor had already seen (the caller repeated a submission; no events were emitted again), or, found with the
 *     queue report, one created before this submission's first request (see {@link Submission#deduplicated()})
 * @param duration from {@link ExecutorListener#submissionStart} to this callback, on the monotonic clock (for an
 *     asynchronous submission, the time waiting for a slot included). A started run's submission ends when its
 *     queue report is known, so this includes the report's look-ups, made after {@code runNow()} returned (unless
 *     queue reporting is off); the caller's own wait is {@code duration} less {@link QueueReported#duration()}
 * @param failure what the submission threw to its caller; null when it started a run
 */
public record SubmissionEnd(
    ExecutorCall.Operation operation,
    SubmissionOutcome outcome,
    @Nullable Long jobId,
    @Nullable Long runId,
    int attempts,
    boolean deduplicated,
    Duration duration,
    @Nullable Throwable failure) {

  /**
   * Validates the components: a failed submission has a failure and no run, any other a run and no failure.
   * @param operation {@link ExecutorCall.Operation#RUN_NOW} or {@link ExecutorCall.Operation#SUBMIT_RUN}
   * @param outcome what Databricks did with the run, or {@link SubmissionOutcome#FAILED}
   * @param jobId the job's {@code job_id}; null for a one-time run
   * @param runId the new run's {@code run_id}; null when the submission failed
   * @param attempts how many HTTP attempts of {@code run-now} / {@code runs/submit} were made (retries included; the
   *     queue report's look-ups not counted); 0 when the submission failed before sending anything
   * @param deduplicated whether the run was started by an earlier submission of the same idempotency token: one this
   *     executor had already seen (the caller repeated a submission; no events were emitted again), or, found with the
   *     queue report, one created before this submission's first request (see {@link Submission#deduplicated()})
   * @param duration from {@link ExecutorListener#submissionStart} to this callback, on the monotonic clock (for an
   *     asynchronous submission, the time waiting for a slot included). A started run's submission ends when its
   *     queue report is known, so this includes the report's look-ups, made after {@code runNow()} returned (unless
   *     queue reporting is off); the caller's own wait is {@code duration} less {@link QueueReported#duration()}
   * @param failure what the submission threw to its caller; null when it started a run
   */
  public SubmissionEnd {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
    if ((outcome == SubmissionOutcome.FAILED) != (failure != null)) {
      throw new IllegalArgumentException("failure must be given exactly when outcome is FAILED, outcome was " + outcome);
    }
    if ((outcome == SubmissionOutcome.FAILED) == (runId != null)) {
      throw new IllegalArgumentException("runId must be given exactly when outcome is not FAILED, outcome was " + outcome);
    }
  }

  /**
   * A submission that started run {@code runId}.
   * @param operation what was submitted (run-now or one-time run)
   * @param jobId the job's {@code job_id}, or null for a one-time run
   * @param runId the started run's {@code run_id}
   * @param queueOutcome what the run met: started, queued, skipped or unknown
   * @param attempts the HTTP attempts made, &ge; 1
   * @param deduplicated whether the Jobs API returned an existing run for the idempotency token
   * @param duration from the submission's start to its end
   * @return the end of a submission that started a run
   */
  public static SubmissionEnd started(ExecutorCall.Operation operation, @Nullable Long jobId, long runId,
      QueueOutcome queueOutcome, int attempts, boolean deduplicated, Duration duration) {
    return new SubmissionEnd(operation, SubmissionOutcome.of(queueOutcome), jobId, runId, attempts, deduplicated,
        duration, null);
  }

  /**
   * A submission that threw {@code failure}.
   * @param operation what was submitted (run-now or one-time run)
   * @param jobId the job's {@code job_id}, or null for a one-time run
   * @param attempts the HTTP attempts made, &ge; 1
   * @param duration from the submission's start to its end
   * @param failure the exception thrown to the caller
   * @return the end of a failed submission
   */
  public static SubmissionEnd failed(ExecutorCall.Operation operation, @Nullable Long jobId, int attempts,
      Duration duration, Throwable failure) {
    return new SubmissionEnd(operation, SubmissionOutcome.FAILED, jobId, null, attempts, false, duration,
        Objects.requireNonNull(failure, "failure"));
  }

  /**
   * The simple class name of {@link #failure()} (e.g. {@code "DatabricksApiException"}), or {@code "none"}: a
   * bounded value fit for a metric tag.
   * @return the exception's simple class name, or {@code "none"}
   */
  public String exceptionType() {
    return failure == null ? "none" : failure.getClass().getSimpleName();
  }
}
