package io.github.dbexec;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One task of a run ({@code tasks[]} in {@code runs/get}): its key, its own task run id — what
 * {@link DatabricksExecutor#runOutput(long)} takes for a multi-task run — and its states. Immutable.
 */
public final class RunTask {
  private final String taskKey;
  private final long runId;
  private final RunLifeCycleState lifeCycleState;
  private final @Nullable RunResultState resultState;

  RunTask(String taskKey, long runId, RunLifeCycleState lifeCycleState, @Nullable RunResultState resultState) {
    this.taskKey = Objects.requireNonNull(taskKey, "taskKey");
    this.runId = runId;
    this.lifeCycleState = Objects.requireNonNull(lifeCycleState, "lifeCycleState");
    this.resultState = resultState;
  }

  /** {@code task_key}. */
  public String taskKey() {
    return taskKey;
  }

  /** The task run's {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** The task's {@code state.life_cycle_state}. */
  public RunLifeCycleState lifeCycleState() {
    return lifeCycleState;
  }

  /** The task's {@code state.result_state}, once terminal. */
  public Optional<RunResultState> resultState() {
    return Optional.ofNullable(resultState);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RunTask)) {
      return false;
    }
    RunTask t = (RunTask) o;
    return runId == t.runId && taskKey.equals(t.taskKey) && lifeCycleState == t.lifeCycleState
        && resultState == t.resultState;
  }

  @Override
  public int hashCode() {
    return Objects.hash(taskKey, runId, lifeCycleState, resultState);
  }

  @Override
  public String toString() {
    return "RunTask{" + taskKey + ", runId=" + runId + ", " + lifeCycleState
        + (resultState == null ? "" : "/" + resultState) + '}';
  }
}
