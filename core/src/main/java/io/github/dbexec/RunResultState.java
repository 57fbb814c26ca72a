package io.github.dbexec;

import org.jspecify.annotations.Nullable;

/**
 * A finished run's {@code state.result_state}, as the Jobs API reports it. A value dbexec does not know yet is read
 * as {@link #UNKNOWN}, never thrown.
 */
public enum RunResultState {
  /** Completed successfully. */
  SUCCESS,
  /** Completed with an error. */
  FAILED,
  /** Stopped because it reached its timeout. */
  TIMEDOUT,
  /** Canceled at the user's request. */
  CANCELED,
  /** Skipped because the job's {@code max_concurrent_runs} was reached. */
  MAXIMUM_CONCURRENT_RUNS_REACHED,
  /** Skipped because its conditions were not met. */
  EXCLUDED,
  /** The job succeeded, but some non-leaf tasks failed. */
  SUCCESS_WITH_FAILURES,
  /** Not run because an upstream task failed. */
  UPSTREAM_FAILED,
  /** Not run because an upstream task was canceled. */
  UPSTREAM_CANCELED,
  /** The task was disabled by the user. */
  DISABLED,
  /** A value this version of dbexec does not know. */
  UNKNOWN;

  /**
   * Reads the wire value; null gives null (no result yet), unrecognised values {@link #UNKNOWN}.
   * @param value the {@code result_state} as read, e.g. {@code "SUCCESS"}; may be null
   * @return the state, or null when {@code value} is null or empty
   */
  public static @Nullable RunResultState fromWire(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    for (RunResultState state : values()) {
      if (state.name().equals(value)) {
        return state;
      }
    }
    return UNKNOWN;
  }
}
