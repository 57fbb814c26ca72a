package io.github.dbexec;

import io.github.dbexec.internal.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one run, as {@code runs/get} or {@code runs/list} returned it. Immutable and thread-safe.
 *
 * <p>Times are milliseconds since the epoch and durations milliseconds, as the Jobs API gives them; a value the
 * server did not send (or sent as 0, as {@code end_time} while running) is absent. States unknown to this version of
 * dbexec are {@link RunLifeCycleState#UNKNOWN} / {@link RunResultState#UNKNOWN}, with the raw string kept in
 * {@link #rawLifeCycleState()} / {@link #rawResultState()}.
 */
public final class Run {
  private final long runId;
  private final @Nullable Long jobId;
  private final @Nullable Long numberInJob;
  private final @Nullable String runName;
  private final @Nullable String runType;
  private final @Nullable String trigger;
  private final @Nullable String runPageUrl;
  private final @Nullable String rawLifeCycleState;
  private final @Nullable String rawResultState;
  private final @Nullable String stateMessage;
  private final boolean userCancelledOrTimedout;
  private final @Nullable String queueReason;
  private final @Nullable String statusState;
  private final @Nullable String queueCode;
  private final @Nullable String terminationCode;
  private final @Nullable String terminationType;
  private final @Nullable String terminationMessage;
  private final @Nullable Long startTime;
  private final @Nullable Long endTime;
  private final @Nullable Long queueDuration;
  private final @Nullable Long setupDuration;
  private final @Nullable Long executionDuration;
  private final @Nullable Long cleanupDuration;
  private final @Nullable Long runDuration;
  private final List<RunTask> tasks;

  private Run(Wire.Run w, long runId) {
    this.runId = runId;
    this.jobId = w.jobId;
    this.numberInJob = w.numberInJob;
    this.runName = w.runName;
    this.runType = w.runType;
    this.trigger = w.trigger;
    this.runPageUrl = w.runPageUrl;
    Wire.RunState s = w.state;
    this.rawLifeCycleState = s == null ? null : s.lifeCycleState;
    this.rawResultState = s == null ? null : s.resultState;
    this.stateMessage = s == null ? null : emptyToNull(s.stateMessage);
    this.userCancelledOrTimedout = s != null && Boolean.TRUE.equals(s.userCancelledOrTimedout);
    this.queueReason = s == null ? null : emptyToNull(s.queueReason);
    Wire.RunStatus st = w.status;
    this.statusState = st == null ? null : st.state;
    this.queueCode = st == null || st.queueDetails == null ? null : st.queueDetails.code;
    Wire.Details t = st == null ? null : st.terminationDetails;
    this.terminationCode = t == null ? null : t.code;
    this.terminationType = t == null ? null : t.type;
    this.terminationMessage = t == null ? null : emptyToNull(t.message);
    this.startTime = positive(w.startTime);
    this.endTime = positive(w.endTime);
    this.queueDuration = w.queueDuration;
    this.setupDuration = w.setupDuration;
    this.executionDuration = w.executionDuration;
    this.cleanupDuration = w.cleanupDuration;
    this.runDuration = w.runDuration;
    List<RunTask> t2 = new ArrayList<>();
    if (w.tasks != null) {
      for (Wire.Task task : w.tasks) {
        if (task.runId != null) {
          t2.add(new RunTask(task.taskKey == null ? "" : task.taskKey, task.runId,
              RunLifeCycleState.fromWire(task.state == null ? null : task.state.lifeCycleState),
              RunResultState.fromWire(task.state == null ? null : task.state.resultState)));
        }
      }
    }
    this.tasks = List.copyOf(t2);
  }

  /**
   * Reads a wire run; dbexec calls this, users get runs from the executor.
   *
   * @throws DatabricksTransportException when the run has no {@code run_id}
   */
  static Run from(Wire.Run w, String endpoint) {
    if (w.runId == null) {
      throw new DatabricksTransportException(endpoint + " answered a run without run_id", 200, false, null);
    }
    return new Run(w, w.runId);
  }

  /** {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** {@code job_id}; absent for a one-time run's snapshot when the server omits it. */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /** {@code number_in_job}. */
  public OptionalLong numberInJob() {
    return numberInJob == null ? OptionalLong.empty() : OptionalLong.of(numberInJob);
  }

  /** {@code run_name}. */
  public Optional<String> runName() {
    return Optional.ofNullable(runName);
  }

  /** {@code run_type}: {@code JOB_RUN}, {@code SUBMIT_RUN} or {@code WORKFLOW_RUN}. */
  public Optional<String> runType() {
    return Optional.ofNullable(runType);
  }

  /** {@code trigger}, e.g. {@code ONE_TIME} for run-now, {@code PERIODIC}, {@code RETRY}. */
  public Optional<String> trigger() {
    return Optional.ofNullable(trigger);
  }

  /** {@code run_page_url}: the run's page in the workspace UI. */
  public Optional<String> runPageUrl() {
    return Optional.ofNullable(runPageUrl);
  }

  /** {@code state.life_cycle_state}; UNKNOWN for a value dbexec does not know. */
  public RunLifeCycleState lifeCycleState() {
    return RunLifeCycleState.fromWire(rawLifeCycleState);
  }

  /** {@code state.life_cycle_state} exactly as sent. */
  public Optional<String> rawLifeCycleState() {
    return Optional.ofNullable(rawLifeCycleState);
  }

  /** {@code state.result_state}; present only once the run is terminal. */
  public Optional<RunResultState> resultState() {
    return Optional.ofNullable(RunResultState.fromWire(rawResultState));
  }

  /** {@code state.result_state} exactly as sent. */
  public Optional<String> rawResultState() {
    return Optional.ofNullable(rawResultState);
  }

  /** {@code state.state_message}: free text, e.g. an error or why a run was skipped. */
  public Optional<String> stateMessage() {
    return Optional.ofNullable(stateMessage);
  }

  /** {@code state.user_cancelled_or_timedout}. */
  public boolean userCancelledOrTimedout() {
    return userCancelledOrTimedout;
  }

  /** {@code state.queue_reason}, while queued. */
  public Optional<String> queueReason() {
    return Optional.ofNullable(queueReason);
  }

  /** {@code status.state}: BLOCKED, PENDING, QUEUED, RUNNING, TERMINATING, TERMINATED or WAITING. */
  public Optional<String> statusState() {
    return Optional.ofNullable(statusState);
  }

  /** {@code status.queue_details.code}, e.g. {@code MAX_CONCURRENT_RUNS_REACHED}, while queued. */
  public Optional<String> queueCode() {
    return Optional.ofNullable(queueCode);
  }

  /** {@code status.termination_details.code}, e.g. {@code SUCCESS}, {@code RUN_EXECUTION_ERROR}. */
  public Optional<String> terminationCode() {
    return Optional.ofNullable(terminationCode);
  }

  /** {@code status.termination_details.type}: SUCCESS, INTERNAL_ERROR, CLIENT_ERROR or CLOUD_FAILURE. */
  public Optional<String> terminationType() {
    return Optional.ofNullable(terminationType);
  }

  /** {@code status.termination_details.message}. */
  public Optional<String> terminationMessage() {
    return Optional.ofNullable(terminationMessage);
  }

  /** {@code start_time}, milliseconds since the epoch. */
  public OptionalLong startTime() {
    return optional(startTime);
  }

  /** {@code end_time}, milliseconds since the epoch; absent while the run is active. */
  public OptionalLong endTime() {
    return optional(endTime);
  }

  /** {@code queue_duration}, milliseconds spent queued. */
  public OptionalLong queueDuration() {
    return optional(queueDuration);
  }

  /** {@code setup_duration}, milliseconds (0 for multitask runs). */
  public OptionalLong setupDuration() {
    return optional(setupDuration);
  }

  /** {@code execution_duration}, milliseconds (0 for multitask runs). */
  public OptionalLong executionDuration() {
    return optional(executionDuration);
  }

  /** {@code cleanup_duration}, milliseconds (0 for multitask runs). */
  public OptionalLong cleanupDuration() {
    return optional(cleanupDuration);
  }

  /** {@code run_duration}, milliseconds from start to end. */
  public OptionalLong runDuration() {
    return optional(runDuration);
  }

  /**
   * The run's tasks ({@code tasks[]}), each with its own task run id; empty when the server did not list them.
   * {@link DatabricksExecutor#runOutput(long)} takes a task run id.
   */
  public List<RunTask> tasks() {
    return tasks;
  }

  /** True when the run will not change any more (TERMINATED, SKIPPED, INTERNAL_ERROR). */
  public boolean isTerminal() {
    return lifeCycleState().isTerminal();
  }

  private static OptionalLong optional(@Nullable Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static @Nullable Long positive(@Nullable Long v) {
    return v == null || v <= 0 ? null : v;
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Run)) {
      return false;
    }
    Run r = (Run) o;
    return runId == r.runId
        && userCancelledOrTimedout == r.userCancelledOrTimedout
        && Objects.equals(jobId, r.jobId)
        && Objects.equals(numberInJob, r.numberInJob)
        && Objects.equals(runName, r.runName)
        && Objects.equals(runType, r.runType)
        && Objects.equals(trigger, r.trigger)
        && Objects.equals(runPageUrl, r.runPageUrl)
        && Objects.equals(rawLifeCycleState, r.rawLifeCycleState)
        && Objects.equals(rawResultState, r.rawResultState)
        && Objects.equals(stateMessage, r.stateMessage)
        && Objects.equals(queueReason, r.queueReason)
        && Objects.equals(statusState, r.statusState)
        && Objects.equals(queueCode, r.queueCode)
        && Objects.equals(terminationCode, r.terminationCode)
        && Objects.equals(terminationType, r.terminationType)
        && Objects.equals(terminationMessage, r.terminationMessage)
        && Objects.equals(startTime, r.startTime)
        && Objects.equals(endTime, r.endTime)
        && Objects.equals(queueDuration, r.queueDuration)
        && Objects.equals(setupDuration, r.setupDuration)
        && Objects.equals(executionDuration, r.executionDuration)
        && Objects.equals(cleanupDuration, r.cleanupDuration)
        && Objects.equals(runDuration, r.runDuration)
        && tasks.equals(r.tasks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, rawLifeCycleState, rawResultState, statusState, startTime, endTime);
  }

  @Override
  public String toString() {
    return "Run{runId=" + runId
        + (jobId == null ? "" : ", jobId=" + jobId)
        + ", lifeCycleState=" + rawLifeCycleState
        + (rawResultState == null ? "" : ", resultState=" + rawResultState)
        + (stateMessage == null ? "" : ", stateMessage=" + stateMessage)
        + '}';
  }
}
