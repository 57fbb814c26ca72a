package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What Databricks did with a new run at the job's concurrency limit, and why: {@link QueueOutcome#STARTED},
 * {@link QueueOutcome#QUEUED}, {@link QueueOutcome#SKIPPED} or {@link QueueOutcome#UNKNOWN}.
 *
 * <p>Built from the new run's own state ({@code runs/get}, or the run's entry in the job's newest {@code runs/list}
 * page: {@code life_cycle_state}, {@code state.queue_reason}, {@code status.queue_details},
 * {@code state.state_message}) and, depending on the executor's {@link QueueReporting} level, the job's settings
 * ({@code max_concurrent_runs}, {@code queue.enabled}) and its active runs, looked up after {@code runNow()} returned
 * (see {@link Submission#queueReport()}). Values dbexec did not look up are null. Immutable and thread-safe.
 *
 * @param outcome STARTED, QUEUED, SKIPPED or UNKNOWN
 * @param lifeCycleState the new run's {@code life_cycle_state} when dbexec looked; UNKNOWN when it did not look
 * @param maxConcurrentRuns the job's {@code max_concurrent_runs} (default 1, 0 skips every run); null when the job's
 *     settings were not read
 * @param queueEnabled the job's {@code queue.enabled} (absent in the settings means false); null when the job's
 *     settings were not read
 * @param activeRuns the number of the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) seen just after
 *     submission; null when not counted
 * @param code the machine-readable reason: {@code status.queue_details.code} for a queued run (e.g.
 *     {@code MAX_CONCURRENT_RUNS_REACHED}), {@code status.termination_details.code} for a skipped one (e.g.
 *     {@code MAX_CONCURRENT_RUNS_EXCEEDED}); null when none
 * @param reason the human-readable reason: {@code state.queue_reason} or {@code state.state_message}, or why the
 *     outcome is UNKNOWN; null when none
 */
public record QueueReport(
    QueueOutcome outcome,
    RunLifeCycleState lifeCycleState,
    @Nullable Integer maxConcurrentRuns,
    @Nullable Boolean queueEnabled,
    @Nullable Integer activeRuns,
    @Nullable String code,
    @Nullable String reason) {
  /**
   * Checks that the outcome and life-cycle state are present.
   * @param outcome STARTED, QUEUED, SKIPPED or UNKNOWN
   * @param lifeCycleState the new run's {@code life_cycle_state} when dbexec looked; UNKNOWN when it did not look
   * @param maxConcurrentRuns the job's {@code max_concurrent_runs} (default 1, 0 skips every run); null when the job's
   *     settings were not read
   * @param queueEnabled the job's {@code queue.enabled} (absent in the settings means false); null when the job's
   *     settings were not read
   * @param activeRuns the number of the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) seen just after
   *     submission; null when not counted
   * @param code the machine-readable reason: {@code status.queue_details.code} for a queued run (e.g.
   *     {@code MAX_CONCURRENT_RUNS_REACHED}), {@code status.termination_details.code} for a skipped one (e.g.
   *     {@code MAX_CONCURRENT_RUNS_EXCEEDED}); null when none
   * @param reason the human-readable reason: {@code state.queue_reason} or {@code state.state_message}, or why the
   *     outcome is UNKNOWN; null when none
   */
  public QueueReport {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(lifeCycleState, "lifeCycleState");
  }

  /**
   * A report that says nothing is known, with the reason (e.g. "queue reporting is off").
   * @param reason why nothing is known, e.g. "queue reporting is off"
   * @return a report with outcome {@link QueueOutcome#UNKNOWN}
   */
  public static QueueReport unknown(String reason) {
    return builder().outcome(QueueOutcome.UNKNOWN).reason(reason).build();
  }

  /**
   * {@return a new, mutable builder (not thread-safe), for reports fabricated in tests; outcome defaults to UNKNOWN}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this report's values} */
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

    /**
     * The outcome; default UNKNOWN.
     * @param outcome STARTED, QUEUED, SKIPPED or UNKNOWN
     * @return this builder
     */
    public Builder outcome(QueueOutcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    /**
     * The run's life-cycle state when seen; default UNKNOWN.
     * @param lifeCycleState the new run's {@code life_cycle_state} when dbexec looked; UNKNOWN when it did not look
     * @return this builder
     */
    public Builder lifeCycleState(RunLifeCycleState lifeCycleState) {
      this.lifeCycleState = Objects.requireNonNull(lifeCycleState, "lifeCycleState");
      return this;
    }

    /**
     * The job's {@code max_concurrent_runs}; null when not read.
     * @param maxConcurrentRuns the job's {@code max_concurrent_runs} (default 1, 0 skips every run); null when the
     *     job's settings were not read
     * @return this builder
     */
    public Builder maxConcurrentRuns(@Nullable Integer maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
      return this;
    }

    /**
     * The job's queue setting; null when not read.
     * @param queueEnabled the job's {@code queue.enabled} (absent in the settings means false); null when the job's
     *     settings were not read
     * @return this builder
     */
    public Builder queueEnabled(@Nullable Boolean queueEnabled) {
      this.queueEnabled = queueEnabled;
      return this;
    }

    /**
     * The job's active runs seen; null when not counted.
     * @param activeRuns the number of the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) seen just after
     *     submission; null when not counted
     * @return this builder
     */
    public Builder activeRuns(@Nullable Integer activeRuns) {
      this.activeRuns = activeRuns;
      return this;
    }

    /**
     * The queue or termination code; null when none.
     * @param code the machine-readable reason: {@code status.queue_details.code} for a queued run (e.g.
     *     {@code MAX_CONCURRENT_RUNS_REACHED}), {@code status.termination_details.code} for a skipped one (e.g.
     *     {@code MAX_CONCURRENT_RUNS_EXCEEDED}); null when none
     * @return this builder
     */
    public Builder code(@Nullable String code) {
      this.code = code;
      return this;
    }

    /**
     * The human-readable reason; null when none.
     * @param reason the human-readable reason: {@code state.queue_reason} or {@code state.state_message}, or why the
     *     outcome is UNKNOWN; null when none
     * @return this builder
     */
    public Builder reason(@Nullable String reason) {
      this.reason = reason;
      return this;
    }

    /** {@return the report} */
    public QueueReport build() {
      return new QueueReport(outcome, lifeCycleState, maxConcurrentRuns, queueEnabled, activeRuns, code, reason);
    }
  }
}
