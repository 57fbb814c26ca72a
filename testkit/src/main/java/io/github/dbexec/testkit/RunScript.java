package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.Outcome;
import io.github.dbexec.testkit.internal.RunPlan;
import io.github.dbexec.testkit.internal.TaskPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a run does once created: how long each phase lasts on the {@link FakeClock} and how it ends. Scripts
 * are given to {@link FakeJobsServer#scriptJob(long, RunScript)} (every future run of a job),
 * {@link FakeJobsServer#scriptNextRun(RunScript)} (the next run created) or
 * {@link FakeJobsServer#scriptRun(long, RunScript)} (a run that already exists).
 *
 * <pre>{@code
 * server.scriptJob(jobId, RunScript.failing("java.lang.IllegalStateException: no input").runningFor(Duration.ofSeconds(30)));
 * server.scriptNextRun(RunScript.stuckInQueue());
 * }</pre>
 *
 * <p>Outcomes, as {@code runs/get} shows them once terminal (pairings other than SUCCESS are UNVERIFIED
 * against the real service):
 * <table>
 *   <caption>outcomes</caption>
 *   <tr><th>script</th><th>life_cycle_state / result_state</th><th>termination_details code / type</th></tr>
 *   <tr><td>{@link #succeeding()}</td><td>TERMINATED / SUCCESS</td><td>SUCCESS / SUCCESS</td></tr>
 *   <tr><td>{@link #failing(String)}</td><td>TERMINATED / FAILED</td><td>RUN_EXECUTION_ERROR / CLIENT_ERROR</td></tr>
 *   <tr><td>{@link #timingOut()}</td><td>TERMINATED / TIMEDOUT</td><td>CANCELED / CLIENT_ERROR</td></tr>
 *   <tr><td>{@link #cancelled()}</td><td>TERMINATED / CANCELED</td><td>USER_CANCELED / SUCCESS</td></tr>
 *   <tr><td>{@link #internalError(String)}</td><td>INTERNAL_ERROR / FAILED</td><td>INTERNAL_ERROR / INTERNAL_ERROR</td></tr>
 *   <tr><td>{@link #stuckInQueue()}</td><td>stays QUEUED (until cancelled or re-scripted)</td><td>-</td></tr>
 * </table>
 * A failing or internal-error run's message is its {@code state_message}, its termination message and the
 * {@code error} of {@code runs/get-output}; a succeeding run's message is the {@code notebook_output.result}.
 *
 * <p>Phase durations not set here use the server's ({@link FakeJobsServer.Builder#pendingDuration},
 * {@link FakeJobsServer.Builder#runDuration}, {@link FakeJobsServer.Builder#terminatingDuration}).
 * Immutable and thread-safe.
 */
public final class RunScript {
  private final Outcome outcome;
  private final String message;
  private final boolean stayQueued;
  private final @Nullable Duration pending;
  private final @Nullable Duration running;
  private final @Nullable Duration terminating;
  private final Map<String, TaskPlan> tasks;

  private RunScript(Outcome outcome, String message, boolean stayQueued, @Nullable Duration pending,
      @Nullable Duration running, @Nullable Duration terminating) {
    this(outcome, message, stayQueued, pending, running, terminating, Map.of());
  }

  private RunScript(Outcome outcome, String message, boolean stayQueued, @Nullable Duration pending,
      @Nullable Duration running, @Nullable Duration terminating, Map<String, TaskPlan> tasks) {
    this.tasks = Map.copyOf(tasks);
    this.outcome = outcome;
    this.message = message;
    this.stayQueued = stayQueued;
    this.pending = pending;
    this.running = running;
    this.terminating = terminating;
  }

  /**
   * Ends TERMINATED / SUCCESS (the default behaviour).
   *
   * @return the script
   */
  public static RunScript succeeding() {
    return new RunScript(Outcome.SUCCESS, "", false, null, null, null);
  }

  /**
   * Ends TERMINATED / SUCCESS with this {@code notebook_output.result} in {@code runs/get-output}.
   *
   * @param notebookResult the {@code notebook_output.result} to report
   * @return the script
   */
  public static RunScript succeedingWithOutput(String notebookResult) {
    return new RunScript(Outcome.SUCCESS, Objects.requireNonNull(notebookResult, "notebookResult"), false,
        null, null, null);
  }

  /**
   * The run's first task fails with this message, and the run ends as real workspaces report a failed task:
   * life-cycle INTERNAL_ERROR, result FAILED, {@code state_message} "Task &lt;key&gt; failed with message:
   * &lt;message&gt;." (plus " This caused all downstream tasks to get skipped." when tasks depending on it are
   * skipped as UPSTREAM_FAILED), {@code status} TERMINATED with termination code RUN_EXECUTION_ERROR. The task
   * itself is TERMINATED / FAILED with the message, which is also its {@code runs/get-output} {@code error}.
   * An empty message stands for "Workload failed, see run output for details", what a serverless task that
   * raises reports. A run without tasks simply succeeds. Same as
   * {@code succeeding().task(firstTaskKey, TaskScript.failing(message))}.
   *
   * @param errorMessage the error message the first task reports
   * @return the script
   */
  public static RunScript failingTask(String errorMessage) {
    Objects.requireNonNull(errorMessage, "errorMessage");
    return new RunScript(Outcome.SUCCESS, "", false, null, null, null,
        Map.of(RunPlan.FIRST_TASK, new TaskPlan(Outcome.FAILED, errorMessage, null)));
  }

  /**
   * This script with one task (by {@code task_key}) doing what {@code script} says; other tasks succeed unless
   * scripted too. Tasks start when the tasks they {@code depends_on} are done and their {@code run_if} holds
   * (BLOCKED until then); a task whose {@code run_if} fails after an upstream failure ends SKIPPED /
   * UPSTREAM_FAILED. The run ends when every task is done: SUCCESS, or as {@link #failingTask(String)}
   * describes for the first task (in the job's order) that failed or timed out — unless every leaf task (one no
   * other task depends on) succeeded, which ends the run TERMINATED / SUCCESS_WITH_FAILURES. Task scripts apply
   * to runs that succeed otherwise ({@link #succeeding()}); other outcomes end the whole run as they say. A
   * {@code runs/repair} re-runs tasks as new attempts, scripted by {@link TaskScript#thenOnRepair(TaskScript)}.
   *
   * @return a copy of this script with that task
   * @throws IllegalArgumentException when taskKey is empty
   * @param script what this task does
   * @param taskKey the task's {@code task_key}
   */
  public RunScript task(String taskKey, TaskScript script) {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(script, "script");
    if (taskKey.isEmpty()) {
      throw new IllegalArgumentException("taskKey must not be empty");
    }
    Map<String, TaskPlan> more = new LinkedHashMap<>(tasks);
    more.put(taskKey, script.toPlan());
    return new RunScript(outcome, message, stayQueued, pending, running, terminating, more);
  }

  /**
   * Ends TERMINATED / FAILED with this error message: a run-level failure as earlier versions of the fake
   * modelled it (and the official SDK's waiter accepts). Real workspaces report a failed task differently; use
   * {@link #failingTask(String)} for that.
   *
   * @param errorMessage the error message the run reports
   * @return the script
   */
  public static RunScript failing(String errorMessage) {
    return new RunScript(Outcome.FAILED, Objects.requireNonNull(errorMessage, "errorMessage"), false, null,
        null, null);
  }

  /**
   * Ends TERMINATED / TIMEDOUT when its running time is over.
   *
   * @return the script
   */
  public static RunScript timingOut() {
    return new RunScript(Outcome.TIMEDOUT, "", false, null, null, null);
  }

  /**
   * Ends TERMINATED / CANCELED when its running time is over, as if a user had cancelled it.
   *
   * @return the script
   */
  public static RunScript cancelled() {
    return new RunScript(Outcome.CANCELED, "", false, null, null, null);
  }

  /**
   * Ends with life-cycle state INTERNAL_ERROR (result FAILED) and this message.
   *
   * @param message the message the run reports
   * @return the script
   */
  public static RunScript internalError(String message) {
    return new RunScript(Outcome.INTERNAL_ERROR, Objects.requireNonNull(message, "message"), false, null,
        null, null);
  }

  /**
   * Is created QUEUED (whatever the concurrency and queue settings) and never leaves the queue; other runs
   * of the job are not held up by it.
   *
   * @return the script
   */
  public static RunScript stuckInQueue() {
    return new RunScript(Outcome.SUCCESS, "", true, null, null, null);
  }

  /**
   * This script with PENDING lasting {@code duration} (ms precision).
   *
   * @param duration how long (zero or more)
   * @return a copy of this script with that duration
   */
  public RunScript pendingFor(Duration duration) {
    return new RunScript(outcome, message, stayQueued, check(duration, "pendingFor"), running, terminating, tasks);
  }

  /**
   * This script with RUNNING lasting {@code duration}.
   *
   * @param duration how long (zero or more)
   * @return a copy of this script with that duration
   */
  public RunScript runningFor(Duration duration) {
    return new RunScript(outcome, message, stayQueued, pending, check(duration, "runningFor"), terminating, tasks);
  }

  /**
   * This script with TERMINATING lasting {@code duration}.
   *
   * @param duration how long (zero or more)
   * @return a copy of this script with that duration
   */
  public RunScript terminatingFor(Duration duration) {
    return new RunScript(outcome, message, stayQueued, pending, running, check(duration, "terminatingFor"),
        tasks);
  }

  private static Duration check(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + duration);
    }
    return duration;
  }

  /** The plan, with unset durations taken from the server's defaults. */
  RunPlan toPlan(RunPlan defaults) {
    return new RunPlan(
        pending == null ? defaults.pendingMillis() : pending.toMillis(),
        running == null ? defaults.runningMillis() : running.toMillis(),
        terminating == null ? defaults.terminatingMillis() : terminating.toMillis(),
        outcome, message, stayQueued, tasks);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RunScript)) {
      return false;
    }
    RunScript other = (RunScript) o;
    return outcome == other.outcome && message.equals(other.message) && stayQueued == other.stayQueued
        && Objects.equals(pending, other.pending) && Objects.equals(running, other.running)
        && Objects.equals(terminating, other.terminating) && tasks.equals(other.tasks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outcome, message, stayQueued, pending, running, terminating, tasks);
  }

  @Override
  public String toString() {
    return "RunScript{" + (stayQueued ? "stuckInQueue" : outcome.name())
        + (message.isEmpty() ? "" : ", message=" + message)
        + (pending == null ? "" : ", pending=" + pending)
        + (running == null ? "" : ", running=" + running)
        + (terminating == null ? "" : ", terminating=" + terminating)
        + (tasks.isEmpty() ? "" : ", tasks=" + tasks) + "}";
  }
}
