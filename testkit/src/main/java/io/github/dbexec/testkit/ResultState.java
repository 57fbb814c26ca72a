package io.github.dbexec.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A run's or task's {@code state.result_state}, as the Jobs API reports it once the run or task is final.
 * Read leniently: a value this version does not know is {@link #UNKNOWN}.
 */
public enum ResultState {
  /** The run or task completed successfully. */
  SUCCESS,
  /** The run or task failed. */
  FAILED,
  /** The run or task was stopped after reaching its timeout. */
  TIMEDOUT,
  /** The run or task was cancelled. */
  CANCELED,
  /** The run was skipped because the job was at its concurrency limit. */
  MAXIMUM_CONCURRENT_RUNS_REACHED,
  /** The task was excluded from the run (e.g. by its run-if condition). */
  EXCLUDED,
  /** The run succeeded although some tasks failed (tasks allowed to fail). */
  SUCCESS_WITH_FAILURES,
  /** The task did not run because a task it depends on failed. */
  UPSTREAM_FAILED,
  /** The task did not run because a task it depends on was cancelled. */
  UPSTREAM_CANCELED,
  /** The task was disabled and did not run. */
  DISABLED,
  /** A value this version of the testkit does not know. */
  UNKNOWN;

  /**
   * The constant for a wire value, null for null, {@link #UNKNOWN} for anything else.
   *
   * @param value the value as the API sends it; may be null
   * @return the state, null for null, or {@link #UNKNOWN} for an unknown value
   */
  public static @Nullable ResultState fromWire(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
