package io.github.dbexec.testkit;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One task run of a {@link RunSnapshot} ({@code tasks[]} of {@code runs/get}). After a {@code runs/repair} a task
 * appears once per attempt; its latest attempt has the highest {@link #attemptNumber()}.
 *
 * @param taskKey {@code task_key}
 * @param runId the task run's {@code run_id} (what {@code runs/get-output} takes)
 * @param lifeCycleState {@code state.life_cycle_state}: BLOCKED while it waits for the tasks it depends on
 * @param resultState {@code state.result_state}; null until it is done
 * @param stateMessage {@code state.state_message} ("" when none)
 * @param startTime {@code start_time}, epoch ms; 0 before it starts
 * @param endTime {@code end_time}, epoch ms; 0 before it ends
 * @param executionDuration {@code execution_duration}, ms
 * @param attemptNumber {@code attempt_number}: 0 for the first attempt, one more for each repair that re-ran it
 */
public record TaskRunSnapshot(String taskKey, long runId, LifeCycleState lifeCycleState,
    @Nullable ResultState resultState, String stateMessage, long startTime, long endTime,
    long executionDuration, long attemptNumber) {

  /**
   * Checks the components.
   *
   * @param taskKey {@code task_key}
   * @param runId the task run's {@code run_id} (what {@code runs/get-output} takes)
   * @param lifeCycleState {@code state.life_cycle_state}: BLOCKED while it waits for the tasks it depends on
   * @param resultState {@code state.result_state}; null until it is done
   * @param stateMessage {@code state.state_message} ("" when none)
   * @param startTime {@code start_time}, epoch ms; 0 before it starts
   * @param endTime {@code end_time}, epoch ms; 0 before it ends
   * @param executionDuration {@code execution_duration}, ms
   * @param attemptNumber {@code attempt_number} (0 or more)
   * @throws NullPointerException when {@code taskKey}, {@code lifeCycleState} or {@code stateMessage} is null
   * @throws IllegalArgumentException when {@code attemptNumber} is negative
   */
  public TaskRunSnapshot {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(lifeCycleState, "lifeCycleState");
    Objects.requireNonNull(stateMessage, "stateMessage");
    if (attemptNumber < 0) {
      throw new IllegalArgumentException("attemptNumber must be >= 0, was " + attemptNumber);
    }
  }

  /**
   * A first attempt ({@code attemptNumber} 0), the shape of earlier versions.
   *
   * @param taskKey {@code task_key}
   * @param runId the task run's {@code run_id}
   * @param lifeCycleState {@code state.life_cycle_state}
   * @param resultState {@code state.result_state}; null until it is done
   * @param stateMessage {@code state.state_message} ("" when none)
   * @param startTime {@code start_time}, epoch ms
   * @param endTime {@code end_time}, epoch ms
   * @param executionDuration {@code execution_duration}, ms
   */
  public TaskRunSnapshot(String taskKey, long runId, LifeCycleState lifeCycleState, @Nullable ResultState resultState,
      String stateMessage, long startTime, long endTime, long executionDuration) {
    this(taskKey, runId, lifeCycleState, resultState, stateMessage, startTime, endTime, executionDuration, 0L);
  }

  static TaskRunSnapshot of(Map<?, ?> json) {
    Map<?, ?> state = (Map<?, ?>) json.get("state");
    Object message = state.get("state_message");
    return new TaskRunSnapshot(String.valueOf(json.get("task_key")), number(json, "run_id"),
        LifeCycleState.fromWire((String) state.get("life_cycle_state")),
        ResultState.fromWire((String) state.get("result_state")), message == null ? "" : message.toString(),
        number(json, "start_time"), number(json, "end_time"), number(json, "execution_duration"),
        number(json, "attempt_number"));
  }

  private static long number(Map<?, ?> json, String field) {
    Object value = json.get(field);
    return value instanceof Number n ? n.longValue() : 0L;
  }
}
