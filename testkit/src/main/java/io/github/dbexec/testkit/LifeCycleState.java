package io.github.dbexec.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A run's or task's {@code state.life_cycle_state}, as the Jobs API reports it. Read leniently: a value this
 * version does not know is {@link #UNKNOWN} (the raw string stays in {@link RunSnapshot#json()}).
 */
public enum LifeCycleState {
  QUEUED,
  PENDING,
  RUNNING,
  TERMINATING,
  TERMINATED,
  SKIPPED,
  INTERNAL_ERROR,
  /** A task waiting for the tasks it depends on. */
  BLOCKED,
  WAITING_FOR_RETRY,
  /** A value this version of the testkit does not know. */
  UNKNOWN;

  /** The constant for a wire value; {@link #UNKNOWN} for anything else, including null. */
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

  /** Whether this is a final state: TERMINATED, SKIPPED or INTERNAL_ERROR. */
  public boolean isTerminal() {
    return this == TERMINATED || this == SKIPPED || this == INTERNAL_ERROR;
  }
}
