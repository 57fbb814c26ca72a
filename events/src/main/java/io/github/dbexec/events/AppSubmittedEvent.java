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
 * The executor started a run: one event per successful {@code run-now} or {@code runs/submit}, the
 * drop-in for the seed's {@code AppSubmittedEvent} record.
 *
 * <p>Record (version {@value #VERSION}): field {@code app_id} holds the run id as a JSON number, as in the
 * seed (whose code wrote it as {@code app-id}, which is accepted when reading); the richer fields are
 * snake_case and left out when absent: {@code run_id}, {@code job_id}, {@code number_in_job},
 * {@code idempotency_token}, {@code idempotency_key}, {@code queue_outcome}, {@code queue_code},
 * {@code queue_reason}, {@code max_concurrent_runs}, {@code queue_enabled}, {@code active_runs},
 * {@code run_page_url}, {@code submitted_at}. See {@code docs/events.md}.
 *
 * <p>A record written by the seed has only {@code app_id}; read into this type it has an empty
 * {@link #idempotencyToken()}, {@link #queueOutcome()} {@code "UNKNOWN"} and {@link #submittedAt()} equal
 * to its creation timestamp.
 *
 * <p>Immutable and thread-safe.
 */
public final class AppSubmittedEvent implements ExecutorEvent {
  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "AppSubmittedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /** {@link #queueOutcome()} when the run started at once. */
  public static final String OUTCOME_STARTED = "STARTED";
  /** {@link #queueOutcome()} when the run waits in the job's queue. */
  public static final String OUTCOME_QUEUED = "QUEUED";
  /** {@link #queueOutcome()} when the run was created already skipped at the concurrency limit. */
  public static final String OUTCOME_SKIPPED = "SKIPPED";
  /** {@link #queueOutcome()} when the executor could not tell. */
  public static final String OUTCOME_UNKNOWN = "UNKNOWN";

  private final long runId;
  private final @Nullable Long jobId;
  private final @Nullable Long numberInJob;
  private final String idempotencyToken;
  private final @Nullable String idempotencyKey;
  private final String queueOutcome;
  private final @Nullable String queueCode;
  private final @Nullable String queueReason;
  private final @Nullable Integer maxConcurrentRuns;
  private final @Nullable Boolean queueEnabled;
  private final @Nullable Integer activeRuns;
  private final @Nullable String runPageUrl;
  private final long submittedAt;
  private final long creationTimestamp;

  private AppSubmittedEvent(Builder b, boolean lenient) {
    runId = Checks.positive(Checks.required(b.runId, "runId", "the run_id Databricks returned"), "runId");
    jobId = Checks.positive(b.jobId, "jobId");
    numberInJob = Checks.positive(b.numberInJob, "numberInJob");
    if (lenient && b.idempotencyToken == null) {
      idempotencyToken = "";
    } else {
      idempotencyToken = Checks.notBlank(Checks.required(b.idempotencyToken, "idempotencyToken"),
          "idempotencyToken");
    }
    idempotencyKey = b.idempotencyKey;
    if (lenient && b.queueOutcome == null) {
      queueOutcome = OUTCOME_UNKNOWN;
    } else {
      queueOutcome = Checks.notBlank(Checks.required(b.queueOutcome, "queueOutcome"), "queueOutcome");
    }
    queueCode = b.queueCode;
    queueReason = b.queueReason;
    maxConcurrentRuns = Checks.notNegative(b.maxConcurrentRuns, "maxConcurrentRuns");
    queueEnabled = b.queueEnabled;
    activeRuns = Checks.notNegative(b.activeRuns, "activeRuns");
    runPageUrl = b.runPageUrl;
    if (lenient && b.submittedAt == null) {
      submittedAt = Checks.notNegative(Checks.required(b.creationTimestamp, "creationTimestamp", "epoch ms"),
          "creationTimestamp");
    } else {
      submittedAt = Checks.notNegative(Checks.required(b.submittedAt, "submittedAt", "epoch ms"),
          "submittedAt");
    }
    creationTimestamp = Checks.notNegative(b.creationTimestamp == null ? submittedAt : b.creationTimestamp,
        "creationTimestamp");
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this event's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  static AppSubmittedEvent fromRecord(FieldReader f, long created) {
    return builder()
        .runId(f.requireLong(EventRecord.FIELD_APP_ID, EventRecord.FIELD_APP_ID_SEED_SPELLING, "run_id"))
        .jobId(f.optLong("job_id"))
        .numberInJob(f.optLong("number_in_job"))
        .idempotencyToken(f.optString("idempotency_token"))
        .idempotencyKey(f.optString("idempotency_key"))
        .queueOutcome(f.optString("queue_outcome"))
        .queueCode(f.optString("queue_code"))
        .queueReason(f.optString("queue_reason"))
        .maxConcurrentRuns(f.optInt("max_concurrent_runs"))
        .queueEnabled(f.optBoolean("queue_enabled"))
        .activeRuns(f.optInt("active_runs"))
        .runPageUrl(f.optString("run_page_url"))
        .submittedAt(f.optLong("submitted_at"))
        .creationTimestamp(created)
        .build(true);
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
        .put(EventRecord.FIELD_APP_ID, runId)
        .put("run_id", runId)
        .put("job_id", jobId)
        .put("number_in_job", numberInJob)
        .put("idempotency_token", idempotencyToken.isEmpty() ? null : idempotencyToken)
        .put("idempotency_key", idempotencyKey)
        .put("queue_outcome", queueOutcome)
        .put("queue_code", queueCode)
        .put("queue_reason", queueReason)
        .put("max_concurrent_runs", maxConcurrentRuns)
        .put("queue_enabled", queueEnabled)
        .put("active_runs", activeRuns)
        .put("run_page_url", runPageUrl)
        .put("submitted_at", submittedAt)
        .toMap());
  }

  /** The id of the started run; Jobs API {@code run_id}, record fields {@code app_id} and {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** The job the run belongs to; Jobs API {@code job_id}. Absent for one-time runs ({@code runs/submit}). */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /** The run's sequence number in its job; Jobs API {@code number_in_job}. Absent for one-time runs. */
  public OptionalLong numberInJob() {
    return numberInJob == null ? OptionalLong.empty() : OptionalLong.of(numberInJob);
  }

  /**
   * The {@code idempotency_token} sent with the request (at most 64 characters); empty only for records
   * written by the seed, which sent none.
   */
  public String idempotencyToken() {
    return idempotencyToken;
  }

  /** The caller's idempotency key the token was derived from; absent when the caller gave none. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /**
   * What Databricks did with the run: {@value #OUTCOME_STARTED}, {@value #OUTCOME_QUEUED},
   * {@value #OUTCOME_SKIPPED} or {@value #OUTCOME_UNKNOWN}. Kept as a string so that readers tolerate
   * outcomes added later.
   */
  public String queueOutcome() {
    return queueOutcome;
  }

  /**
   * Why the run is queued or skipped, as Databricks reports it: {@code status.queue_details.code} (for
   * example {@code MAX_CONCURRENT_RUNS_REACHED}) or the termination code of a skipped run.
   */
  public Optional<String> queueCode() {
    return Optional.ofNullable(queueCode);
  }

  /** Free-text reason; Jobs API {@code state.queue_reason} or {@code state.state_message}. */
  public Optional<String> queueReason() {
    return Optional.ofNullable(queueReason);
  }

  /** The job's {@code max_concurrent_runs} setting, when the executor knew it. */
  public OptionalInt maxConcurrentRuns() {
    return maxConcurrentRuns == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentRuns);
  }

  /** The job's queue setting ({@code settings.queue.enabled}), when the executor knew it. */
  public Optional<Boolean> queueEnabled() {
    return Optional.ofNullable(queueEnabled);
  }

  /** The job's active runs (QUEUED, PENDING, RUNNING, TERMINATING) the executor saw, when it looked. */
  public OptionalInt activeRuns() {
    return activeRuns == null ? OptionalInt.empty() : OptionalInt.of(activeRuns);
  }

  /** The run's page in the workspace; Jobs API {@code run_page_url}. */
  public Optional<String> runPageUrl() {
    return Optional.ofNullable(runPageUrl);
  }

  /** When the executor received the server's answer, in epoch milliseconds. */
  public long submittedAt() {
    return submittedAt;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AppSubmittedEvent)) {
      return false;
    }
    AppSubmittedEvent e = (AppSubmittedEvent) o;
    return runId == e.runId && submittedAt == e.submittedAt && creationTimestamp == e.creationTimestamp
        && Objects.equals(jobId, e.jobId) && Objects.equals(numberInJob, e.numberInJob)
        && idempotencyToken.equals(e.idempotencyToken) && Objects.equals(idempotencyKey, e.idempotencyKey)
        && queueOutcome.equals(e.queueOutcome) && Objects.equals(queueCode, e.queueCode)
        && Objects.equals(queueReason, e.queueReason) && Objects.equals(maxConcurrentRuns, e.maxConcurrentRuns)
        && Objects.equals(queueEnabled, e.queueEnabled) && Objects.equals(activeRuns, e.activeRuns)
        && Objects.equals(runPageUrl, e.runPageUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, numberInJob, idempotencyToken, idempotencyKey, queueOutcome, queueCode,
        queueReason, maxConcurrentRuns, queueEnabled, activeRuns, runPageUrl, submittedAt, creationTimestamp);
  }

  @Override
  public String toString() {
    return new ToString(TYPE)
        .add("runId", runId).add("jobId", jobId).add("numberInJob", numberInJob)
        .add("idempotencyToken", idempotencyToken).add("idempotencyKey", idempotencyKey)
        .add("queueOutcome", queueOutcome).add("queueCode", queueCode).add("queueReason", queueReason)
        .add("maxConcurrentRuns", maxConcurrentRuns).add("queueEnabled", queueEnabled)
        .add("activeRuns", activeRuns).add("runPageUrl", runPageUrl).add("submittedAt", submittedAt)
        .add("creationTimestamp", creationTimestamp)
        .toString();
  }

  /** Builds an {@link AppSubmittedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long runId;
    private @Nullable Long jobId;
    private @Nullable Long numberInJob;
    private @Nullable String idempotencyToken;
    private @Nullable String idempotencyKey;
    private @Nullable String queueOutcome;
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
      idempotencyToken = e.idempotencyToken.isEmpty() ? null : e.idempotencyToken;
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

    /** Required; the started run's {@code run_id}, {@code > 0}. */
    public Builder runId(long runId) {
      this.runId = runId;
      return this;
    }

    /** The run's job, {@code > 0}; leave unset for one-time runs. */
    public Builder jobId(long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The run's job, {@code > 0}; {@code null} (the default) for one-time runs. */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The run's {@code number_in_job}, {@code > 0}; unset by default. */
    public Builder numberInJob(long numberInJob) {
      this.numberInJob = numberInJob;
      return this;
    }

    /** The run's {@code number_in_job}, {@code > 0}; {@code null} (the default) when unknown. */
    public Builder numberInJob(@Nullable Long numberInJob) {
      this.numberInJob = numberInJob;
      return this;
    }

    /** Required; the {@code idempotency_token} sent, not blank. */
    public Builder idempotencyToken(@Nullable String idempotencyToken) {
      this.idempotencyToken = idempotencyToken;
      return this;
    }

    /** The caller's idempotency key; {@code null} (the default) when none was given. */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * Required; one of {@code "STARTED"}, {@code "QUEUED"},
     * {@code "SKIPPED"}, {@code "UNKNOWN"} (not validated beyond not blank, so that newer outcomes pass).
     */
    public Builder queueOutcome(@Nullable String queueOutcome) {
      this.queueOutcome = queueOutcome;
      return this;
    }

    /** The queue or termination code (for example {@code MAX_CONCURRENT_RUNS_REACHED}); default none. */
    public Builder queueCode(@Nullable String queueCode) {
      this.queueCode = queueCode;
      return this;
    }

    /** Free-text queue reason or state message; default none. */
    public Builder queueReason(@Nullable String queueReason) {
      this.queueReason = queueReason;
      return this;
    }

    /** The job's {@code max_concurrent_runs}, {@code >= 0}; default unknown. */
    public Builder maxConcurrentRuns(@Nullable Integer maxConcurrentRuns) {
      this.maxConcurrentRuns = maxConcurrentRuns;
      return this;
    }

    /** The job's queue setting; default unknown. */
    public Builder queueEnabled(@Nullable Boolean queueEnabled) {
      this.queueEnabled = queueEnabled;
      return this;
    }

    /** The job's active runs seen, {@code >= 0}; default unknown. */
    public Builder activeRuns(@Nullable Integer activeRuns) {
      this.activeRuns = activeRuns;
      return this;
    }

    /** The run's {@code run_page_url}; default none. */
    public Builder runPageUrl(@Nullable String runPageUrl) {
      this.runPageUrl = runPageUrl;
      return this;
    }

    /** Required; when the server's answer arrived, epoch milliseconds {@code >= 0}. */
    public Builder submittedAt(long submittedAt) {
      this.submittedAt = submittedAt;
      return this;
    }

    Builder submittedAt(@Nullable Long submittedAt) {
      this.submittedAt = submittedAt;
      return this;
    }

    /** When the event was created, epoch milliseconds {@code >= 0}; defaults to {@link #submittedAt}. */
    public Builder creationTimestamp(long creationTimestamp) {
      this.creationTimestamp = creationTimestamp;
      return this;
    }

    /**
     * The event.
     *
     * @throws IllegalStateException if {@code runId}, {@code idempotencyToken}, {@code queueOutcome} or
     *     {@code submittedAt} is unset (the message names it)
     * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
     */
    public AppSubmittedEvent build() {
      return build(false);
    }

    AppSubmittedEvent build(boolean lenient) {
      return new AppSubmittedEvent(this, lenient);
    }
  }
}
