package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation a caller asked a {@link DatabricksExecutor} for — a run-now, a one-time run, a wait, a read — as
 * given to {@link ExecutorListener.Factory#create(ExecutorCall)} when the operation begins. Immutable.
 *
 * @param operation what the caller asked for
 * @param jobId the job's {@code job_id}, or null when the operation concerns no saved job (a one-time run, a wait or
 *     read of a run whose job is not known yet)
 * @param runId the run's {@code run_id}, or null when no run exists yet (a submission) or the operation concerns
 *     none (listing a job's runs)
 */
public record ExecutorCall(Operation operation, @Nullable Long jobId, @Nullable Long runId) {

  /**
   * Validates the components.
   * @param operation what the caller asked for
   * @param jobId the job's {@code job_id}, or null when the operation concerns no saved job (a one-time run, a wait or
   *     read of a run whose job is not known yet)
   * @param runId the run's {@code run_id}, or null when no run exists yet (a submission) or the operation concerns
   *     none (listing a job's runs)
   */
  public ExecutorCall {
    Objects.requireNonNull(operation, "operation");
  }

  /**
   * A call of {@code operation} for a saved job and no run yet.
   * @param operation what the executor was asked to do
   * @param jobId the saved job's {@code job_id}
   * @return the call, with no run id
   */
  public static ExecutorCall ofJob(Operation operation, long jobId) {
    return new ExecutorCall(operation, jobId, null);
  }

  /**
   * A call of {@code operation} for an existing run.
   * @param operation what the executor was asked to do
   * @param runId the run's {@code run_id}
   * @param jobId the run's {@code job_id}, or null when unknown or a one-time run
   * @return the call
   */
  public static ExecutorCall ofRun(Operation operation, long runId, @Nullable Long jobId) {
    return new ExecutorCall(operation, jobId, runId);
  }

  /**
   * What the caller asked the executor for. New constants may be added in later versions: treat an unfamiliar one
   * like {@link #GET_RUN}, an operation that only makes HTTP attempts.
   */
  public enum Operation {
    /** Start a run of a saved job ({@code jobs/run-now}): the fluent request, a built request, or a trigger. */
    RUN_NOW,
    /** Start a one-time run ({@code jobs/runs/submit}). */
    SUBMIT_RUN,
    /** Wait for a run to end, polling {@code jobs/runs/get}, synchronously or asynchronously. */
    AWAIT_TERMINATION,
    /** Read one run ({@code jobs/runs/get}). */
    GET_RUN,
    /** Read a task run's output ({@code jobs/runs/get-output}). */
    GET_RUN_OUTPUT,
    /** List a job's runs, page by page ({@code jobs/runs/list}). */
    LIST_RUNS,
    /** Read a job, or report its concurrency ({@code jobs/get}, then {@code jobs/runs/list}). */
    GET_JOB,
    /** Cancel one run ({@code jobs/runs/cancel}). */
    CANCEL_RUN,
    /** Cancel a job's runs ({@code jobs/runs/cancel-all}). */
    CANCEL_ALL_RUNS;

    /** {@return whether this operation starts a run: {@link #RUN_NOW} or {@link #SUBMIT_RUN}} */
    public boolean isSubmission() {
      return this == RUN_NOW || this == SUBMIT_RUN;
    }
  }
}
