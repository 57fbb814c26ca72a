package io.github.dbexec.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A run's {@code run_type}. Read leniently: a value this version does not know is {@link #UNKNOWN}. */
public enum RunType {
  /** A run of a saved job ({@code run-now}). */
  JOB_RUN,
  /** A workflow run ({@code dbutils.notebook.run}); the fake never creates one. */
  WORKFLOW_RUN,
  /** A one-time run ({@code runs/submit}). */
  SUBMIT_RUN,
  /** A value this version of the testkit does not know. */
  UNKNOWN;

  /**
   * The constant for a wire value; {@link #UNKNOWN} for anything else, including null.
   *
   * @param value the value as the API sends it; may be null
   * @return the type, or {@link #UNKNOWN} for a missing or unknown value
   */
  public static RunType fromWire(@Nullable String value) {
    if (value == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
