package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor started is waiting in its job's queue (Jobs API {@code life_cycle_state} QUEUED),
 * typically behind {@code max_concurrent_runs}.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code queue_code},
 * {@code queue_reason}. Immutable and thread-safe. Build one with {@link #builder()}.
 *
 * @param runId the queued run, {@code > 0}; Jobs API {@code run_id}
 * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
 * @param queueCode why it is queued; Jobs API {@code status.queue_details.code}, for example
 *     {@code MAX_CONCURRENT_RUNS_REACHED}; {@code null} when not reported
 * @param queueReason free text, free of secrets; Jobs API {@code state.queue_reason} or
 *     {@code status.queue_details.message}; {@code null} when not reported
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record RunQueuedEvent(
    long runId, @Nullable Long jobId, @Nullable String queueCode, @Nullable String queueReason,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunQueuedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * Checks ranges.
   *
   * @param runId the queued run, {@code > 0}; Jobs API {@code run_id}
   * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
   * @param queueCode why it is queued; Jobs API {@code status.queue_details.code}, for example
   *     {@code MAX_CONCURRENT_RUNS_REACHED}; {@code null} when not reported
   * @param queueReason free text, free of secrets; Jobs API {@code state.queue_reason} or
   *     {@code status.queue_details.message}; {@code null} when not reported
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
   */
  public RunQueuedEvent {
    Checks.positive(runId, "runId");
    Checks.positive(jobId, "jobId");
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

  /** Builds a {@link RunQueuedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private @Nullable String queueCode;
    private @Nullable String queueReason;
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(RunQueuedEvent e) {
      runId = e.runId;
      jobId = e.jobId;
      queueCode = e.queueCode;
      queueReason = e.queueReason;
      creationTimestamp = e.creationTimestamp;
    }

    /**
     * Required; the queued run's {@code run_id}, {@code > 0}.
     *
     * @param runId the queued run, {@code > 0}; Jobs API {@code run_id}
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
     * {@code status.queue_details.code}; default none.
     *
     * @param queueCode why it is queued; Jobs API {@code status.queue_details.code}, for example
     *     {@code MAX_CONCURRENT_RUNS_REACHED}; {@code null} when not reported
     * @return this builder
     */
    public Builder queueCode(@Nullable String queueCode) {
      this.queueCode = queueCode;
      return this;
    }

    /**
     * {@code state.queue_reason} or {@code status.queue_details.message}, free of secrets; default none.
     *
     * @param queueReason free text, free of secrets; Jobs API {@code state.queue_reason} or
     *     {@code status.queue_details.message}; {@code null} when not reported
     * @return this builder
     */
    public Builder queueReason(@Nullable String queueReason) {
      this.queueReason = queueReason;
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
     * @return the new {@link RunQueuedEvent}
     * @throws IllegalArgumentException if {@code runId} or {@code creationTimestamp} is unset, or a value is
     *     out of range (the message names it and the value)
     */
    public RunQueuedEvent build() {
      return new RunQueuedEvent(Checks.required(runId, "runId"), jobId, queueCode, queueReason,
          Checks.required(creationTimestamp, "creationTimestamp"));
    }
  }
}
