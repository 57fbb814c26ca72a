package io.github.dbexec;

import org.jspecify.annotations.Nullable;

/**
 * A run's {@code state.life_cycle_state}, as the Jobs API reports it. A value dbexec does not know yet is read as
 * {@link #UNKNOWN} (the raw string stays available where the state is reported), never thrown.
 */
public enum RunLifeCycleState {
  /** Waiting in the job or workspace queue. Active. */
  QUEUED,
  /** The cluster and execution context are being prepared. Active. */
  PENDING,
  /** A task is executing. Active. */
  RUNNING,
  /** Finished; the cluster and context are being cleaned up. Active. */
  TERMINATING,
  /** Finished and cleaned up; see the result state. Terminal. */
  TERMINATED,
  /** Aborted without running, e.g. at the job's {@code max_concurrent_runs} with queueing off. Terminal. */
  SKIPPED,
  /** A Jobs service failure (e.g. a long network failure). Terminal. */
  INTERNAL_ERROR,
  /** Waiting on an upstream dependency. Not terminal. */
  BLOCKED,
  /** Waiting for a retry attempt. Not terminal. */
  WAITING_FOR_RETRY,
  /** A value this version of dbexec does not know, or no value at all. */
  UNKNOWN;

  /**
   * Reads the wire value; null, empty or unrecognised values give {@link #UNKNOWN}.
   * @param value the {@code life_cycle_state} as read, e.g. {@code "RUNNING"}; may be null
   * @return the state; never null
   */
  public static RunLifeCycleState fromWire(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return UNKNOWN;
    }
    for (RunLifeCycleState state : values()) {
      if (state.name().equals(value)) {
        return state;
      }
    }
    return UNKNOWN;
  }

  /** {@return true for TERMINATED, SKIPPED and INTERNAL_ERROR: the run will not change any more} */
  public boolean isTerminal() {
    return this == TERMINATED || this == SKIPPED || this == INTERNAL_ERROR;
  }

  /** {@return true for QUEUED, PENDING, RUNNING and TERMINATING: the states that count against max_concurrent_runs} */
  public boolean isActive() {
    return this == QUEUED || this == PENDING || this == RUNNING || this == TERMINATING;
  }
}
