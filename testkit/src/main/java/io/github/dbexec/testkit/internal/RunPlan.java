package io.github.dbexec.testkit.internal;

import java.util.Objects;

/**
 * What a run will do once it leaves the queue: phase durations (ms on the fake clock) and its outcome.
 *
 * @param pendingMillis how long it stays PENDING
 * @param runningMillis how long it stays RUNNING
 * @param terminatingMillis how long it stays TERMINATING
 * @param outcome how it ends
 * @param message the state message / error for FAILED and INTERNAL_ERROR outcomes ("" for none)
 * @param stayQueued when true the run never leaves the queue (it still holds its queue position)
 */
public record RunPlan(long pendingMillis, long runningMillis, long terminatingMillis, Outcome outcome,
    String message, boolean stayQueued) {

  public RunPlan {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
    if (pendingMillis < 0 || runningMillis < 0 || terminatingMillis < 0) {
      throw new IllegalArgumentException("phase durations must be >= 0");
    }
  }
}
