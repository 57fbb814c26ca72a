package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.Outcome;
import io.github.dbexec.testkit.internal.TaskPlan;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one task of a run does, for {@link RunScript#task(String, TaskScript)}: succeed, fail with a message or
 * time out, after its execution time (by default the run script's or server's running time).
 *
 * <pre>{@code
 * server.scriptNextRun(jobId, RunScript.succeeding()
 *     .task("ingest", TaskScript.succeeding().runningFor(Duration.ofSeconds(5)))
 *     .task("transform", TaskScript.failing("java.lang.IllegalStateException: no input")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskScript {
  private final Outcome outcome;
  private final String message;
  private final @Nullable Duration running;
  private final @Nullable TaskScript onRepair;
  private final String errorTrace;

  private TaskScript(Outcome outcome, String message, @Nullable Duration running) {
    this(outcome, message, running, null, "");
  }

  private TaskScript(Outcome outcome, String message, @Nullable Duration running, @Nullable TaskScript onRepair,
      String errorTrace) {
    this.outcome = outcome;
    this.message = message;
    this.running = running;
    this.onRepair = onRepair;
    this.errorTrace = errorTrace;
  }

  /**
   * Ends TERMINATED / SUCCESS.
   *
   * @return the script
   */
  public static TaskScript succeeding() {
    return new TaskScript(Outcome.SUCCESS, "", null);
  }

  /**
   * Ends TERMINATED / SUCCESS with this {@code notebook_output.result} in its {@code runs/get-output}.
   *
   * @param notebookResult the {@code notebook_output.result} to report
   * @return the script
   */
  public static TaskScript succeedingWithOutput(String notebookResult) {
    return new TaskScript(Outcome.SUCCESS, Objects.requireNonNull(notebookResult, "notebookResult"), null);
  }

  /**
   * Ends TERMINATED / FAILED with this message (its {@code state_message} and {@code runs/get-output}
   * {@code error}); "" stands for "Workload failed, see run output for details". The run then fails as
   * {@link RunScript#failingTask(String)} describes.
   *
   * @param message the error message the task reports
   * @return the script
   */
  public static TaskScript failing(String message) {
    return new TaskScript(Outcome.FAILED, Objects.requireNonNull(message, "message"), null);
  }

  /**
   * Ends TERMINATED / TIMEDOUT ("Task timed out."); the run then fails with result TIMEDOUT (assumed).
   *
   * @return the script
   */
  public static TaskScript timingOut() {
    return new TaskScript(Outcome.TIMEDOUT, "", null);
  }

  /**
   * This script with the task's execution lasting {@code duration} (fake-clock time, ms precision).
   *
   * @return a copy of this script with that duration
   * @throws IllegalArgumentException when negative
   * @param duration how long (zero or more)
   */
  public TaskScript runningFor(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("runningFor must not be negative, was " + duration);
    }
    return new TaskScript(outcome, message, duration, onRepair, errorTrace);
  }

  /**
   * This script for the task's first attempt, and {@code later} for the attempts a {@code runs/repair} starts
   * (the task's {@code attempt_number} 1, 2, ...; {@code later}'s own {@code thenOnRepair} scripts the attempt
   * after that, and the last script of the chain repeats). Without it every attempt does what this script
   * says, so a task that fails fails again when repaired.
   *
   * <pre>{@code
   * server.scriptNextRun(jobId, RunScript.succeeding()
   *     .task("transform", TaskScript.failing("no input").thenOnRepair(TaskScript.succeeding())));
   * }</pre>
   *
   * @param later what the repaired attempts do
   * @return a copy of this script with that continuation (replacing any earlier one)
   */
  public TaskScript thenOnRepair(TaskScript later) {
    Objects.requireNonNull(later, "later");
    return new TaskScript(outcome, message, running, later, errorTrace);
  }

  /**
   * This script with the {@code error_trace} that {@code runs/get-output} reports for the failed task (a stack
   * trace or traceback; by default ""). Only a {@link #failing(String)} task reports it.
   *
   * @param trace the trace text
   * @return a copy of this script with that trace
   */
  public TaskScript withErrorTrace(String trace) {
    Objects.requireNonNull(trace, "trace");
    return new TaskScript(outcome, message, running, onRepair, trace);
  }

  TaskPlan toPlan() {
    return new TaskPlan(outcome, message, running == null ? null : running.toMillis(),
        onRepair == null ? null : onRepair.toPlan(), errorTrace);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TaskScript other && outcome == other.outcome && message.equals(other.message)
        && Objects.equals(running, other.running) && Objects.equals(onRepair, other.onRepair)
        && errorTrace.equals(other.errorTrace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outcome, message, running, onRepair, errorTrace);
  }

  @Override
  public String toString() {
    return "TaskScript{" + outcome + (message.isEmpty() ? "" : ", message=" + message)
        + (running == null ? "" : ", running=" + running)
        + (onRepair == null ? "" : ", onRepair=" + onRepair)
        + (errorTrace.isEmpty() ? "" : ", errorTrace=" + errorTrace.length() + " chars") + "}";
  }
}
