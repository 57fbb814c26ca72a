package io.github.dbexec;

/**
 * How much the executor asks the workspace, after each run-now, to report what happened to the run at the job's
 * concurrency limit. Each level includes the ones before it.
 *
 * <p><b>Off the caller's path.</b> The look-ups are made after {@code runNow()} returned (its caller pays one
 * request: run-now), on the executor's queue-report threads; {@link Submission#queueReport()} waits for the result,
 * {@link Submission#queueReportAsync()} hands it over, and the event sinks get it as a {@code QueueReportedEvent}.
 * Calling {@code queueReport()} right after {@code runNow()} gives the synchronous behaviour of earlier versions.
 *
 * <p><b>Shared look-ups.</b> Reports of submissions to one job made within a short window (20 ms from the first), or
 * while that job's previous look-up is in flight, are looked up together: a lone run is read with {@code runs/get};
 * several with the job's newest runs ({@code runs/list}, 24 a page, as many pages as there are runs to find and one
 * more), and {@code runs/get} only for a run those pages did not show. The job's settings are read once per batch
 * and cached per job for the executor's settings time-to-live; the active runs are counted once per batch. A burst
 * of 200 submissions to one job so costs about 1.05 requests each; a lone submission 2 (3 while the job's settings
 * are not cached).
 *
 * <p>These look-ups are not retried and not counted against the {@link RetryPolicy}'s deadline: each is one attempt
 * bounded by the executor's call timeout. A look-up that fails leaves its part of the report out (the outcome is
 * UNKNOWN, with the reason, when the run's own state could not be read); it never fails anything.
 * {@link DatabricksExecutor#close()} looks up every report still due at once and waits for them (and their events)
 * within its close timeout.
 */
public enum QueueReporting {
  /**
   * Ask nothing: every {@link QueueReport} is UNKNOWN, known at once, and the {@code AppSubmittedEvent} says so (no
   * {@code QueueReportedEvent}). One request per submission.
   */
  OFF,
  /**
   * Read the new run ({@code runs/get}, or its entry in the job's newest {@code runs/list} page): STARTED, QUEUED
   * with its code and reason, or SKIPPED.
   */
  RUN_STATE,
  /**
   * Also read the job's {@code max_concurrent_runs} and queue setting ({@code jobs/get}, cached per job for the
   * executor's settings time-to-live). The default.
   */
  JOB_SETTINGS,
  /** Also count the job's active runs ({@code runs/list?active_only=true}, first page; once per batch). */
  ACTIVE_RUNS
}
