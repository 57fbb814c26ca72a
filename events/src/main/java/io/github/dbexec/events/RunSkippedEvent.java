package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor started was created already skipped because its job was at
 * {@code max_concurrent_runs} with queueing off (Jobs API {@code life_cycle_state} SKIPPED). The run id
 * exists, but nothing ran.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code max_concurrent_runs},
 * {@code result_state}, {@code termination_code}, {@code state_message}. Immutable and thread-safe. Build
 * one with {@link #builder()}.
 *
 * @param runId the skipped run, {@code > 0}; Jobs API {@code run_id}
 * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} when unknown
 * @param maxConcurrentRuns the job's {@code max_concurrent_runs}, {@code >= 0}; {@code null} when the
 *     executor did not know it
 * @param resultState Jobs API {@code state.result_state}, for example {@code MAXIMUM_CONCURRENT_RUNS_REACHED};
 *     {@code null} when not reported
 * @param terminationCode Jobs API {@code status.termination_details.code}, for example
 *     {@code MAX_CONCURRENT_RUNS_EXCEEDED}; {@code null} when not reported
 * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
 *     not reported
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record RunSkippedEvent(
    long runId,
    @Nullable Long jobId,
    @Nullable Integer maxConcurrentRuns,
    @Nullable String resultState,
    @Nullable String terminationCode,
    @Nullable String stateMessage,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunSkippedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * Checks ranges.
   *
   * @param runId the skipped run, {@code > 0}; Jobs API {@code run_id}
   * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} when unknown
   * @param maxConcurrentRuns the job's {@code max_concurrent_runs}, {@code >= 0}; {@code null} when the
   *     executor did not know it
   * @param resultState Jobs API {@code state.result_state}, for example {@code MAXIMUM_CONCURRENT_RUNS_REACHED};
   *     {@code null} when not reported
   * @param terminationCode Jobs API {@code status.termination_details.code}, for example
   *     {@code MAX_CONCURRENT_RUNS_EXCEEDED}; {@code null} when not reported
   * @param stateMessage Jobs API {@code state.state_message}, free text free of secrets; {@code null} when
   *     not reported
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
   */
  public RunSkippedEvent {
    Checks.positive(runId, "runId");
    Checks.positive(jobId, "jobId");
    Checks.notNegative(maxConcurrentRuns, "maxConcurrentRuns");
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

  /** Builds a {@link RunSkippedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private @Nullable Integer maxConcurrentRuns;
    private @Nullable String resultState;
    private @Nullable String terminationCode;
    private @Nullable String stateMessage;
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(RunSkippedEvent e) {
      runId = e.runId;
      jobId = e.jobId;
      maxConcurrentRuns = e.maxConcurrentRuns;
      resultState = e.resultState;
      terminationCode = e.terminationCode;
      stateMessage = e.stateMessage;
      creationTimestamp = e.creationTimestamp;
    }

    /**
     * Required; the skipped run's {@code run_id}, {@code > 0}.
     *
     * @param runId the skipped run, {@code > 0}; Jobs API {@code run_id}
     * @return this builder
     */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /**
     * The run's job, {@code > 0}; {@code null} (the default) when unknown.
     *
     * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} when unknown
     * @return this builder
     */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /**
     * The job's {@code max_concurrent_runs}, {@code >= 0}; default unknown.
     *
     * @param maxConcurrentRuns the job's {@code max_concurrent_runs}, {@code >= 0}; {@code null} when the
     *     executor did not know it
     * @return this builder
     */
    public Builder maxConcurrentRuns(@Nullable Integer maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
      return this;
    }

    /**
     * {@code state.result_state}; default none.
     *
     * @param resultState Jobs API {@code state.result_state}, for example {@code MAXIMUM_CONCURRENT_RUNS_REACHED};
     *     {@code null} when not reported
     * @return this builder
     */
    public Builder resultState(@Nullable String resultState) {
      this.resultState = resultState;
      return this;
    }

    /**
     * {@code status.termination_details.code}; default none.
     *
     * @param terminationCode Jobs API {@code status.termination_details.code}, for example
     *     {@code MAX_CONCURRENT_RUNS_EXCEEDED}; {@code null} when not reported
     * @return this builder
     */
    public Builder terminationCode(@Nullable String terminationCode) {
      this.terminationCode = terminationCode;
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
     * @return the new {@link RunSkippedEvent}
     * @throws IllegalArgumentException if {@code runId} or {@code creationTimestamp} is unset, or a value is
     *     out of range (the message names it and the value)
     */
    public RunSkippedEvent build() {
      return new RunSkippedEvent(Checks.required(runId, "runId"), jobId, maxConcurrentRuns, resultState,
          terminationCode, stateMessage, Checks.required(creationTimestamp, "creationTimestamp"));
    }
  }
}
