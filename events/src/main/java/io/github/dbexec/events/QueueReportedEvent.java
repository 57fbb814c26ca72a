package io.github.dbexec.events;

import io.github.dbexec.events.AppSubmittedEvent.QueueOutcome;
import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What Databricks did with a run the executor started, known after the run's {@link AppSubmittedEvent}: started,
 * queued behind the job's {@code max_concurrent_runs}, created already skipped, or unknown (the look-up failed). The
 * executor learns this after {@code run-now} answered, without holding up its caller, and writes one such event per
 * run it looked up, after the run's {@code AppSubmittedEvent}; a queued run's {@link RunQueuedEvent} or a skipped
 * run's {@link RunSkippedEvent} follows it.
 *
 * <p>Record (version {@value #VERSION}) fields: {@code run_id}, {@code job_id}, {@code queue_outcome},
 * {@code queue_code}, {@code queue_reason}, {@code life_cycle_state}, {@code max_concurrent_runs},
 * {@code queue_enabled}, {@code active_runs}, {@code run_page_url}, {@code deduplicated}. Immutable and
 * thread-safe. Build one with {@link #builder()}.
 *
 * @param runId the run, {@code > 0}; Jobs API {@code run_id}
 * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
 * @param queueOutcome STARTED, QUEUED, SKIPPED or UNKNOWN (the look-up failed; {@code queueReason} says why)
 * @param queueCode why the run is queued or skipped: Jobs API {@code status.queue_details.code} (for example
 *     {@code MAX_CONCURRENT_RUNS_REACHED}) or the skipped run's {@code status.termination_details.code};
 *     {@code null} when none
 * @param queueReason free text, free of secrets: Jobs API {@code state.queue_reason} or {@code state.state_message},
 *     or why the outcome is UNKNOWN; {@code null} when none
 * @param lifeCycleState the run's Jobs API {@code life_cycle_state} when looked up; {@code null} when not read
 * @param maxConcurrentRuns the job's {@code max_concurrent_runs}; {@code null} when not read
 * @param queueEnabled the job's {@code settings.queue.enabled}; {@code null} when not read
 * @param activeRuns the job's active runs counted; {@code null} when not counted
 * @param runPageUrl Jobs API {@code run_page_url}; {@code null} when not read
 * @param deduplicated true when the run was created before the submission's first request (more than the
 *     executor's clock-skew margin earlier): a re-delivered trigger answered with the run another process, or this
 *     one before a restart, started for the same idempotency token
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record QueueReportedEvent(
    long runId, @Nullable Long jobId, QueueOutcome queueOutcome, @Nullable String queueCode,
    @Nullable String queueReason, @Nullable String lifeCycleState, @Nullable Integer maxConcurrentRuns,
    @Nullable Boolean queueEnabled, @Nullable Integer activeRuns, @Nullable String runPageUrl, boolean deduplicated,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "QueueReportedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * Checks presence and ranges.
   *
   * @param runId the run, {@code > 0}; Jobs API {@code run_id}
   * @param jobId the run's job, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time runs
   * @param queueOutcome STARTED, QUEUED, SKIPPED or UNKNOWN (the look-up failed; {@code queueReason} says why)
   * @param queueCode why the run is queued or skipped: Jobs API {@code status.queue_details.code} (for example
   *     {@code MAX_CONCURRENT_RUNS_REACHED}) or the skipped run's {@code status.termination_details.code};
   *     {@code null} when none
   * @param queueReason free text, free of secrets: Jobs API {@code state.queue_reason} or {@code state.state_message},
   *     or why the outcome is UNKNOWN; {@code null} when none
   * @param lifeCycleState the run's Jobs API {@code life_cycle_state} when looked up; {@code null} when not read
   * @param maxConcurrentRuns the job's {@code max_concurrent_runs}; {@code null} when not read
   * @param queueEnabled the job's {@code settings.queue.enabled}; {@code null} when not read
   * @param activeRuns the job's active runs counted; {@code null} when not counted
   * @param runPageUrl Jobs API {@code run_page_url}; {@code null} when not read
   * @param deduplicated true when the run was created before the submission's first request (more than the
   *     executor's clock-skew margin earlier): a re-delivered trigger answered with the run another process, or this
   *     one before a restart, started for the same idempotency token
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is missing or out of range (the message names it and the value)
   */
  public QueueReportedEvent {
    Checks.positive(runId, "runId");
    Checks.positive(jobId, "jobId");
    Checks.notNull(queueOutcome, "queueOutcome");
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

  /** Builds a {@link QueueReportedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private QueueOutcome queueOutcome = QueueOutcome.UNKNOWN;
    private @Nullable String queueCode;
    private @Nullable String queueReason;
    private @Nullable String lifeCycleState;
    private @Nullable Integer maxConcurrentRuns;
    private @Nullable Boolean queueEnabled;
    private @Nullable Integer activeRuns;
    private @Nullable String runPageUrl;
    private boolean deduplicated;
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(QueueReportedEvent e) {
      runId = e.runId;
      jobId = e.jobId;
      queueOutcome = e.queueOutcome;
      queueCode = e.queueCode;
      queueReason = e.queueReason;
      lifeCycleState = e.lifeCycleState;
      maxConcurrentRuns = e.maxConcurrentRuns;
      queueEnabled = e.queueEnabled;
      activeRuns = e.activeRuns;
      runPageUrl = e.runPageUrl;
      deduplicated = e.deduplicated;
      creationTimestamp = e.creationTimestamp;
    }

    /**
     * Required; the run's {@code run_id}, {@code > 0}.
     *
     * @param runId the run, {@code > 0}
     * @return this builder
     */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /**
     * The run's job, {@code > 0}; {@code null} (the default) for one-time runs.
     *
     * @param jobId the job, {@code > 0}, or {@code null}
     * @return this builder
     */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /**
     * What Databricks did with the run; default UNKNOWN.
     *
     * @param queueOutcome the outcome, not null
     * @return this builder
     */
    public Builder queueOutcome(QueueOutcome queueOutcome) {
      this.queueOutcome = Checks.notNull(queueOutcome, "queueOutcome");
      return this;
    }

    /**
     * The queue or termination code (for example {@code MAX_CONCURRENT_RUNS_REACHED}); default none.
     *
     * @param queueCode the code, or {@code null}
     * @return this builder
     */
    public Builder queueCode(@Nullable String queueCode) {
      this.queueCode = queueCode;
      return this;
    }

    /**
     * Free-text reason, free of secrets; default none.
     *
     * @param queueReason the reason, or {@code null}
     * @return this builder
     */
    public Builder queueReason(@Nullable String queueReason) {
      this.queueReason = queueReason;
      return this;
    }

    /**
     * The run's {@code life_cycle_state} when looked up; default none.
     *
     * @param lifeCycleState the state as the Jobs API spells it, or {@code null}
     * @return this builder
     */
    public Builder lifeCycleState(@Nullable String lifeCycleState) {
      this.lifeCycleState = lifeCycleState;
      return this;
    }

    /**
     * The job's {@code max_concurrent_runs}; default unknown.
     *
     * @param maxConcurrentRuns the limit, or {@code null}
     * @return this builder
     */
    public Builder maxConcurrentRuns(@Nullable Integer maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
      return this;
    }

    /**
     * The job's queue setting; default unknown.
     *
     * @param queueEnabled the setting, or {@code null}
     * @return this builder
     */
    public Builder queueEnabled(@Nullable Boolean queueEnabled) {
      this.queueEnabled = queueEnabled;
      return this;
    }

    /**
     * The job's active runs counted; default not counted.
     *
     * @param activeRuns the count, or {@code null}
     * @return this builder
     */
    public Builder activeRuns(@Nullable Integer activeRuns) {
      this.activeRuns = activeRuns;
      return this;
    }

    /**
     * The run's {@code run_page_url}; default none.
     *
     * @param runPageUrl the URL, or {@code null}
     * @return this builder
     */
    public Builder runPageUrl(@Nullable String runPageUrl) {
      this.runPageUrl = runPageUrl;
      return this;
    }

    /**
     * Whether the run was created before the submission (a re-delivered trigger); default false.
     *
     * @param deduplicated see {@link QueueReportedEvent#deduplicated()}
     * @return this builder
     */
    public Builder deduplicated(boolean deduplicated) {
      this.deduplicated = deduplicated;
      return this;
    }

    /**
     * Required; when the event was created, epoch milliseconds {@code >= 0}.
     *
     * @param creationTimestamp epoch milliseconds {@code >= 0}
     * @return this builder
     */
    public Builder creationTimestamp(long creationTimestamp) {
      this.creationTimestamp = creationTimestamp;
      return this;
    }

    /**
     * The event.
     *
     * @return the new {@link QueueReportedEvent}
     * @throws IllegalArgumentException if {@code runId} or {@code creationTimestamp} is unset, or a value is out of
     *     range (the message names it and the value)
     */
    public QueueReportedEvent build() {
      return new QueueReportedEvent(Checks.required(runId, "runId"), jobId, queueOutcome, queueCode, queueReason,
          lifeCycleState, maxConcurrentRuns, queueEnabled, activeRuns, runPageUrl, deduplicated,
          Checks.required(creationTimestamp, "creationTimestamp"));
    }
  }
}
