package io.github.dbexec;

/** How a run that was waited for ended, from its life-cycle state and result state. */
public enum RunOutcome {
  /** Result SUCCESS, or SUCCESS_WITH_FAILURES (the job succeeded; some non-leaf tasks failed). */
  SUCCESS,
  /**
   * Result FAILED, UPSTREAM_FAILED or UPSTREAM_CANCELED, or the life-cycle state INTERNAL_ERROR (a Jobs service
   * failure).
   */
  FAILED,
  /** Result TIMEDOUT: the run reached its {@code timeout_seconds}. */
  TIMEDOUT,
  /** Result CANCELED: canceled by a user or by dbexec's cancel-on-timeout. */
  CANCELED,
  /** Life-cycle state SKIPPED (or result MAXIMUM_CONCURRENT_RUNS_REACHED / EXCLUDED): it never ran. */
  SKIPPED,
  /** A terminal state this version of dbexec does not recognise; see the run's raw states. */
  UNKNOWN;

  static RunOutcome of(Run run) {
    RunResultState result = run.resultState();
    if (run.lifeCycleState() == RunLifeCycleState.SKIPPED
        || result == RunResultState.MAXIMUM_CONCURRENT_RUNS_REACHED
        || result == RunResultState.EXCLUDED) {
      return SKIPPED;
    }
    if (run.lifeCycleState() == RunLifeCycleState.INTERNAL_ERROR) {
      return FAILED;
    }
    if (result == null) {
      return UNKNOWN;
    }
    switch (result) {
      case SUCCESS:
      case SUCCESS_WITH_FAILURES:
        return SUCCESS;
      case FAILED:
      case UPSTREAM_FAILED:
      case UPSTREAM_CANCELED:
        return FAILED;
      case TIMEDOUT:
        return TIMEDOUT;
      case CANCELED:
        return CANCELED;
      default:
        return UNKNOWN;
    }
  }
}
