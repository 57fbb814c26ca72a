package io.github.dbexec.testkit.internal;

/** How a started run ends. */
public enum Outcome {
  /** TERMINATED / SUCCESS. */
  SUCCESS,
  /** TERMINATED / FAILED with the plan's message (also the {@code runs/get-output} {@code error}). */
  FAILED,
  /** TERMINATED / TIMEDOUT. */
  TIMEDOUT,
  /** TERMINATED / CANCELED, as if a user cancelled it while running. */
  CANCELED,
  /** life-cycle INTERNAL_ERROR / FAILED: a platform failure (termination code INTERNAL_ERROR). */
  INTERNAL_ERROR,
  /**
   * Not scripted directly: a task of the run failed or timed out, so the run ends INTERNAL_ERROR with
   * "Task K failed with message: M." and termination code RUN_EXECUTION_ERROR, as recorded.
   */
  TASK_FAILED,
  /**
   * Not scripted directly: a task failed but every leaf task (one no other task depends on) succeeded, so the
   * run ends TERMINATED / SUCCESS_WITH_FAILURES (termination code SUCCESS_WITH_FAILURES), as the Jobs API
   * documents the result state ("leaf tasks were successful").
   */
  SUCCESS_WITH_FAILURES
}
