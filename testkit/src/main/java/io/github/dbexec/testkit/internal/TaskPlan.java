package io.github.dbexec.testkit.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one task of a run does once it starts.
 *
 * @param outcome SUCCESS, FAILED or TIMEDOUT
 * @param message the task's error for FAILED (its {@code state_message} and {@code runs/get-output}
 *     {@code error}), the notebook result for SUCCESS
 * @param runningMillis how long its execution lasts; null for the run plan's running time
 * @param onRepair what the task's next attempt (a {@code runs/repair}) does; null: the same as this one
 * @param errorTrace the {@code runs/get-output} {@code error_trace} of a FAILED task ("" for none)
 */
public record TaskPlan(Outcome outcome, String message, @Nullable Long runningMillis, @Nullable TaskPlan onRepair,
    String errorTrace) {
  public TaskPlan {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(errorTrace, "errorTrace");
    if (outcome != Outcome.SUCCESS && outcome != Outcome.FAILED && outcome != Outcome.TIMEDOUT) {
      throw new IllegalArgumentException("a task succeeds, fails or times out, not " + outcome);
    }
    if (runningMillis != null && runningMillis < 0) {
      throw new IllegalArgumentException("runningMillis must be >= 0, was " + runningMillis);
    }
  }

  public TaskPlan(Outcome outcome, String message, @Nullable Long runningMillis) {
    this(outcome, message, runningMillis, null, "");
  }

  /** The plan of attempt {@code attemptNumber} (0 = the first): the last plan of the chain repeats. */
  public TaskPlan forAttempt(int attemptNumber) {
    TaskPlan plan = this;
    for (int i = 0; i < attemptNumber && plan.onRepair != null; i++) {
      plan = plan.onRepair;
    }
    return plan;
  }
}
