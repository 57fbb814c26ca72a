package io.github.dbexec;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What Databricks did with a new run at the job's concurrency limit, and why: {@link QueueOutcome#STARTED},
 * {@link QueueOutcome#QUEUED}, {@link QueueOutcome#SKIPPED} or {@link QueueOutcome#UNKNOWN}.
 *
 * <p>Built from the new run's own state ({@code runs/get}: {@code life_cycle_state}, {@code state.queue_reason},
 * {@code status.queue_details}, {@code state.state_message}) and, depending on the executor's
 * {@link QueueReporting} level, the job's settings ({@code max_concurrent_runs}, {@code queue.enabled}) and its
 * active runs. Values dbexec did not look up are absent. Immutable and thread-safe.
 */
public final class QueueReport {
  private final QueueOutcome outcome;
  private final RunLifeCycleState lifeCycleState;
  private final @Nullable Integer maxConcurrentRuns;
  private final @Nullable Boolean queueEnabled;
  private final @Nullable Integer activeRuns;
  private final @Nullable String code;
  private final @Nullable String reason;

  private QueueReport(Builder b) {
    this.outcome = b.outcome;
    this.lifeCycleState = b.lifeCycleState;
    this.maxConcurrentRuns = b.maxConcurrentRuns;
    this.queueEnabled = b.queueEnabled;
    this.activeRuns = b.activeRuns;
    this.code = b.code;
    this.reason = b.reason;
  }

  /** A report that says nothing is known, with the reason (e.g. "queue reporting is off"). */
  public static QueueReport unknown(String reason) {
    return builder().outcome(QueueOutcome.UNKNOWN).reason(reason).build();
  }

  /** A new, mutable builder (not thread-safe); {@link Builder#outcome} defaults to UNKNOWN. */
  public static Builder builder() {
    return new Builder();
  }

  /** STARTED, QUEUED, SKIPPED or UNKNOWN. */
  public QueueOutcome outcome() {
    return outcome;
  }

  /** The new run's {@code life_cycle_state} when dbexec looked; UNKNOWN when it did not look. */
  public RunLifeCycleState lifeCycleState() {
    return lifeCycleState;
  }

  /** The job's {@code max_concurrent_runs} (default 1, 0 skips every run), when the job's settings were read. */
  public OptionalInt maxConcurrentRuns() {
    return maxConcurrentRuns == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentRuns);
  }

  /** The job's {@code queue.enabled}, when the job's settings were read (absent in the settings means false). */
  public Optional<Boolean> queueEnabled() {
    return Optional.ofNullable(queueEnabled);
  }

  /** The number of the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) seen just after submission. */
  public OptionalInt activeRuns() {
    return activeRuns == null ? OptionalInt.empty() : OptionalInt.of(activeRuns);
  }

  /**
   * The machine-readable reason: {@code status.queue_details.code} for a queued run (e.g.
   * {@code MAX_CONCURRENT_RUNS_REACHED}), {@code status.termination_details.code} for a skipped one (e.g.
   * {@code MAX_CONCURRENT_RUNS_EXCEEDED}).
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** The human-readable reason: {@code state.queue_reason} or {@code state.state_message}, or why it is UNKNOWN. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** A builder holding this report's values. */
  public Builder toBuilder() {
    return builder()
        .outcome(outcome)
        .lifeCycleState(lifeCycleState)
        .maxConcurrentRuns(maxConcurrentRuns)
        .queueEnabled(queueEnabled)
        .activeRuns(activeRuns)
        .code(code)
        .reason(reason);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof QueueReport)) {
      return false;
    }
    QueueReport that = (QueueReport) o;
    return outcome == that.outcome
        && lifeCycleState == that.lifeCycleState
        && Objects.equals(maxConcurrentRuns, that.maxConcurrentRuns)
        && Objects.equals(queueEnabled, that.queueEnabled)
        && Objects.equals(activeRuns, that.activeRuns)
        && Objects.equals(code, that.code)
        && Objects.equals(reason, that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outcome, lifeCycleState, maxConcurrentRuns, queueEnabled, activeRuns, code, reason);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("QueueReport{").append(outcome);
    s.append(", lifeCycleState=").append(lifeCycleState);
    if (maxConcurrentRuns != null) {
      s.append(", maxConcurrentRuns=").append(maxConcurrentRuns);
    }
    if (queueEnabled != null) {
      s.append(", queueEnabled=").append(queueEnabled);
    }
    if (activeRuns != null) {
      s.append(", activeRuns=").append(activeRuns);
    }
    if (code != null) {
      s.append(", code=").append(code);
    }
    if (reason != null) {
      s.append(", reason=").append(reason);
    }
    return s.append('}').toString();
  }

  /** Builds a {@link QueueReport}. Mutable, not thread-safe. */
  public static final class Builder {
    private QueueOutcome outcome = QueueOutcome.UNKNOWN;
    private RunLifeCycleState lifeCycleState = RunLifeCycleState.UNKNOWN;
    private @Nullable Integer maxConcurrentRuns;
    private @Nullable Boolean queueEnabled;
    private @Nullable Integer activeRuns;
    private @Nullable String code;
    private @Nullable String reason;

    private Builder() {}

    /** The outcome; default UNKNOWN. */
    public Builder outcome(QueueOutcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    /** The run's life-cycle state when seen; default UNKNOWN. */
    public Builder lifeCycleState(RunLifeCycleState lifeCycleState) {
      this.lifeCycleState = Objects.requireNonNull(lifeCycleState, "lifeCycleState");
      return this;
    }

    /** The job's {@code max_concurrent_runs}; null when not read. */
    public Builder maxConcurrentRuns(@Nullable Integer maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
      return this;
    }

    /** The job's queue setting; null when not read. */
    public Builder queueEnabled(@Nullable Boolean queueEnabled) {
      this.queueEnabled = queueEnabled;
      return this;
    }

    /** The job's active runs seen; null when not counted. */
    public Builder activeRuns(@Nullable Integer activeRuns) {
      this.activeRuns = activeRuns;
      return this;
    }

    /** The queue or termination code; null when none. */
    public Builder code(@Nullable String code) {
      this.code = code;
      return this;
    }

    /** The human-readable reason; null when none. */
    public Builder reason(@Nullable String reason) {
      this.reason = reason;
      return this;
    }

    /** The report. */
    public QueueReport build() {
      return new QueueReport(this);
    }
  }
}
