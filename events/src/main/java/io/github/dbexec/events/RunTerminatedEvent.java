package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.FieldReader;
import io.github.dbexec.events.internal.RecordFields;
import io.github.dbexec.events.internal.ToString;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor watched reached a terminal life-cycle state (TERMINATED, SKIPPED, INTERNAL_ERROR).
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code life_cycle_state},
 * {@code result_state}, {@code termination_code}, {@code termination_type}, {@code state_message},
 * {@code start_time}, {@code end_time} (epoch ms), {@code queue_duration}, {@code setup_duration},
 * {@code execution_duration}, {@code cleanup_duration}, {@code run_duration} (ms). Times and durations are
 * always written; as in the Jobs API, 0 means "not reported" (multi-task runs report 0 for the setup,
 * execution and cleanup durations and use {@code run_duration}). Immutable and thread-safe.
 */
public final class RunTerminatedEvent implements ExecutorEvent {
  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunTerminatedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  private final long runId;
  private final @Nullable Long jobId;
  private final String lifeCycleState;
  private final @Nullable String resultState;
  private final @Nullable String terminationCode;
  private final @Nullable String terminationType;
  private final @Nullable String stateMessage;
  private final long startTime;
  private final long endTime;
  private final long queueDuration;
  private final long setupDuration;
  private final long executionDuration;
  private final long cleanupDuration;
  private final long runDuration;
  private final long creationTimestamp;

