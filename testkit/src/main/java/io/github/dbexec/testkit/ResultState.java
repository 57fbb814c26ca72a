package io.github.dbexec.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A run's or task's {@code state.result_state}, as the Jobs API reports it once the run or task is final.
 * Read leniently: a value this version does not know is {@link #UNKNOWN}.
 */
public enum ResultState {
  SUCCESS,
  FAILED,
  TIMEDOUT,
  CANCELED,
  MAXIMUM_CONCURRENT_RUNS_REACHED,
  EXCLUDED,
  SUCCESS_WITH_FAILURES,
  UPSTREAM_FAILED,
  UPSTREAM_CANCELED,
  DISABLED,
  /** A value this version of the testkit does not know. */
  UNKNOWN;

  /** The constant for a wire value, null for null, {@link #UNKNOWN} for anything else. */
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
