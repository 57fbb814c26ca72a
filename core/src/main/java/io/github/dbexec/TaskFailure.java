package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A task of a run that failed or timed out, with what the workspace said about it, as {@link RunResult#failedTasks()}
 * lists them. Read from the run's {@code tasks[]} in {@code runs/get}; no extra request is made. For the task's full
 * error and stack trace, pass {@link #runId()} to {@link DatabricksExecutor#runOutput(long)} ({@code runs/get-output}).
 * Immutable.
 *
 * @param taskKey the task's {@code task_key}
 * @param runId the task run's own {@code run_id}
 * @param resultState the task's {@code state.result_state}: FAILED or TIMEDOUT (UNKNOWN when the task ended
 *     INTERNAL_ERROR without a result)
 * @param message the task's {@code state.state_message}, e.g. the exception its code threw ("Workload failed, see run
 *     output for details" for a serverless task); null when the workspace gave none
 */
public record TaskFailure(String taskKey, long runId, RunResultState resultState, @Nullable String message) {
  /** Checks that the key and result state are present. */
  public TaskFailure {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(resultState, "resultState");
  }
}
