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
 * A run the executor watches moved to a new life-cycle state (for example QUEUED to PENDING to RUNNING),
 * as seen while polling {@code runs/get}.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id},
 * {@code previous_life_cycle_state}, {@code life_cycle_state}, {@code status_state}, {@code state_message}.
 * States are strings, so states Databricks adds later pass through. Immutable and thread-safe.
 */
public final class RunStateChangedEvent implements ExecutorEvent {
  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunStateChangedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  private final long runId;
  private final @Nullable Long jobId;
  private final @Nullable String previousLifeCycleState;
  private final String lifeCycleState;
  private final @Nullable String statusState;
  private final @Nullable String stateMessage;
  private final long creationTimestamp;

  private RunStateChangedEvent(Builder b) {
    runId = Checks.positive(Checks.required(b.runId, "runId", "the run's run_id"), "runId");
    jobId = Checks.positive(b.jobId, "jobId");
    previousLifeCycleState = b.previousLifeCycleState;
    lifeCycleState = Checks.notBlank(Checks.required(b.lifeCycleState, "lifeCycleState"), "lifeCycleState");
    statusState = b.statusState;
    stateMessage = b.stateMessage;
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

  static RunStateChangedEvent fromRecord(FieldReader f, long created) {
    return builder()
        .runId(f.requireLong("run_id"))
        .jobId(f.optLong("job_id"))
        .previousLifeCycleState(f.optString("previous_life_cycle_state"))
        .lifeCycleState(f.requireString("life_cycle_state"))
        .statusState(f.optString("status_state"))
        .stateMessage(f.optString("state_message"))
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
        .put("previous_life_cycle_state", previousLifeCycleState)
        .put("life_cycle_state", lifeCycleState)
        .put("status_state", statusState)
        .put("state_message", stateMessage)
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

  /** The state before; absent for the first state the executor saw. */
  public Optional<String> previousLifeCycleState() {
    return Optional.ofNullable(previousLifeCycleState);
  }

  /** The new state; Jobs API {@code state.life_cycle_state}, e.g. {@code RUNNING}. */
  public String lifeCycleState() {
    return lifeCycleState;
  }

  /** Jobs API {@code status.state} (the newer status object), e.g. {@code RUNNING}. */
  public Optional<String> statusState() {
    return Optional.ofNullable(statusState);
  }

  /** Jobs API {@code state.state_message}, free text. */
  public Optional<String> stateMessage() {
    return Optional.ofNullable(stateMessage);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RunStateChangedEvent)) {
      return false;
    }
    RunStateChangedEvent e = (RunStateChangedEvent) o;
    return runId == e.runId && creationTimestamp == e.creationTimestamp && Objects.equals(jobId, e.jobId)
        && Objects.equals(previousLifeCycleState, e.previousLifeCycleState)
        && lifeCycleState.equals(e.lifeCycleState) && Objects.equals(statusState, e.statusState)
        && Objects.equals(stateMessage, e.stateMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, previousLifeCycleState, lifeCycleState, statusState, stateMessage,
        creationTimestamp);
  }

  @Override
  public String toString() {
    return new ToString(TYPE).add("runId", runId).add("jobId", jobId)
        .add("previousLifeCycleState", previousLifeCycleState).add("lifeCycleState", lifeCycleState)
        .add("statusState", statusState).add("stateMessage", stateMessage)
        .add("creationTimestamp", creationTimestamp).toString();
  }

  /** Builds a {@link RunStateChangedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private @Nullable String previousLifeCycleState;
    private @Nullable String lifeCycleState;
    private @Nullable String statusState;
    private @Nullable String stateMessage;
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(RunStateChangedEvent e) {
      runId = e.runId;
      jobId = e.jobId;
      previousLifeCycleState = e.previousLifeCycleState;
      lifeCycleState = e.lifeCycleState;
      statusState = e.statusState;
      stateMessage = e.stateMessage;
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

    /** The state before; {@code null} (the default) for the first state seen. */
    public Builder previousLifeCycleState(@Nullable String previousLifeCycleState) {
      this.previousLifeCycleState = previousLifeCycleState;
      return this;
    }

    /** Required; the new {@code state.life_cycle_state}, not blank. */
    public Builder lifeCycleState(@Nullable String lifeCycleState) {
      this.lifeCycleState = lifeCycleState;
      return this;
    }

    /** {@code status.state}; default none. */
    public Builder statusState(@Nullable String statusState) {
      this.statusState = statusState;
      return this;
    }

    /** {@code state.state_message}; default none. */
    public Builder stateMessage(@Nullable String stateMessage) {
      this.stateMessage = stateMessage;
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
     * @throws IllegalArgumentException if a value is out of range or blank (the message names it)
     */
    public RunStateChangedEvent build() {
      return new RunStateChangedEvent(this);
    }
  }
}
