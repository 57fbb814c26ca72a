package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One task of a run ({@code tasks[]} in {@code runs/get}): its key, its own task run id — what
 * {@link DatabricksExecutor#runOutput(long)} takes for a multi-task run — and its states. Immutable.
 *
 * @param taskKey {@code task_key}
 * @param runId the task run's {@code run_id}
 * @param lifeCycleState the task's {@code state.life_cycle_state}
 * @param resultState the task's {@code state.result_state}; null until the task is terminal
 * @param stateMessage the task's {@code state.state_message}, e.g. the error of a failed task; null when empty
 */
public record RunTask(
    String taskKey,
    long runId,
    RunLifeCycleState lifeCycleState,
    @Nullable RunResultState resultState,
    @Nullable String stateMessage) {
  /** Checks that the key and life-cycle state are present. */
  public RunTask {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(lifeCycleState, "lifeCycleState");
  }
}