  private RunTerminatedEvent(Builder b) {
    runId = Checks.positive(Checks.required(b.runId, "runId", "the run's run_id"), "runId");
    jobId = Checks.positive(b.jobId, "jobId");
    lifeCycleState = Checks.notBlank(Checks.required(b.lifeCycleState, "lifeCycleState"), "lifeCycleState");
    resultState = b.resultState;
    terminationCode = b.terminationCode;
    terminationType = b.terminationType;
    stateMessage = b.stateMessage;
    startTime = Checks.notNegative(b.startTime, "startTime");
    endTime = Checks.notNegative(b.endTime, "endTime");
    queueDuration = Checks.notNegative(b.queueDuration, "queueDuration");
    setupDuration = Checks.notNegative(b.setupDuration, "setupDuration");
    executionDuration = Checks.notNegative(b.executionDuration, "executionDuration");
    cleanupDuration = Checks.notNegative(b.cleanupDuration, "cleanupDuration");
    runDuration = Checks.notNegative(b.runDuration, "runDuration");
    creationTimestamp = Checks.notNegative(
        Checks.required(b.creationTimestamp, "creationTimestamp", "epoch ms"), "creationTimestamp");
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this event's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  static RunTerminatedEvent fromRecord(FieldReader f, long created) {
    return builder()
        .runId(f.requireLong("run_id"))
        .jobId(f.optLong("job_id"))
        .lifeCycleState(f.requireString("life_cycle_state"))
        .resultState(f.optString("result_state"))
        .terminationCode(f.optString("termination_code"))
        .terminationType(f.optString("termination_type"))
        .stateMessage(f.optString("state_message"))
        .startTime(f.optLong("start_time", 0))
        .endTime(f.optLong("end_time", 0))
        .queueDuration(f.optLong("queue_duration", 0))
        .setupDuration(f.optLong("setup_duration", 0))
        .executionDuration(f.optLong("execution_duration", 0))
        .cleanupDuration(f.optLong("cleanup_duration", 0))
        .runDuration(f.optLong("run_duration", 0))
        .creationTimestamp(created)
        .build();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public long creationTimestamp() {
    return creationTimestamp;
  }

  @Override
  public EventRecord toRecord() {
    return EventRecord.of(TYPE, VERSION, creationTimestamp, new RecordFields()
        .put("run_id", runId)
        .put("job_id", jobId)
        .put("life_cycle_state", lifeCycleState)
        .put("result_state", resultState)
        .put("termination_code", terminationCode)
        .put("termination_type", terminationType)
        .put("state_message", stateMessage)
        .put("start_time", startTime)
        .put("end_time", endTime)
        .put("queue_duration", queueDuration)
        .put("setup_duration", setupDuration)
        .put("execution_duration", executionDuration)
        .put("cleanup_duration", cleanupDuration)
        .put("run_duration", runDuration)
        .toMap());
  }

  /** The run; Jobs API {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** The run's job; Jobs API {@code job_id}. Absent for one-time runs. */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /** The terminal state; Jobs API {@code state.life_cycle_state}, e.g. {@code TERMINATED}. */
  public String lifeCycleState() {
    return lifeCycleState;
  }

  /** Jobs API {@code state.result_state}, e.g. {@code SUCCESS}, {@code FAILED}, {@code CANCELED}. */
  public Optional<String> resultState() {
    return Optional.ofNullable(resultState);
  }

  /** {@code true} when {@link #resultState()} is {@code SUCCESS}. */
  public boolean isSuccess() {
    return "SUCCESS".equals(resultState);
  }

  /** Jobs API {@code status.termination_details.code}, e.g. {@code SUCCESS}, {@code USER_CANCELED}. */
  public Optional<String> terminationCode() {
    return Optional.ofNullable(terminationCode);
  }

  /** Jobs API {@code status.termination_details.type}, e.g. {@code SUCCESS}, {@code CLIENT_ERROR}. */
  public Optional<String> terminationType() {
    return Optional.ofNullable(terminationType);
  }

  /** Jobs API {@code state.state_message}, free text. */
  public Optional<String> stateMessage() {
    return Optional.ofNullable(stateMessage);
  }

  /** Jobs API {@code start_time}, epoch milliseconds; 0 when not reported. */
  public long startTime() {
    return startTime;
  }

  /** Jobs API {@code end_time}, epoch milliseconds; 0 when not reported. */
  public long endTime() {
    return endTime;
  }

  /** Jobs API {@code queue_duration}, milliseconds spent queued; 0 when not reported. */
  public long queueDuration() {
    return queueDuration;
  }

  /** Jobs API {@code setup_duration}, milliseconds; 0 when not reported (always 0 for multi-task runs). */
  public long setupDuration() {
    return setupDuration;
  }

  /** Jobs API {@code execution_duration}, milliseconds; 0 when not reported (multi-task runs). */
  public long executionDuration() {
    return executionDuration;
  }

  /** Jobs API {@code cleanup_duration}, milliseconds; 0 when not reported (multi-task runs). */
  public long cleanupDuration() {
    return cleanupDuration;
  }

  /** Jobs API {@code run_duration}, milliseconds from start to end; 0 when not reported. */
  public long runDuration() {
    return runDuration;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RunTerminatedEvent)) {
      return false;
    }
    RunTerminatedEvent e = (RunTerminatedEvent) o;
    return runId == e.runId && creationTimestamp == e.creationTimestamp && Objects.equals(jobId, e.jobId)
        && lifeCycleState.equals(e.lifeCycleState) && Objects.equals(resultState, e.resultState)
        && Objects.equals(terminationCode, e.terminationCode) && Objects.equals(terminationType, e.terminationType)
        && Objects.equals(stateMessage, e.stateMessage) && startTime == e.startTime && endTime == e.endTime
        && queueDuration == e.queueDuration && setupDuration == e.setupDuration
        && executionDuration == e.executionDuration && cleanupDuration == e.cleanupDuration
        && runDuration == e.runDuration;
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, lifeCycleState, resultState, terminationCode, terminationType,
        stateMessage, startTime, endTime, queueDuration, setupDuration, executionDuration, cleanupDuration,
        runDuration, creationTimestamp);
  }

  @Override
  public String toString() {
    return new ToString(TYPE).add("runId", runId).add("jobId", jobId).add("lifeCycleState", lifeCycleState)
        .add("resultState", resultState).add("terminationCode", terminationCode)
        .add("terminationType", terminationType).add("stateMessage", stateMessage)
        .add("startTime", startTime).add("endTime", endTime).add("queueDuration", queueDuration)
        .add("setupDuration", setupDuration).add("executionDuration", executionDuration)
        .add("cleanupDuration", cleanupDuration).add("runDuration", runDuration)
        .add("creationTimestamp", creationTimestamp).toString();
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
      creationTimestamp = e.creationTimestamp;
    }

    /** Required; the run's {@code run_id}, {@code > 0}. */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /** The run's job, {@code > 0}; unset for one-time runs. */
    public Builder jobId(long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The run's job, {@code > 0}; {@code null} (the default) for one-time runs. */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** Required; the terminal {@code state.life_cycle_state}, not blank. */
    public Builder lifeCycleState(@Nullable String lifeCycleState) {
      this.lifeCycleState = lifeCycleState;
      return this;
    }

    /** {@code state.result_state}; default none. */
    public Builder resultState(@Nullable String resultState) {
      this.resultState = resultState;
      return this;
    }

    /** {@code status.termination_details.code}; default none. */
    public Builder terminationCode(@Nullable String terminationCode) {
      this.terminationCode = terminationCode;
      return this;
    }

    /** {@code status.termination_details.type}; default none. */
    public Builder terminationType(@Nullable String terminationType) {
      this.terminationType = terminationType;
      return this;
    }

    /** {@code state.state_message}; default none. */
    public Builder stateMessage(@Nullable String stateMessage) {
      this.stateMessage = stateMessage;
      return this;
    }

    /** {@code start_time}, epoch milliseconds {@code >= 0}; default 0 (not reported). */
    public Builder startTime(long startTime) {
      this.startTime = startTime;
      return this;
    }

    /** {@code end_time}, epoch milliseconds {@code >= 0}; default 0 (not reported). */
    public Builder endTime(long endTime) {
      this.endTime = endTime;
      return this;
    }

    /** {@code queue_duration}, milliseconds {@code >= 0}; default 0. */
    public Builder queueDuration(long queueDuration) {
      this.queueDuration = queueDuration;
      return this;
    }

    /** {@code setup_duration}, milliseconds {@code >= 0}; default 0. */
    public Builder setupDuration(long setupDuration) {
      this.setupDuration = setupDuration;
      return this;
    }

    /** {@code execution_duration}, milliseconds {@code >= 0}; default 0. */
    public Builder executionDuration(long executionDuration) {
      this.executionDuration = executionDuration;
      return this;
    }

    /** {@code cleanup_duration}, milliseconds {@code >= 0}; default 0. */
    public Builder cleanupDuration(long cleanupDuration) {
      this.cleanupDuration = cleanupDuration;
      return this;
    }

    /** {@code run_duration}, milliseconds {@code >= 0}; default 0. */
    public Builder runDuration(long runDuration) {
      this.runDuration = runDuration;
      return this;
    }

    /** Required; when the event was created, epoch milliseconds {@code >= 0}. */
    public Builder creationTimestamp(long creationTimestamp) {
      this.creationTimestamp = creationTimestamp;
      return this;
    }

    /**
     * The event.
     *
     * @throws IllegalStateException if {@code runId}, {@code lifeCycleState} or {@code creationTimestamp}
     *     is unset
     * @throws IllegalArgumentException if a value is negative or blank (the message names it)
     */
    public RunTerminatedEvent build() {
      return new RunTerminatedEvent(this);
    }
  }
}
