package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor watched reached a terminal life-cycle state (TERMINATED, SKIPPED, INTERNAL_ERROR).
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code life_cycle_state},
 * {@code result_state}, {@code termination_code}, {@code termination_type}, {@code state_message},
 * {@code start_time}, {@code end_time} (epoch ms), {@code queue_duration}, {@code setup_duration},
 * {@code execution_duration}, {@code cleanup_duration}, {@code run_duration} (ms); and, when the writer knew them,
 * {@code failure_kind} and {@code tasks} (a list of objects, one per task, see {@link Task}; both optional, so
 * older records read as before). Times and durations are
 * always present and always written: they are the Jobs API's own values, and as in the Jobs API 0 means
 * "not reported" (multi-task runs report 0 for the setup, execution and cleanup durations and use
 * {@code run_duration}). Immutable and thread-safe. Build one with {@link #builder()}.
 *
 * @param runId the run, {@code > 0}; Jobs API {@code run_id}
 * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
 * @param lifeCycleState the terminal state, not blank; Jobs API {@code state.life_cycle_state}, for example
 *     {@code TERMINATED}
 * @param resultState Jobs API {@code state.result_state}, for example {@code SUCCESS}, {@code FAILED},
 *     {@code CANCELED}; {@code null} when not reported
 * @param terminationCode Jobs API {@code status.termination_details.code}, for example {@code SUCCESS},
 *     {@code USER_CANCELED}; {@code null} when not reported
 * @param terminationType Jobs API {@code status.termination_details.type}, for example {@code SUCCESS},
 *     {@code CLIENT_ERROR}; {@code null} when not reported
 * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
 *     not reported
 * @param startTime Jobs API {@code start_time}, epoch milliseconds {@code >= 0}; 0 when not reported
 * @param endTime Jobs API {@code end_time}, epoch milliseconds {@code >= 0}; 0 when not reported
 * @param queueDuration Jobs API {@code queue_duration}, milliseconds spent queued; 0 when not reported
 * @param setupDuration Jobs API {@code setup_duration}, milliseconds; 0 when not reported (always 0 for
 *     multi-task runs)
 * @param executionDuration Jobs API {@code execution_duration}, milliseconds; 0 when not reported
 *     (multi-task runs)
 * @param cleanupDuration Jobs API {@code cleanup_duration}, milliseconds; 0 when not reported (multi-task
 *     runs)
 * @param runDuration Jobs API {@code run_duration}, milliseconds from start to end; 0 when not reported
 * @param failureKind who made the run fail, as dbexec's {@code RunResult.failureKind()} tells it: {@code TASK}
 *     (the job's own work), {@code PLATFORM} (Databricks or the cloud), {@code NONE} (it did not fail),
 *     {@code UNKNOWN}; {@code null} when not reported (records written before task-level results)
 * @param tasks every task of the run ({@code tasks[]}) with its states, attempt, timings and, for a failed task,
 *     its error; empty for a run without tasks or a record written before task-level results
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record RunTerminatedEvent(
    long runId,
    @Nullable Long jobId,
    String lifeCycleState,
    @Nullable String resultState,
    @Nullable String terminationCode,
    @Nullable String terminationType,
    @Nullable String stateMessage,
    long startTime,
    long endTime,
    long queueDuration,
    long setupDuration,
    long executionDuration,
    long cleanupDuration,
    long runDuration,
    @Nullable String failureKind,
    List<Task> tasks,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunTerminatedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * Checks ranges.
   *
   * @param runId the run, {@code > 0}; Jobs API {@code run_id}
   * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
   * @param lifeCycleState the terminal state, not blank; Jobs API {@code state.life_cycle_state}, for example
   *     {@code TERMINATED}
   * @param resultState Jobs API {@code state.result_state}, for example {@code SUCCESS}, {@code FAILED},
   *     {@code CANCELED}; {@code null} when not reported
   * @param terminationCode Jobs API {@code status.termination_details.code}, for example {@code SUCCESS},
   *     {@code USER_CANCELED}; {@code null} when not reported
   * @param terminationType Jobs API {@code status.termination_details.type}, for example {@code SUCCESS},
   *     {@code CLIENT_ERROR}; {@code null} when not reported
   * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
   *     not reported
   * @param startTime Jobs API {@code start_time}, epoch milliseconds {@code >= 0}; 0 when not reported
   * @param endTime Jobs API {@code end_time}, epoch milliseconds {@code >= 0}; 0 when not reported
   * @param queueDuration Jobs API {@code queue_duration}, milliseconds spent queued; 0 when not reported
   * @param setupDuration Jobs API {@code setup_duration}, milliseconds; 0 when not reported (always 0 for
   *     multi-task runs)
   * @param executionDuration Jobs API {@code execution_duration}, milliseconds; 0 when not reported
   *     (multi-task runs)
   * @param cleanupDuration Jobs API {@code cleanup_duration}, milliseconds; 0 when not reported (multi-task
   *     runs)
   * @param runDuration Jobs API {@code run_duration}, milliseconds from start to end; 0 when not reported
   * @param failureKind {@code TASK}, {@code PLATFORM}, {@code NONE} or {@code UNKNOWN}; {@code null} when not
   *     reported
   * @param tasks every task of the run, copied; not null
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range or blank (the message names it)
   */
  public RunTerminatedEvent {
    tasks = List.copyOf(Checks.notNull(tasks, "tasks"));
    Checks.positive(runId, "runId");
    Checks.positive(jobId, "jobId");
    Checks.notBlank(lifeCycleState, "lifeCycleState");
    Checks.notNegative(startTime, "startTime");
    Checks.notNegative(endTime, "endTime");
    Checks.notNegative(queueDuration, "queueDuration");
    Checks.notNegative(setupDuration, "setupDuration");
    Checks.notNegative(executionDuration, "executionDuration");
    Checks.notNegative(cleanupDuration, "cleanupDuration");
    Checks.notNegative(runDuration, "runDuration");
    Checks.notNegative(creationTimestamp, "creationTimestamp");
  }

  /**
   * An event without task-level details: no failure kind, no tasks.
   *
   * @param runId the run, {@code > 0}
   * @param jobId the run's job, {@code > 0}; {@code null} for one-time runs
   * @param lifeCycleState the terminal state, not blank
   * @param resultState {@code state.result_state}; {@code null} when not reported
   * @param terminationCode {@code status.termination_details.code}; {@code null} when not reported
   * @param terminationType {@code status.termination_details.type}; {@code null} when not reported
   * @param stateMessage {@code state.state_message}; {@code null} when not reported
   * @param startTime epoch milliseconds; 0 when not reported
   * @param endTime epoch milliseconds; 0 when not reported
   * @param queueDuration milliseconds; 0 when not reported
   * @param setupDuration milliseconds; 0 when not reported
   * @param executionDuration milliseconds; 0 when not reported
   * @param cleanupDuration milliseconds; 0 when not reported
   * @param runDuration milliseconds; 0 when not reported
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range or blank (the message names it)
   */
  public RunTerminatedEvent(long runId, @Nullable Long jobId, String lifeCycleState, @Nullable String resultState,
      @Nullable String terminationCode, @Nullable String terminationType, @Nullable String stateMessage,
      long startTime, long endTime, long queueDuration, long setupDuration, long executionDuration,
      long cleanupDuration, long runDuration, long creationTimestamp) {
    this(runId, jobId, lifeCycleState, resultState, terminationCode, terminationType, stateMessage, startTime,
        endTime, queueDuration, setupDuration, executionDuration, cleanupDuration, runDuration, null, List.of(),
        creationTimestamp);
  }

  /**
   * One task of the terminated run, as the record's {@code tasks} list holds it (an object with the fields
   * {@code task_key}, {@code run_id}, {@code life_cycle_state}, {@code result_state}, {@code attempt_number},
   * {@code start_time}, {@code end_time}, {@code state_message}, {@code error}; absent values left out).
   *
   * @param taskKey Jobs API {@code task_key}, not null
   * @param runId the task run's {@code run_id}, {@code > 0}
   * @param lifeCycleState the task's {@code state.life_cycle_state}; {@code null} when not reported
   * @param resultState the task's {@code state.result_state}; {@code null} when not reported
   * @param attemptNumber the task's {@code attempt_number}, {@code >= 0}: 0 for the first attempt
   * @param startTime the task's {@code start_time}, epoch milliseconds; 0 when not reported
   * @param endTime the task's {@code end_time}, epoch milliseconds; 0 when not reported
   * @param stateMessage the task's {@code state.state_message}, free of secrets; {@code null} when empty
   * @param error a failed task's {@code runs/get-output} {@code error}, free of secrets; {@code null} when not
   *     fetched or none
   */
  public record Task(String taskKey, long runId, @Nullable String lifeCycleState, @Nullable String resultState,
      int attemptNumber, long startTime, long endTime, @Nullable String stateMessage, @Nullable String error) {
    /**
     * Checks ranges.
     *
     * @param taskKey Jobs API {@code task_key}, not null
     * @param runId the task run's {@code run_id}, {@code > 0}
     * @param lifeCycleState the task's {@code state.life_cycle_state}; {@code null} when not reported
     * @param resultState the task's {@code state.result_state}; {@code null} when not reported
     * @param attemptNumber the task's {@code attempt_number}, {@code >= 0}
     * @param startTime the task's {@code start_time}, epoch milliseconds; 0 when not reported
     * @param endTime the task's {@code end_time}, epoch milliseconds; 0 when not reported
     * @param stateMessage the task's {@code state.state_message}; {@code null} when empty
     * @param error a failed task's {@code runs/get-output} {@code error}; {@code null} when none
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public Task {
      Checks.notNull(taskKey, "taskKey");
      Checks.positive(runId, "runId");
      Checks.notNegative(attemptNumber, "attemptNumber");
      Checks.notNegative(startTime, "startTime");
      Checks.notNegative(endTime, "endTime");
    }

    /**
     * {@code true} when the task failed or timed out itself.
     *
     * @return whether {@code result_state} is {@code FAILED} or {@code TIMEDOUT}
     */
    public boolean isFailed() {
      return "FAILED".equals(resultState) || "TIMEDOUT".equals(resultState);
    }
  }

  /**
   * The tasks that failed or timed out themselves ({@link Task#isFailed()}), in order.
   *
   * @return the failed tasks; empty when none did
   */
  public List<Task> failedTasks() {
    return tasks.stream().filter(Task::isFailed).toList();
  }

  /**
   * A new, empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this event's values.
   *
   * @return a new builder holding these values; changing it leaves this value unchanged
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int version() {
    return VERSION;
  }

  /**
   * {@code true} when {@link #resultState()} is {@code SUCCESS}.
   *
   * @return whether the run succeeded
   */
  public boolean isSuccess() {
    return "SUCCESS".equals(resultState);
  }

  /** Builds a {@link RunTerminatedEvent}. Mutable and not thread-safe. Times and durations default to 0. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private @Nullable String lifeCycleState;
    private @Nullable String resultState;
    private @Nullable String terminationCode;
    private @Nullable String terminationType;
    private @Nullable String stateMessage;
    private long startTime;
    private long endTime;
    private long queueDuration;
    private long setupDuration;
    private long executionDuration;
    private long cleanupDuration;
    private long runDuration;
    private @Nullable String failureKind;
    private List<Task> tasks = List.of();
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(RunTerminatedEvent e) {
      runId = e.runId;
      jobId = e.jobId;
      lifeCycleState = e.lifeCycleState;
      resultState = e.resultState;
      terminationCode = e.terminationCode;
      terminationType = e.terminationType;
      stateMessage = e.stateMessage;
      startTime = e.startTime;
      endTime = e.endTime;
      queueDuration = e.queueDuration;
      setupDuration = e.setupDuration;
      executionDuration = e.executionDuration;
      cleanupDuration = e.cleanupDuration;
      runDuration = e.runDuration;
      failureKind = e.failureKind;
      tasks = e.tasks;
      creationTimestamp = e.creationTimestamp;
    }

    /**
     * Required; the run's {@code run_id}, {@code > 0}.
     *
     * @param runId the run, {@code > 0}; Jobs API {@code run_id}
     * @return this builder
     */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /**
     * The run's job, {@code > 0}; {@code null} (the default) for one-time runs.
     *
     * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
     * @return this builder
     */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /**
     * Required; the terminal {@code state.life_cycle_state}, not blank.
     *
     * @param lifeCycleState the terminal state, not blank; Jobs API {@code state.life_cycle_state}, for example
     *     {@code TERMINATED}
     * @return this builder
     */
    public Builder lifeCycleState(@Nullable String lifeCycleState) {
      this.lifeCycleState = lifeCycleState;
      return this;
    }

    /**
     * {@code state.result_state}; default none.
     *
     * @param resultState Jobs API {@code state.result_state}, for example {@code SUCCESS}, {@code FAILED},
     *     {@code CANCELED}; {@code null} when not reported
     * @return this builder
     */
    public Builder resultState(@Nullable String resultState) {
      this.resultState = resultState;
      return this;
    }

    /**
     * {@code status.termination_details.code}; default none.
     *
     * @param terminationCode Jobs API {@code status.termination_details.code}, for example {@code SUCCESS},
     *     {@code USER_CANCELED}; {@code null} when not reported
     * @return this builder
     */
    public Builder terminationCode(@Nullable String terminationCode) {
      this.terminationCode = terminationCode;
      return this;
    }

    /**
     * {@code status.termination_details.type}; default none.
     *
     * @param terminationType Jobs API {@code status.termination_details.type}, for example {@code SUCCESS},
     *     {@code CLIENT_ERROR}; {@code null} when not reported
     * @return this builder
     */
    public Builder terminationType(@Nullable String terminationType) {
      this.terminationType = terminationType;
      return this;
    }

    /**
     * {@code state.state_message}, free of secrets; default none.
     *
     * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
     *     not reported
     * @return this builder
     */
    public Builder stateMessage(@Nullable String stateMessage) {
      this.stateMessage = stateMessage;
      return this;
    }

    /**
     * {@code start_time}, epoch milliseconds {@code >= 0}; default 0 (not reported).
     *
     * @param startTime Jobs API {@code start_time}, epoch milliseconds {@code >= 0}; 0 when not reported
     * @return this builder
     */
    public Builder startTime(long startTime) {
      this.startTime = startTime;
      return this;
    }

    /**
     * {@code end_time}, epoch milliseconds {@code >= 0}; default 0 (not reported).
     *
     * @param endTime Jobs API {@code end_time}, epoch milliseconds {@code >= 0}; 0 when not reported
     * @return this builder
     */
    public Builder endTime(long endTime) {
      this.endTime = endTime;
      return this;
    }

    /**
     * {@code queue_duration}, milliseconds {@code >= 0}; default 0.
     *
     * @param queueDuration Jobs API {@code queue_duration}, milliseconds spent queued; 0 when not reported
     * @return this builder
     */
    public Builder queueDuration(long queueDuration) {
      this.queueDuration = queueDuration;
      return this;
    }

    /**
     * {@code setup_duration}, milliseconds {@code >= 0}; default 0.
     *
     * @param setupDuration Jobs API {@code setup_duration}, milliseconds; 0 when not reported (always 0 for
     *     multi-task runs)
     * @return this builder
     */
    public Builder setupDuration(long setupDuration) {
      this.setupDuration = setupDuration;
      return this;
    }

    /**
     * {@code execution_duration}, milliseconds {@code >= 0}; default 0.
     *
     * @param executionDuration Jobs API {@code execution_duration}, milliseconds; 0 when not reported
     *     (multi-task runs)
     * @return this builder
     */
    public Builder executionDuration(long executionDuration) {
      this.executionDuration = executionDuration;
      return this;
    }

    /**
     * {@code cleanup_duration}, milliseconds {@code >= 0}; default 0.
     *
     * @param cleanupDuration Jobs API {@code cleanup_duration}, milliseconds; 0 when not reported (multi-task
     *     runs)
     * @return this builder
     */
    public Builder cleanupDuration(long cleanupDuration) {
      this.cleanupDuration = cleanupDuration;
      return this;
    }

    /**
     * {@code run_duration}, milliseconds {@code >= 0}; default 0.
     *
     * @param runDuration Jobs API {@code run_duration}, milliseconds from start to end; 0 when not reported
     * @return this builder
     */
    public Builder runDuration(long runDuration) {
      this.runDuration = runDuration;
      return this;
    }

    /**
     * Who made the run fail: {@code TASK}, {@code PLATFORM}, {@code NONE} or {@code UNKNOWN}; default none.
     *
     * @param failureKind the failure kind; {@code null} when not reported
     * @return this builder
     */
    public Builder failureKind(@Nullable String failureKind) {
      this.failureKind = failureKind;
      return this;
    }

    /**
     * Every task of the run; default none.
     *
     * @param tasks the tasks, copied; not null
     * @return this builder
     */
    public Builder tasks(List<Task> tasks) {
      this.tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
      return this;
    }

    /**
     * Required; when the event was created, epoch milliseconds {@code >= 0}.
     *
     * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
     * @return this builder
     */
    public Builder creationTimestamp(long creationTimestamp) {
      this.creationTimestamp = creationTimestamp;
      return this;
    }

    /**
     * The event.
     *
     * @return the new {@link RunTerminatedEvent}
     * @throws IllegalArgumentException if {@code runId}, {@code lifeCycleState} or {@code creationTimestamp}
     *     is unset, or a value is negative or blank (the message names it)
     */
    public RunTerminatedEvent build() {
      return new RunTerminatedEvent(Checks.required(runId, "runId"), jobId,
          Checks.required(lifeCycleState, "lifeCycleState"), resultState, terminationCode, terminationType,
          stateMessage, startTime, endTime, queueDuration, setupDuration, executionDuration, cleanupDuration,
          runDuration, failureKind, tasks, Checks.required(creationTimestamp, "creationTimestamp"));
    }
  }
}
