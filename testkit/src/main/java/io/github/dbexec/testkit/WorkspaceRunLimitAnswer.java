package io.github.dbexec.testkit;

/**
 * What a {@link FakeJobsServer} answers to a run that reaches the workspace's active-run limit
 * ({@link FakeJobsServer.Builder#workspaceRunLimit(int)}) and cannot queue (queueing off for it).
 */
public enum WorkspaceRunLimitAnswer {
  /**
   * HTTP 429 {@code {"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "There are already N active runs
   * (limit: N)."}}; no run is created, so a client retries with the same idempotency token. Recorded from a
   * real workspace on API 2.1 run-now (databricks-demos/dbdemos#244); the default on every API version, since
   * nothing suggests that API 2.2 answers differently.
   */
  REJECT_WITH_429,
  /**
   * A run is created SKIPPED with result MAXIMUM_CONCURRENT_RUNS_REACHED and termination code
   * WORKSPACE_RUN_LIMIT_EXCEEDED (a code the API documents; no recording of when it is used: an assumption).
   */
  SKIP_RUN
}
