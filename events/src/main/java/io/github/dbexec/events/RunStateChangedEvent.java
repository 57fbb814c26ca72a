package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor watches moved to a new life-cycle state (for example QUEUED to PENDING to RUNNING),
 * as seen while polling {@code runs/get}.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id},
 * {@code previous_life_cycle_state}, {@code life_cycle_state}, {@code status_state}, {@code state_message}.
 * States are the Jobs API's strings as received, so states Databricks adds later pass through unchanged.
 * Immutable and thread-safe. Build one with {@link #builder()}.
 *
 * @param runId the run, {@code > 0}; Jobs API {@code run_id}
 * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
 * @param previousLifeCycleState the state before; {@code null} for the first state the executor saw
 * @param lifeCycleState the new state, not blank; Jobs API {@code state.life_cycle_state}, for example
 *     {@code RUNNING}
 * @param statusState Jobs API {@code status.state} (the newer status object), for example {@code RUNNING};
 *     {@code null} when not reported
 * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
 *     not reported
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record RunStateChangedEvent(
    long runId,
    @Nullable Long jobId,
    @Nullable String previousLifeCycleState,
    String lifeCycleState,
    @Nullable String statusState,
    @Nullable String stateMessage,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunStateChangedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * Checks ranges.
   *
   * @param runId the run, {@code > 0}; Jobs API {@code run_id}
   * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
   * @param previousLifeCycleState the state before; {@code null} for the first state the executor saw
   * @param lifeCycleState the new state, not blank; Jobs API {@code state.life_cycle_state}, for example
   *     {@code RUNNING}
   * @param statusState Jobs API {@code status.state} (the newer status object), for example {@code RUNNING};
   *     {@code null} when not reported
   * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
   *     not reported
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range or blank (the message names it)
   */
  public RunStateChangedEvent {
    Checks.positive(runId, "runId");
    Checks.positive(jobId, "jobId");
    Checks.notBlank(lifeCycleState, "lifeCycleState");
    Checks.notNegative(creationTimestamp, "creationTimestamp");
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
     * The state before; {@code null} (the default) for the first state seen.
     *
     * @param previousLifeCycleState the state before; {@code null} for the first state the executor saw
     * @return this builder
     */
    public Builder previousLifeCycleState(@Nullable String previousLifeCycleState) {
      this.previousLifeCycleState = previousLifeCycleState;
      return this;
    }

    /**
     * Required; the new {@code state.life_cycle_state}, not blank.
     *
     * @param lifeCycleState the new state, not blank; Jobs API {@code state.life_cycle_state}, for example
     *     {@code RUNNING}
     * @return this builder
     */
    public Builder lifeCycleState(@Nullable String lifeCycleState) {
      this.lifeCycleState = lifeCycleState;
      return this;
    }

    /**
     * {@code status.state}; default none.
     *
     * @param statusState Jobs API {@code status.state} (the newer status object), for example {@code RUNNING};
     *     {@code null} when not reported
     * @return this builder
     */
    public Builder statusState(@Nullable String statusState) {
      this.statusState = statusState;
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
     * @return the new {@link RunStateChangedEvent}
     * @throws IllegalArgumentException if {@code runId}, {@code lifeCycleState} or {@code creationTimestamp}
     *     is unset, or a value is out of range or blank (the message names it)
     */
    public RunStateChangedEvent build() {
      return new RunStateChangedEvent(Checks.required(runId, "runId"), jobId, previousLifeCycleState,
          Checks.required(lifeCycleState, "lifeCycleState"), statusState, stateMessage,
          Checks.required(creationTimestamp, "creationTimestamp"));
    }
  }
}
