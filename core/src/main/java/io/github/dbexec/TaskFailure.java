package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A task of a run that failed or timed out, with what the workspace said about it, as {@link RunResult#failedTasks()}
 * lists them. The key, states and message are read from the run's {@code tasks[]} in {@code runs/get}; the
 * {@linkplain #error() error} from the task run's {@code runs/get-output}, which a wait fetches for the first
 * {@value #MAX_ERRORS_FETCHED} failed tasks of a run (no more), never failing the wait when a fetch fails. For the
 * full stack trace, pass {@link #runId()} to {@link DatabricksExecutor#runOutput(long)}. Immutable.
 *
 * @param taskKey the task's {@code task_key}
 * @param runId the task run's own {@code run_id}
 * @param resultState the task's {@code state.result_state}: FAILED or TIMEDOUT (UNKNOWN when the task ended
 *     INTERNAL_ERROR without a result)
 * @param message the task's {@code state.state_message}, e.g. the exception its code threw ("Workload failed, see run
 *     output for details" for a serverless task); null when the workspace gave none
 * @param error the task run's {@code runs/get-output} {@code error}, e.g. {@code "ZeroDivisionError: division by
 *     zero"}, cut to {@value #MAX_ERROR_LENGTH} characters (an ellipsis marks a cut); null when not fetched (a result
 *     built from a snapshot, a task beyond the first {@value #MAX_ERRORS_FETCHED}), when the fetch failed, or when
 *     the output had none
 * @param attemptNumber the task's {@code attempt_number}: 0 for the first attempt, higher after retries or repairs
 */
public record TaskFailure(String taskKey, long runId, RunResultState resultState, @Nullable String message,
    @Nullable String error, int attemptNumber) {
  /** The most failed tasks of one run whose {@code runs/get-output} error a wait fetches. */
  public static final int MAX_ERRORS_FETCHED = 20;
  /** The most characters of one task's error kept. */
  public static final int MAX_ERROR_LENGTH = 4000;

  /**
   * Checks that the key and result state are present.
   * @param taskKey the task's {@code task_key}
   * @param runId the task run's own {@code run_id}
   * @param resultState the task's {@code state.result_state}: FAILED or TIMEDOUT (UNKNOWN when the task ended
   *     INTERNAL_ERROR without a result)
   * @param message the task's {@code state.state_message}, e.g. the exception its code threw ("Workload failed, see run
   *     output for details" for a serverless task); null when the workspace gave none
   * @param error the task run's {@code runs/get-output} {@code error}, e.g. {@code "ZeroDivisionError: division by
   *     zero"}, cut to {@value #MAX_ERROR_LENGTH} characters (an ellipsis marks a cut); null when not fetched (a result
   *     built from a snapshot, a task beyond the first {@value #MAX_ERRORS_FETCHED}), when the fetch failed, or when
   *     the output had none
   * @param attemptNumber the task's {@code attempt_number}: 0 for the first attempt, higher after retries or repairs
   */
  public TaskFailure {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(resultState, "resultState");
  }

  /**
   * A failure without a fetched error, first attempt.
   *
   * @param taskKey the task's {@code task_key}
   * @param runId the task run's own {@code run_id}
   * @param resultState the task's {@code state.result_state}
   * @param message the task's {@code state.state_message}; null when the workspace gave none
   */
  public TaskFailure(String taskKey, long runId, RunResultState resultState, @Nullable String message) {
    this(taskKey, runId, resultState, message, null, 0);
  }

  /**
   * This failure with {@code error} (cut to {@value #MAX_ERROR_LENGTH} characters).
   *
   * @param error the task run's {@code runs/get-output} {@code error}; null or empty for none
   * @return a copy holding the error
   */
  public TaskFailure withError(@Nullable String error) {
    String e = error == null || error.isEmpty() ? null
        : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH - 1) + "…" : error;
    return new TaskFailure(taskKey, runId, resultState, message, e, attemptNumber);
  }
}
