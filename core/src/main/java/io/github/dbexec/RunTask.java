package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One task of a run ({@code tasks[]} in {@code runs/get}): its key, its own task run id — what
 * {@link DatabricksExecutor#runOutput(long)} takes for a multi-task run — its states, attempt and timings.
 * Immutable.
 *
 * <p>Times are milliseconds since the epoch, durations milliseconds, as the Jobs API gives them; a value the server
 * did not send (or sent as 0, as {@code end_time} while the task runs) is null.
 *
 * @param taskKey {@code task_key}
 * @param runId the task run's {@code run_id}; a repaired task gets a new one for each attempt
 * @param lifeCycleState the task's {@code state.life_cycle_state}
 * @param resultState the task's {@code state.result_state}; null until the task is terminal
 * @param stateMessage the task's {@code state.state_message}, e.g. the error of a failed task; null when empty
 * @param attemptNumber the task's {@code attempt_number}: 0 for the first attempt, then 1, 2, ... for each retry or
 *     repair
 * @param startTime the task's {@code start_time}, milliseconds since the epoch; null when it did not start
 * @param endTime the task's {@code end_time}, milliseconds since the epoch; null while it is active
 * @param setupDuration the task's {@code setup_duration}, milliseconds; null when not reported
 * @param executionDuration the task's {@code execution_duration}, milliseconds; null when not reported
 * @param cleanupDuration the task's {@code cleanup_duration}, milliseconds; null when not reported
 */
public record RunTask(
    String taskKey,
    long runId,
    RunLifeCycleState lifeCycleState,
    @Nullable RunResultState resultState,
    @Nullable String stateMessage,
    int attemptNumber,
    @Nullable Long startTime,
    @Nullable Long endTime,
    @Nullable Long setupDuration,
    @Nullable Long executionDuration,
    @Nullable Long cleanupDuration) {
  /**
   * Checks that the key and life-cycle state are present and the attempt number is not negative.
   * @param taskKey {@code task_key}
   * @param runId the task run's {@code run_id}; a repaired task gets a new one for each attempt
   * @param lifeCycleState the task's {@code state.life_cycle_state}
   * @param resultState the task's {@code state.result_state}; null until the task is terminal
   * @param stateMessage the task's {@code state.state_message}, e.g. the error of a failed task; null when empty
   * @param attemptNumber the task's {@code attempt_number}: 0 for the first attempt, then 1, 2, ... for each retry or
   *     repair
   * @param startTime the task's {@code start_time}, milliseconds since the epoch; null when it did not start
   * @param endTime the task's {@code end_time}, milliseconds since the epoch; null while it is active
   * @param setupDuration the task's {@code setup_duration}, milliseconds; null when not reported
   * @param executionDuration the task's {@code execution_duration}, milliseconds; null when not reported
   * @param cleanupDuration the task's {@code cleanup_duration}, milliseconds; null when not reported
   */
  public RunTask {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(lifeCycleState, "lifeCycleState");
    if (attemptNumber < 0) {
      throw new IllegalArgumentException("attemptNumber must be >= 0, was " + attemptNumber);
    }
  }

  /**
   * A task with its key, run id and states only: first attempt, no timings.
   *
   * @param taskKey {@code task_key}
   * @param runId the task run's {@code run_id}
   * @param lifeCycleState the task's {@code state.life_cycle_state}
   * @param resultState the task's {@code state.result_state}; null until the task is terminal
   * @param stateMessage the task's {@code state.state_message}; null when empty
   */
  public RunTask(String taskKey, long runId, RunLifeCycleState lifeCycleState, @Nullable RunResultState resultState,
      @Nullable String stateMessage) {
    this(taskKey, runId, lifeCycleState, resultState, stateMessage, 0, null, null, null, null, null);
  }

  /** {@return true when the task will not change any more (TERMINATED, SKIPPED, INTERNAL_ERROR)} */
  public boolean isTerminal() {
    return lifeCycleState.isTerminal();
  }

  /**
   * True when the task itself failed or timed out ({@code result_state} FAILED or TIMEDOUT, or life-cycle
   * INTERNAL_ERROR without a result); false for a task that did not run because of another ({@code UPSTREAM_FAILED}).
   * @return true when the task itself failed or timed out
   */
  public boolean isFailed() {
    return resultState == RunResultState.FAILED || resultState == RunResultState.TIMEDOUT
        || (resultState == null && lifeCycleState == RunLifeCycleState.INTERNAL_ERROR);
  }
}
