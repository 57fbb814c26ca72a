package io.github.dbexec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run that was waited for ended: its {@link RunOutcome}, why, and the final {@link Run} snapshot. A failed run
 * is a result, not an exception — unless the caller asks for one with {@link #orThrow()} or
 * {@link WaitOptions.Builder#throwOnFailure(boolean)}. Immutable and thread-safe.
 *
 * <p>For a failed run, {@link #failureKind()} tells a task failure (fix the job) from a platform failure (retry it),
 * and {@link #failedTasks()} names the tasks that failed with their messages:
 *
 * <pre>{@code
 * RunResult result = submission.awaitTermination(Duration.ofMinutes(30));
 * if (result.failureKind() == RunFailureKind.TASK) {
 *   for (TaskFailure f : result.failedTasks()) {
 *     log.error("task {} failed: {}", f.taskKey(), f.message());   // task transform failed: java.lang.Ill...
 *   }
 * }
 * }</pre>
 *
 * <p>A run whose result is {@code SUCCESS_WITH_FAILURES} (the job succeeded because its leaf tasks did, some
 * non-leaf tasks failed) has outcome SUCCESS and lists those non-leaf tasks in {@link #failedTasks()}.
 *
 * @param run the final snapshot of the run: states, termination details, timings, every task
 * @param failedTasks the tasks that failed or timed out, in the order {@code runs/get} lists them, with their messages
 *     and, when a wait fetched them, their {@code runs/get-output} errors; see {@link #failedTasks()}
 */
public record RunResult(Run run, List<TaskFailure> failedTasks) {
  /**
   * Checks that the run is present and copies the failed tasks.
   * @param run the final snapshot of the run: states, termination details, timings, every task
   * @param failedTasks the tasks that failed or timed out, in the order {@code runs/get} lists them, with their
   *     messages and, when a wait fetched them, their {@code runs/get-output} errors; see {@link #failedTasks()}
   */
  public RunResult {
    Objects.requireNonNull(run, "run");
    failedTasks = List.copyOf(Objects.requireNonNull(failedTasks, "failedTasks"));
  }

  /**
   * The result of a final snapshot, its failed tasks read from the snapshot ({@link TaskFailure#error()} null).
   *
   * @param run the final snapshot of the run
   */
  public RunResult(Run run) {
    this(run, failedTasksOf(run));
  }

  /**
   * Every task of the run ({@code tasks[]}), with key, task run id, states, attempt and timings; a repaired run lists
   * each attempt of a re-run task (the same key, higher {@link RunTask#attemptNumber()}).
   * @return the task runs, in the order {@code runs/get} lists them
   */
  public List<RunTask> tasks() {
    return run.tasks();
  }

  /** {@return SUCCESS, FAILED, TIMEDOUT, CANCELED, SKIPPED or UNKNOWN, from the run's life-cycle and result states} */
  public RunOutcome outcome() {
    return RunOutcome.of(run);
  }

  /** {@return true when the outcome is SUCCESS} */
  public boolean isSuccess() {
    return outcome() == RunOutcome.SUCCESS;
  }

  /** {@return {@code run_id}} */
  public long runId() {
    return run.runId();
  }

  /**
   * Why the run ended this way: {@code state.state_message} (e.g. the error), else
   * {@code status.termination_details.message}, else its code; null when the server said nothing.
   * @return the reason, or null
   */
  public @Nullable String reason() {
    if (run.stateMessage() != null) {
      return run.stateMessage();
    }
    return run.terminationMessage() != null ? run.terminationMessage() : run.terminationCode();
  }

  /**
   * The tasks that failed or timed out ({@code result_state} FAILED or TIMEDOUT, or a task that ended
   * INTERNAL_ERROR), in the order {@code runs/get} lists them, with their messages and, for a result a wait returned,
   * the first {@value TaskFailure#MAX_ERRORS_FETCHED} tasks' {@code runs/get-output} errors; empty when none did (a
   * successful run, or a run whose failure was not a task's). Tasks that did not run because of them
   * ({@code UPSTREAM_FAILED}) are not listed, nor are attempts a repair re-ran (only each task's latest attempt
   * counts); {@link Run#tasks()} has every task. For a {@code SUCCESS_WITH_FAILURES} run, the non-leaf tasks that
   * failed.
   *
   * @return the failed tasks, never null
   */
  @Override
  public List<TaskFailure> failedTasks() {
    return failedTasks;
  }

  /** The failed tasks of a snapshot, without fetched errors. */
  private static List<TaskFailure> failedTasksOf(Run run) {
    Map<String, Integer> latest = new HashMap<>();
    run.tasks().forEach(t -> latest.merge(t.taskKey(), t.attemptNumber(), Math::max));
    List<TaskFailure> failed = new ArrayList<>();
    for (RunTask task : run.tasks()) {
      // a repaired run lists each attempt of a re-run task: only the latest counts
      if (task.isFailed() && task.attemptNumber() == latest.get(task.taskKey())) {
        RunResultState result = task.resultState() == null ? RunResultState.UNKNOWN : task.resultState();
        failed.add(new TaskFailure(task.taskKey(), task.runId(), result, task.stateMessage(), null,
            task.attemptNumber()));
      }
    }
    return List.copyOf(failed);
  }

  /**
   * Who made the run fail: {@link RunFailureKind#TASK} (the job's own work: a failed task, termination code
   * {@code RUN_EXECUTION_ERROR}), {@link RunFailureKind#PLATFORM} (termination type {@code INTERNAL_ERROR} or
   * {@code CLOUD_FAILURE}, or life-cycle {@code INTERNAL_ERROR} with no failed task), {@link RunFailureKind#NONE}
   * when the outcome is SUCCESS, CANCELED or SKIPPED, {@link RunFailureKind#UNKNOWN} when the states do not say.
   * The life-cycle state {@code INTERNAL_ERROR} alone does not decide it: real workspaces report a failed task's run
   * that way too.
   * @return whose failure it was, or NONE or UNKNOWN
   */
  public RunFailureKind failureKind() {
    RunOutcome outcome = outcome();
    if (outcome == RunOutcome.SUCCESS || outcome == RunOutcome.CANCELED || outcome == RunOutcome.SKIPPED) {
      return RunFailureKind.NONE;
    }
    if (outcome == RunOutcome.UNKNOWN) {
      return RunFailureKind.UNKNOWN;
    }
    if ("RUN_EXECUTION_ERROR".equals(run.terminationCode())) {
      return RunFailureKind.TASK;
    }
    if ("INTERNAL_ERROR".equals(run.terminationType()) || "CLOUD_FAILURE".equals(run.terminationType())
        || "INTERNAL_ERROR".equals(run.terminationCode()) || "CLOUD_FAILURE".equals(run.terminationCode())) {
      return RunFailureKind.PLATFORM;
    }
    if (!failedTasks().isEmpty()) {
      return RunFailureKind.TASK;
    }
    if (run.lifeCycleState() == RunLifeCycleState.INTERNAL_ERROR) {
      return RunFailureKind.PLATFORM;
    }
    return run.lifeCycleState() == RunLifeCycleState.TERMINATED ? RunFailureKind.TASK : RunFailureKind.UNKNOWN;
  }

  /**
   * This result when it is a success.
   *
   * @return this result
   * @throws RunFailedException when the outcome is anything but SUCCESS
   */
  public RunResult orThrow() {
    if (!isSuccess()) {
      throw RunFailedException.of(this);
    }
    return this;
  }

  @Override
  public String toString() {
    String reason = reason();
    RunFailureKind kind = failureKind();
    return "RunResult{runId=" + run.runId() + ", outcome=" + outcome()
        + (kind == RunFailureKind.NONE ? "" : ", failureKind=" + kind)
        + (failedTasks.isEmpty() ? "" : ", failedTasks=" + failedTasks.stream().map(TaskFailure::taskKey).toList())
        + (reason == null ? "" : ", reason=" + reason) + '}';
  }
}
