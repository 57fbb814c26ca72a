package io.github.dbexec;

/**
 * Who made a run fail, as {@link RunResult#failureKind()} tells it: the job's own work, or Databricks. Both can end
 * with the life-cycle state {@code INTERNAL_ERROR}: real workspaces report a failed task of a job run as
 * {@code INTERNAL_ERROR} / {@code FAILED} with "Task &lt;key&gt; failed with message: ..." and
 * {@code status.termination_details.code} {@code RUN_EXECUTION_ERROR}, so the life-cycle state alone does not say
 * whether to fix the job or to retry it.
 */
public enum RunFailureKind {
  /** The run did not fail: it succeeded, was canceled or was skipped (see {@link RunResult#outcome()}). */
  NONE,
  /**
   * The job's own work failed or timed out: a task failed (see {@link RunResult#failedTasks()}), or the run ended
   * with termination code {@code RUN_EXECUTION_ERROR}, or TERMINATED with a failed result. Fix the job or its input;
   * running it again as it is will probably fail again.
   */
  TASK,
  /**
   * Databricks or the cloud failed the run: termination type {@code INTERNAL_ERROR} or {@code CLOUD_FAILURE}, or the
   * life-cycle state {@code INTERNAL_ERROR} with no failed task. Running it again may succeed.
   */
  PLATFORM,
  /** The run failed, but its states do not say why (a terminal state this version of dbexec does not know). */
  UNKNOWN
}
