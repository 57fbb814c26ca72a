package io.github.dbexec;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one run, as {@code runs/get} or {@code runs/list} returned it. Immutable and thread-safe.
 *
 * <p>Times are milliseconds since the epoch and durations milliseconds, as the Jobs API gives them; a value the
 * server did not send (or sent as 0, as {@code end_time} while running) is null. States unknown to this version of
 * dbexec are {@link RunLifeCycleState#UNKNOWN} / {@link RunResultState#UNKNOWN}, with the raw string kept in
 * {@link #rawLifeCycleState()} / {@link #rawResultState()}.
 *
 * @param runId {@code run_id}
 * @param jobId {@code job_id}; null for a one-time run's snapshot when the server omits it
 * @param numberInJob {@code number_in_job}
 * @param runName {@code run_name}
 * @param runType {@code run_type}: {@code JOB_RUN}, {@code SUBMIT_RUN} or {@code WORKFLOW_RUN}
 * @param trigger {@code trigger}, e.g. {@code ONE_TIME} for run-now, {@code PERIODIC}, {@code RETRY}
 * @param runPageUrl {@code run_page_url}: the run's page in the workspace UI
 * @param rawLifeCycleState {@code state.life_cycle_state} exactly as sent
 * @param rawResultState {@code state.result_state} exactly as sent; null until the run is terminal
 * @param stateMessage {@code state.state_message}: free text, e.g. an error or why a run was skipped
 * @param userCancelledOrTimedout {@code state.user_cancelled_or_timedout}
 * @param queueReason {@code state.queue_reason}, while queued
 * @param statusState {@code status.state}: BLOCKED, PENDING, QUEUED, RUNNING, TERMINATING, TERMINATED or WAITING
 * @param queueCode {@code status.queue_details.code}, e.g. {@code MAX_CONCURRENT_RUNS_REACHED}, while queued
 * @param terminationCode {@code status.termination_details.code}, e.g. {@code SUCCESS}, {@code RUN_EXECUTION_ERROR}
 * @param terminationType {@code status.termination_details.type}: SUCCESS, INTERNAL_ERROR, CLIENT_ERROR or
 *     CLOUD_FAILURE
 * @param terminationMessage {@code status.termination_details.message}
 * @param startTime {@code start_time}, milliseconds since the epoch
 * @param endTime {@code end_time}, milliseconds since the epoch; null while the run is active
 * @param queueDuration {@code queue_duration}, milliseconds spent queued
 * @param setupDuration {@code setup_duration}, milliseconds (0 for multitask runs)
 * @param executionDuration {@code execution_duration}, milliseconds (0 for multitask runs)
 * @param cleanupDuration {@code cleanup_duration}, milliseconds (0 for multitask runs)
 * @param runDuration {@code run_duration}, milliseconds from start to end
 * @param tasks the run's tasks ({@code tasks[]}), each with its own task run id; empty when the server did not list
 *     them. {@link DatabricksExecutor#runOutput(long)} takes a task run id.
 */
public record Run(
    long runId,
    @Nullable Long jobId,
    @Nullable Long numberInJob,
    @Nullable String runName,
    @Nullable String runType,
    @Nullable String trigger,
    @Nullable String runPageUrl,
    @Nullable String rawLifeCycleState,
    @Nullable String rawResultState,
    @Nullable String stateMessage,
    boolean userCancelledOrTimedout,
    @Nullable String queueReason,
    @Nullable String statusState,
    @Nullable String queueCode,
    @Nullable String terminationCode,
    @Nullable String terminationType,
    @Nullable String terminationMessage,
    @Nullable Long startTime,
    @Nullable Long endTime,
    @Nullable Long queueDuration,
    @Nullable Long setupDuration,
    @Nullable Long executionDuration,
    @Nullable Long cleanupDuration,
    @Nullable Long runDuration,
    List<RunTask> tasks) {
  /**
   * Copies the tasks.
   * @param runId {@code run_id}
   * @param jobId {@code job_id}; null for a one-time run's snapshot when the server omits it
   * @param numberInJob {@code number_in_job}
   * @param runName {@code run_name}
   * @param runType {@code run_type}: {@code JOB_RUN}, {@code SUBMIT_RUN} or {@code WORKFLOW_RUN}
   * @param trigger {@code trigger}, e.g. {@code ONE_TIME} for run-now, {@code PERIODIC}, {@code RETRY}
   * @param runPageUrl {@code run_page_url}: the run's page in the workspace UI
   * @param rawLifeCycleState {@code state.life_cycle_state} exactly as sent
   * @param rawResultState {@code state.result_state} exactly as sent; null until the run is terminal
   * @param stateMessage {@code state.state_message}: free text, e.g. an error or why a run was skipped
   * @param userCancelledOrTimedout {@code state.user_cancelled_or_timedout}
   * @param queueReason {@code state.queue_reason}, while queued
   * @param statusState {@code status.state}: BLOCKED, PENDING, QUEUED, RUNNING, TERMINATING, TERMINATED or WAITING
   * @param queueCode {@code status.queue_details.code}, e.g. {@code MAX_CONCURRENT_RUNS_REACHED}, while queued
   * @param terminationCode {@code status.termination_details.code}, e.g. {@code SUCCESS}, {@code RUN_EXECUTION_ERROR}
   * @param terminationType {@code status.termination_details.type}: SUCCESS, INTERNAL_ERROR, CLIENT_ERROR or
   *     CLOUD_FAILURE
   * @param terminationMessage {@code status.termination_details.message}
   * @param startTime {@code start_time}, milliseconds since the epoch
   * @param endTime {@code end_time}, milliseconds since the epoch; null while the run is active
   * @param queueDuration {@code queue_duration}, milliseconds spent queued
   * @param setupDuration {@code setup_duration}, milliseconds (0 for multitask runs)
   * @param executionDuration {@code execution_duration}, milliseconds (0 for multitask runs)
   * @param cleanupDuration {@code cleanup_duration}, milliseconds (0 for multitask runs)
   * @param runDuration {@code run_duration}, milliseconds from start to end
   * @param tasks the run's tasks ({@code tasks[]}), each with its own task run id; empty when the server did not list
   *     them. {@link DatabricksExecutor#runOutput(long)} takes a task run id.
   */
  public Run {
    tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
  }

  /** {@return {@code state.life_cycle_state}; UNKNOWN for a value dbexec does not know (or none)} */
  public RunLifeCycleState lifeCycleState() {
    return RunLifeCycleState.fromWire(rawLifeCycleState);
  }

  /** {@return {@code state.result_state}; null until the run is terminal, UNKNOWN for a value dbexec does not know} */
  public @Nullable RunResultState resultState() {
    return RunResultState.fromWire(rawResultState);
  }

  /** {@return true when the run will not change any more (TERMINATED, SKIPPED, INTERNAL_ERROR)} */
  public boolean isTerminal() {
    return lifeCycleState().isTerminal();
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
