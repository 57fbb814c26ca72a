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
 * A run the executor started is waiting in its job's queue (Jobs API {@code life_cycle_state} QUEUED),
 * typically behind {@code max_concurrent_runs}.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code queue_code}
 * ({@code status.queue_details.code}, for example {@code MAX_CONCURRENT_RUNS_REACHED}), {@code queue_reason}
 * ({@code state.queue_reason} or {@code status.queue_details.message}). Immutable and thread-safe.
 */
public final class RunQueuedEvent implements ExecutorEvent {
  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunQueuedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  private final long runId;
  private final @Nullable Long jobId;
  private final @Nullable String queueCode;
  private final @Nullable String queueReason;
  private final long creationTimestamp;

  private RunQueuedEvent(Builder b) {
    runId = Checks.positive(Checks.required(b.runId, "runId", "the queued run's run_id"), "runId");
    jobId = Checks.positive(b.jobId, "jobId");
    queueCode = b.queueCode;
    queueReason = b.queueReason;
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

  static RunQueuedEvent fromRecord(FieldReader f, long created) {
    return builder()
        .runId(f.requireLong("run_id"))
        .jobId(f.optLong("job_id"))
        .queueCode(f.optString("queue_code"))
        .queueReason(f.optString("queue_reason"))
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
        .put("queue_code", queueCode)
        .put("queue_reason", queueReason)
        .toMap());
  }

  /** The queued run; Jobs API {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** The run's job; Jobs API {@code job_id}. Absent for one-time runs. */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /** Why it is queued; Jobs API {@code status.queue_details.code}, e.g. {@code MAX_CONCURRENT_RUNS_REACHED}. */
  public Optional<String> queueCode() {
    return Optional.ofNullable(queueCode);
  }

  /** Free text; Jobs API {@code state.queue_reason} or {@code status.queue_details.message}. */
  public Optional<String> queueReason() {
    return Optional.ofNullable(queueReason);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RunQueuedEvent)) {
      return false;
    }
    RunQueuedEvent e = (RunQueuedEvent) o;
    return runId == e.runId && creationTimestamp == e.creationTimestamp && Objects.equals(jobId, e.jobId)
        && Objects.equals(queueCode, e.queueCode) && Objects.equals(queueReason, e.queueReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, queueCode, queueReason, creationTimestamp);
  }

  @Override
  public String toString() {
    return new ToString(TYPE).add("runId", runId).add("jobId", jobId).add("queueCode", queueCode)
        .add("queueReason", queueReason).add("creationTimestamp", creationTimestamp).toString();
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

    /** Required; the queued run's {@code run_id}, {@code > 0}. */
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

    /** {@code status.queue_details.code}; default none. */
    public Builder queueCode(@Nullable String queueCode) {
      this.queueCode = queueCode;
      return this;
    }

    /** {@code state.queue_reason} or {@code status.queue_details.message}; default none. */
    public Builder queueReason(@Nullable String queueReason) {
      this.queueReason = queueReason;
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
     * @throws IllegalStateException if {@code runId} or {@code creationTimestamp} is unset
     * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
     */
    public RunQueuedEvent build() {
      return new RunQueuedEvent(this);
    }
  }
}
