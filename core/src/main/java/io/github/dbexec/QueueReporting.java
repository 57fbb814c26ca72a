package io.github.dbexec;

/**
 * How much the executor asks the workspace, after each run-now, to report what happened to the run at the job's
 * concurrency limit. Each level includes the ones before it; each costs one more request per submission (the job's
 * settings are cached, so {@link #JOB_SETTINGS} usually costs nothing extra).
 *
 * <p>These look-ups come after the run started, so they are not retried and not counted against the
 * {@link RetryPolicy}'s deadline: each is one attempt bounded by the executor's call timeout. A look-up that fails
 * leaves its part of the report out (the outcome is UNKNOWN when the run's own state could not be read); it never
 * fails the submission.
 */
public enum QueueReporting {
  /** Ask nothing: every {@link QueueReport} is UNKNOWN. The fastest submission: one request. */
  OFF,
  /** Read the new run ({@code runs/get}): STARTED, QUEUED with its code and reason, or SKIPPED. */
  RUN_STATE,
  /**
   * Also read the job's {@code max_concurrent_runs} and queue setting ({@code jobs/get}, cached per job for the
   * executor's settings time-to-live). The default.
   */
  JOB_SETTINGS,
  /** Also count the job's active runs ({@code runs/list?active_only=true}, first page). */
  ACTIVE_RUNS
}
