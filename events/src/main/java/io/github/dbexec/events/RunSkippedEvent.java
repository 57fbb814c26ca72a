package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.FieldReader;
import io.github.dbexec.events.internal.RecordFields;
import io.github.dbexec.events.internal.ToString;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A run the executor started was created already skipped because its job was at
 * {@code max_concurrent_runs} with queueing off (Jobs API {@code life_cycle_state} SKIPPED). The run id
 * exists, but nothing ran.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code max_concurrent_runs},
 * {@code result_state} (e.g. {@code MAXIMUM_CONCURRENT_RUNS_REACHED}), {@code termination_code} (e.g.
 * {@code MAX_CONCURRENT_RUNS_EXCEEDED}), {@code state_message}. Immutable and thread-safe.
 */
public final class RunSkippedEvent implements ExecutorEvent {
  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "RunSkippedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  private final long runId;
  private final @Nullable Long jobId;
  private final @Nullable Integer maxConcurrentRuns;
  private final @Nullable String resultState;
  private final @Nullable String terminationCode;
  private final @Nullable String stateMessage;
  private final long creationTimestamp;

  private RunSkippedEvent(Builder b) {
    runId = Checks.positive(Checks.required(b.runId, "runId", "the skipped run's run_id"), "runId");
    jobId = Checks.positive(b.jobId, "jobId");
    maxConcurrentRuns = Checks.notNegative(b.maxConcurrentRuns, "maxConcurrentRuns");
    resultState = b.resultState;
    terminationCode = b.terminationCode;
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

  static RunSkippedEvent fromRecord(FieldReader f, long created) {
    return builder()
        .runId(f.requireLong("run_id"))
        .jobId(f.optLong("job_id"))
        .maxConcurrentRuns(f.optInt("max_concurrent_runs"))
        .resultState(f.optString("result_state"))
        .terminationCode(f.optString("termination_code"))
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
        .put("max_concurrent_runs", maxConcurrentRuns)
        .put("result_state", resultState)
        .put("termination_code", terminationCode)
        .put("state_message", stateMessage)
        .toMap());
  }

  /** The skipped run; Jobs API {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** The run's job; Jobs API {@code job_id}. */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /** The job's {@code max_concurrent_runs}, when the executor knew it. */
  public OptionalInt maxConcurrentRuns() {
    return maxConcurrentRuns == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentRuns);
  }

  /** Jobs API {@code state.result_state}, e.g. {@code MAXIMUM_CONCURRENT_RUNS_REACHED}. */
  public Optional<String> resultState() {
    return Optional.ofNullable(resultState);
  }

  /** Jobs API {@code status.termination_details.code}, e.g. {@code MAX_CONCURRENT_RUNS_EXCEEDED}. */
  public Optional<String> terminationCode() {
    return Optional.ofNullable(terminationCode);
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
    if (!(o instanceof RunSkippedEvent)) {
      return false;
    }
    RunSkippedEvent e = (RunSkippedEvent) o;
    return runId == e.runId && creationTimestamp == e.creationTimestamp && Objects.equals(jobId, e.jobId)
        && Objects.equals(maxConcurrentRuns, e.maxConcurrentRuns) && Objects.equals(resultState, e.resultState)
        && Objects.equals(terminationCode, e.terminationCode) && Objects.equals(stateMessage, e.stateMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, maxConcurrentRuns, resultState, terminationCode, stateMessage,
        creationTimestamp);
  }

  @Override
  public String toString() {
    return new ToString(TYPE).add("runId", runId).add("jobId", jobId).add("maxConcurrentRuns", maxConcurrentRuns)
        .add("resultState", resultState).add("terminationCode", terminationCode)
        .add("stateMessage", stateMessage).add("creationTimestamp", creationTimestamp).toString();
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

    /** Required; the skipped run's {@code run_id}, {@code > 0}. */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /** The run's job, {@code > 0}; default none. */
    public Builder jobId(long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The run's job, {@code > 0}; {@code null} (the default) when unknown. */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The job's {@code max_concurrent_runs}, {@code >= 0}; default unknown. */
    public Builder maxConcurrentRuns(@Nullable Integer maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
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
     * @throws IllegalStateException if {@code runId} or {@code creationTimestamp} is unset
     * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
     */
    public RunSkippedEvent build() {
      return new RunSkippedEvent(this);
    }
  }
}
