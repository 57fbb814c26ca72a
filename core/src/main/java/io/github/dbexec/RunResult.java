package io.github.dbexec;

import java.util.ArrayList;
import java.util.List;
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
 * @param run the final snapshot of the run: states, termination details, timings
 */
public record RunResult(Run run) {
  /** Checks that the run is present. */
  public RunResult {
    Objects.requireNonNull(run, "run");
  }

  /** SUCCESS, FAILED, TIMEDOUT, CANCELED, SKIPPED or UNKNOWN, from the run's life-cycle and result states. */
  public RunOutcome outcome() {
    return RunOutcome.of(run);
  }

  /** True when the outcome is SUCCESS. */
  public boolean isSuccess() {
    return outcome() == RunOutcome.SUCCESS;
  }

  /** {@code run_id}. */
  public long runId() {
    return run.runId();
  }

  /**
   * Why the run ended this way: {@code state.state_message} (e.g. the error), else
   * {@code status.termination_details.message}, else its code; null when the server said nothing.
   */
  public @Nullable String reason() {
    if (run.stateMessage() != null) {
      return run.stateMessage();
    }
    return run.terminationMessage() != null ? run.terminationMessage() : run.terminationCode();
  }

  /**
   * The tasks that failed or timed out ({@code result_state} FAILED or TIMEDOUT, or a task that ended
   * INTERNAL_ERROR), in the order {@code runs/get} lists them, with their messages; empty when none did (a
   * successful run, or a run whose failure was not a task's). Tasks that did not run because of them
   * ({@code UPSTREAM_FAILED}) are not listed; {@link Run#tasks()} has every task. Read from the final snapshot: no
   * request is made.
   */
  public List<TaskFailure> failedTasks() {
    List<TaskFailure> failed = new ArrayList<>();
    for (RunTask task : run.tasks()) {
      RunResultState result = task.resultState();
      if (result == RunResultState.FAILED || result == RunResultState.TIMEDOUT) {
        failed.add(new TaskFailure(task.taskKey(), task.runId(), result, task.stateMessage()));
      } else if (result == null && task.lifeCycleState() == RunLifeCycleState.INTERNAL_ERROR) {
        failed.add(new TaskFailure(task.taskKey(), task.runId(), RunResultState.UNKNOWN, task.stateMessage()));
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
        + (reason == null ? "" : ", reason=" + reason) + '}';
  }
}
