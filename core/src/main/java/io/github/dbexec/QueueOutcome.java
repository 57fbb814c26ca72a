package io.github.dbexec;

import org.jspecify.annotations.Nullable;

/** What Databricks did with a new run with respect to the job's {@code max_concurrent_runs}. */
public enum QueueOutcome {
  /** The run is active and not waiting in the queue: PENDING, RUNNING, TERMINATING, or already TERMINATED. */
  STARTED,
  /**
   * The run waits in the job's queue ({@code life_cycle_state} QUEUED), usually because the job's
   * {@code max_concurrent_runs} was reached and its queue setting is on; it starts first-in first-out when a slot
   * frees (Databricks keeps it up to 48 hours).
   */
  QUEUED,
  /**
   * The run was created already SKIPPED, because the job's {@code max_concurrent_runs} was reached and queueing is
   * off (or {@code max_concurrent_runs} is 0). It will never run.
   */
  SKIPPED,
  /** dbexec did not look (queue reporting off) or could not tell (the look-up failed or the state is new). */
  UNKNOWN;

  /**
   * Reads a recorded outcome (e.g. an event's {@code queue_outcome}); null, empty or unrecognised give UNKNOWN.
   * @param value the recorded value, e.g. {@code "QUEUED"}; may be null
   * @return the outcome; never null
   */
  public static QueueOutcome fromWire(@Nullable String value) {
    if (value != null) {
      for (QueueOutcome outcome : values()) {
        if (outcome.name().equals(value)) {
          return outcome;
        }
      }
    }
    return UNKNOWN;
  }
}
