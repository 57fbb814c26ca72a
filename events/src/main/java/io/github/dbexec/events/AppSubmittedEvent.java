package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The executor started a run: one event per successful {@code run-now} or {@code runs/submit}, compatible
 * with the {@code AppSubmittedEvent} record of StreamSets Data Collector's Databricks executor.
 *
 * <p>Record (version {@value #VERSION}): field {@code app_id} holds the run id as a JSON number, as the Data
 * Collector's record does (its code wrote it as {@code app-id}, which is accepted when reading); the richer
 * fields are snake_case and left out when absent: {@code run_id}, {@code job_id}, {@code number_in_job},
 * {@code idempotency_token}, {@code idempotency_key}, {@code queue_outcome}, {@code queue_code},
 * {@code queue_reason}, {@code max_concurrent_runs}, {@code queue_enabled}, {@code active_runs},
 * {@code run_page_url}, {@code submitted_at}. See {@link EventCodec} and the events documentation.
 *
 * <p>A record written by the Data Collector has only {@code app_id}; read into this type it has a
 * {@code null} {@link #idempotencyToken()}, {@link #queueOutcome()} {@link QueueOutcome#UNKNOWN} and a
 * {@link #submittedAt()} equal to its creation timestamp.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}; the constructor checks ranges only.
 *
 * @param runId the id of the started run, {@code > 0}; Jobs API {@code run_id}, record fields {@code app_id}
 *     and {@code run_id}
 * @param jobId the job the run belongs to, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time
 *     runs ({@code runs/submit})
 * @param numberInJob the run's sequence number in its job, {@code > 0}; Jobs API {@code number_in_job};
 *     {@code null} for one-time runs
 * @param idempotencyToken the {@code idempotency_token} sent with the request (at most 64 characters);
 *     {@code null} only for records written by the Data Collector, which sent none
 * @param idempotencyKey the caller's idempotency key the token was derived from; {@code null} when the
 *     caller gave none
 * @param queueOutcome what Databricks did with the run; record field {@code queue_outcome}
 * @param queueCode why the run is queued or skipped, as Databricks reports it:
 *     {@code status.queue_details.code} (for example {@code MAX_CONCURRENT_RUNS_REACHED}) or the
 *     termination code of a skipped run; {@code null} when none
 * @param queueReason free text, already free of secrets; Jobs API {@code state.queue_reason} or
 *     {@code state.state_message}; {@code null} when none
 * @param maxConcurrentRuns the job's {@code max_concurrent_runs}, {@code >= 0}; {@code null} when the
 *     executor did not know it
 * @param queueEnabled the job's queue setting ({@code settings.queue.enabled}); {@code null} when unknown
 * @param activeRuns the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) the executor saw,
 *     {@code >= 0}; {@code null} when it did not look
 * @param runPageUrl the run's page in the workspace; Jobs API {@code run_page_url}; {@code null} when none
 * @param submittedAt when the executor received the server's answer, epoch milliseconds {@code >= 0}
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record AppSubmittedEvent(
    long runId,
    @Nullable Long jobId,
    @Nullable Long numberInJob,
    @Nullable String idempotencyToken,
    @Nullable String idempotencyKey,
    QueueOutcome queueOutcome,
    @Nullable String queueCode,
    @Nullable String queueReason,
    @Nullable Integer maxConcurrentRuns,
    @Nullable Boolean queueEnabled,
    @Nullable Integer activeRuns,
    @Nullable String runPageUrl,
    long submittedAt,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "AppSubmittedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * What Databricks did with a started run; record field {@code queue_outcome}. Read leniently: a value
   * this version does not know (one added later) reads as {@link #UNKNOWN}.
   */
  public enum QueueOutcome {
    /** The run started at once. */
    STARTED,
    /** The run waits in the job's queue. */
    QUEUED,
    /** The run was created already skipped at the job's concurrency limit. */
    SKIPPED,
    /** The executor could not tell, or the record holds an outcome this version does not know. */
    UNKNOWN
  }

  /**
   * Checks ranges.
   *
   * @param runId the id of the started run, {@code > 0}; Jobs API {@code run_id}, record fields {@code app_id}
   *     and {@code run_id}
   * @param jobId the job the run belongs to, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time
   *     runs ({@code runs/submit})
   * @param numberInJob the run's sequence number in its job, {@code > 0}; Jobs API {@code number_in_job};
   *     {@code null} for one-time runs
   * @param idempotencyToken the {@code idempotency_token} sent with the request (at most 64 characters);
   *     {@code null} only for records written by the Data Collector, which sent none
   * @param idempotencyKey the caller's idempotency key the token was derived from; {@code null} when the
   *     caller gave none
   * @param queueOutcome what Databricks did with the run; record field {@code queue_outcome}
   * @param queueCode why the run is queued or skipped, as Databricks reports it:
   *     {@code status.queue_details.code} (for example {@code MAX_CONCURRENT_RUNS_REACHED}) or the
   *     termination code of a skipped run; {@code null} when none
   * @param queueReason free text, already free of secrets; Jobs API {@code state.queue_reason} or
   *     {@code state.state_message}; {@code null} when none
   * @param maxConcurrentRuns the job's {@code max_concurrent_runs}, {@code >= 0}; {@code null} when the
   *     executor did not know it
   * @param queueEnabled the job's queue setting ({@code settings.queue.enabled}); {@code null} when unknown
   * @param activeRuns the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) the executor saw,
   *     {@code >= 0}; {@code null} when it did not look
   * @param runPageUrl the run's page in the workspace; Jobs API {@code run_page_url}; {@code null} when none
   * @param submittedAt when the executor received the server's answer, epoch milliseconds {@code >= 0}
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
   */
  public AppSubmittedEvent {
    Checks.positive(runId, "runId");
    Checks.positive(jobId, "jobId");
    Checks.positive(numberInJob, "numberInJob");
    Checks.notNull(queueOutcome, "queueOutcome");
    Checks.notNegative(maxConcurrentRuns, "maxConcurrentRuns");
    Checks.notNegative(activeRuns, "activeRuns");
    Checks.notNegative(submittedAt, "submittedAt");
    Checks.notNegative(creationTimestamp, "creationTimestamp");
  }

  /**
   * A new, empty builder.
   *
   * @return a builder with no values set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this event's values.
   *
   * @return a new builder; changing it leaves this event unchanged
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

  /** Builds an {@link AppSubmittedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private @Nullable Long numberInJob;
    private @Nullable String idempotencyToken;
    private @Nullable String idempotencyKey;
    private @Nullable QueueOutcome queueOutcome;
    private @Nullable String queueCode;
    private @Nullable String queueReason;
    private @Nullable Integer maxConcurrentRuns;
    private @Nullable Boolean queueEnabled;
    private @Nullable Integer activeRuns;
    private @Nullable String runPageUrl;
    private @Nullable Long submittedAt;
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(AppSubmittedEvent e) {
      runId = e.runId;
      jobId = e.jobId;
      numberInJob = e.numberInJob;
      idempotencyToken = e.idempotencyToken;
      idempotencyKey = e.idempotencyKey;
      queueOutcome = e.queueOutcome;
      queueCode = e.queueCode;
      queueReason = e.queueReason;
      maxConcurrentRuns = e.maxConcurrentRuns;
      queueEnabled = e.queueEnabled;
      activeRuns = e.activeRuns;
      runPageUrl = e.runPageUrl;
      submittedAt = e.submittedAt;
      creationTimestamp = e.creationTimestamp;
    }

    /**
     * Required; the started run's {@code run_id}, {@code > 0}.
     *
     * @param runId the id of the started run, {@code > 0}; Jobs API {@code run_id}, record fields {@code app_id}
     *     and {@code run_id}
     * @return this builder
     */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /**
     * The run's job, {@code > 0}; {@code null} (the default) for one-time runs.
     *
     * @param jobId the job the run belongs to, {@code > 0}; Jobs API {@code job_id}; {@code null} for one-time
     *     runs ({@code runs/submit})
     * @return this builder
     */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /**
     * The run's {@code number_in_job}, {@code > 0}; {@code null} (the default) when unknown.
     *
     * @param numberInJob the run's sequence number in its job, {@code > 0}; Jobs API {@code number_in_job};
     *     {@code null} for one-time runs
     * @return this builder
     */
    public Builder numberInJob(@Nullable Long numberInJob) {
      this.numberInJob = numberInJob;
      return this;
    }

    /**
     * Required; the {@code idempotency_token} sent, not blank.
     *
     * @param idempotencyToken the {@code idempotency_token} sent with the request (at most 64 characters);
     *     {@code null} only for records written by the Data Collector, which sent none
     * @return this builder
     */
    public Builder idempotencyToken(@Nullable String idempotencyToken) {
      this.idempotencyToken = idempotencyToken;
      return this;
    }

    /**
     * The caller's idempotency key; {@code null} (the default) when none was given.
     *
     * @param idempotencyKey the caller's idempotency key the token was derived from; {@code null} when the
     *     caller gave none
     * @return this builder
     */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * Required; what Databricks did with the run.
     *
     * @param queueOutcome what Databricks did with the run; record field {@code queue_outcome}
     * @return this builder
     */
    public Builder queueOutcome(@Nullable QueueOutcome queueOutcome) {
      this.queueOutcome = queueOutcome;
      return this;
    }

    /**
     * The queue or termination code (for example {@code MAX_CONCURRENT_RUNS_REACHED}); default none.
     *
     * @param queueCode why the run is queued or skipped, as Databricks reports it:
     *     {@code status.queue_details.code} (for example {@code MAX_CONCURRENT_RUNS_REACHED}) or the
     *     termination code of a skipped run; {@code null} when none
     * @return this builder
     */
    public Builder queueCode(@Nullable String queueCode) {
      this.queueCode = queueCode;
      return this;
    }

    /**
     * Free-text queue reason or state message, free of secrets; default none.
     *
     * @param queueReason free text, already free of secrets; Jobs API {@code state.queue_reason} or
     *     {@code state.state_message}; {@code null} when none
     * @return this builder
     */
    public Builder queueReason(@Nullable String queueReason) {
      this.queueReason = queueReason;
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
     * The job's queue setting; default unknown.
     *
     * @param queueEnabled the job's queue setting ({@code settings.queue.enabled}); {@code null} when unknown
     * @return this builder
     */
    public Builder queueEnabled(@Nullable Boolean queueEnabled) {
      this.queueEnabled = queueEnabled;
      return this;
    }

    /**
     * The job's active runs seen, {@code >= 0}; default unknown.
     *
     * @param activeRuns the job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) the executor saw,
     *     {@code >= 0}; {@code null} when it did not look
     * @return this builder
     */
    public Builder activeRuns(@Nullable Integer activeRuns) {
      this.activeRuns = activeRuns;
      return this;
    }

    /**
     * The run's {@code run_page_url}; default none.
     *
     * @param runPageUrl the run's page in the workspace; Jobs API {@code run_page_url}; {@code null} when none
     * @return this builder
     */
    public Builder runPageUrl(@Nullable String runPageUrl) {
      this.runPageUrl = runPageUrl;
      return this;
    }

    /**
     * Required; when the server's answer arrived, epoch milliseconds {@code >= 0}.
     *
     * @param submittedAt when the executor received the server's answer, epoch milliseconds {@code >= 0}
     * @return this builder
     */
    public Builder submittedAt(long submittedAt) {
      this.submittedAt = submittedAt;
      return this;
    }

    /**
     * When the event was created, epoch milliseconds {@code >= 0}; defaults to {@link #submittedAt}.
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
     * @return the event, immutable
     * @throws IllegalArgumentException if {@code runId}, {@code idempotencyToken}, {@code queueOutcome} or
     *     {@code submittedAt} is unset, or a value is out of range or blank (the message names it)
     */
    public AppSubmittedEvent build() {
      long runId = Checks.required(this.runId, "runId");
      String token = Checks.notBlank(Checks.required(idempotencyToken, "idempotencyToken"), "idempotencyToken");
      QueueOutcome outcome = Checks.required(queueOutcome, "queueOutcome");
      long submitted = Checks.required(submittedAt, "submittedAt");
      return new AppSubmittedEvent(runId, jobId, numberInJob, token, idempotencyKey, outcome, queueCode,
          queueReason, maxConcurrentRuns, queueEnabled, activeRuns, runPageUrl, submitted,
          creationTimestamp == null ? submitted : creationTimestamp);
    }
  }
}
