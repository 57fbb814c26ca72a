package io.github.dbexec.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A run's or task's {@code state.life_cycle_state}, as the Jobs API reports it. Read leniently: a value this
 * version does not know is {@link #UNKNOWN} (the raw string stays in {@link RunSnapshot#json()}).
 */
public enum LifeCycleState {
  /** Waiting for a free slot (concurrency limit or workspace limit); the run has not started. */
  QUEUED,
  /** Starting: the run is acquiring its compute. */
  PENDING,
  /** Running its tasks. */
  RUNNING,
  /** Finished its work; cleaning up. */
  TERMINATING,
  /** Done; {@link ResultState} says how it ended. */
  TERMINATED,
  /** Never ran (e.g. the concurrency limit was reached and the job does not queue). */
  SKIPPED,
  /** Ended by a failure of the service (e.g. the cluster was lost). */
  INTERNAL_ERROR,
  /** A task waiting for the tasks it depends on. */
  BLOCKED,
  /** A task waiting to be retried after a failed attempt. */
  WAITING_FOR_RETRY,
  /** A value this version of the testkit does not know. */
  UNKNOWN;

  /**
   * The constant for a wire value; {@link #UNKNOWN} for anything else, including null.
   *
   * @param value the value as the API sends it; may be null
   * @return the state, or {@link #UNKNOWN} for a missing or unknown value
   */
  public static LifeCycleState fromWire(@Nullable String value) {
    if (value == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /**
   * Whether this is a final state: TERMINATED, SKIPPED or INTERNAL_ERROR.
   *
   * @return whether this is a final state
   */
  public boolean isTerminal() {
    return this == TERMINATED || this == SKIPPED || this == INTERNAL_ERROR;
  }
}
