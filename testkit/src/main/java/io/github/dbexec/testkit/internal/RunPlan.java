package io.github.dbexec.testkit.internal;

import java.util.Map;
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
 * @param taskPlans per task key, what that task does (tasks not named succeed; the key {@link #FIRST_TASK}
 *     names the run's first task); used when the outcome is SUCCESS, i.e. the tasks decide
 */
public record RunPlan(long pendingMillis, long runningMillis, long terminatingMillis, Outcome outcome,
    String message, boolean stayQueued, Map<String, TaskPlan> taskPlans) {

  public RunPlan(long pendingMillis, long runningMillis, long terminatingMillis, Outcome outcome, String message,
      boolean stayQueued) {
    this(pendingMillis, runningMillis, terminatingMillis, outcome, message, stayQueued, Map.of());
  }

  public RunPlan {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
    taskPlans = Map.copyOf(taskPlans);
    if (pendingMillis < 0 || runningMillis < 0 || terminatingMillis < 0) {
      throw new IllegalArgumentException("phase durations must be >= 0");
    }
  }

  /**
   * Whether the tasks of a run with this plan play out as a dependency graph (each task's outcome, run_if,
   * UPSTREAM_FAILED) and decide the run's end; otherwise (TIMEDOUT, CANCELED, INTERNAL_ERROR) the run ends
   * after its running time and unfinished tasks share its state.
   */
  public boolean tasksDecide() {
    return outcome == Outcome.SUCCESS;
  }

  /** The key in {@link #taskPlans()} that stands for "the run's first task", whatever its key. */
  public static final String FIRST_TASK = "";
}
