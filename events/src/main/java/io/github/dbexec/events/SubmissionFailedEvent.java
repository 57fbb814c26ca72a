package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A submission ({@code run-now} or {@code runs/submit}) failed for good: after its retries, or at once
 * because it was invalid or not retryable. No run was started (as far as the executor knows).
 *
 * <p>Record (version {@value #VERSION}) fields: {@code job_id}, {@code idempotency_token},
 * {@code idempotency_key}, {@code error_kind}, {@code http_status}, {@code error_code}, {@code message},
 * {@code attempts}.
 *
 * <p>Never holds a secret: the executor redacts its configured secrets and anything token-like from the
 * message before it builds the event; whoever else builds one must do the same. Immutable and thread-safe.
 * Build one with {@link #builder()}.
 *
 * @param jobId the job the submission was for, {@code > 0}; {@code null} for one-time runs
 *     ({@code runs/submit})
 * @param idempotencyToken the {@code idempotency_token} the submission carried; {@code null} if it failed
 *     before one was made
 * @param idempotencyKey the caller's idempotency key; {@code null} when the caller gave none
 * @param errorKind what kind of failure; record field {@code error_kind}
 * @param httpStatus the HTTP status of the last answer, 100..599; {@code null} when there was none
 * @param errorCode the Databricks {@code error_code} of the last answer, for example
 *     {@code RESOURCE_DOES_NOT_EXIST}; {@code null} when there was none
 * @param message what failed, free of secrets
 * @param attempts requests sent, retries included, {@code >= 0}; 0 when the submission failed before any
 *     request
 * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
 */
public record SubmissionFailedEvent(
    @Nullable Long jobId,
    @Nullable String idempotencyToken,
    @Nullable String idempotencyKey,
    ErrorKind errorKind,
    @Nullable Integer httpStatus,
    @Nullable String errorCode,
    String message,
    int attempts,
    long creationTimestamp)
    implements ExecutorEvent {

  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "SubmissionFailedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  /**
   * What kind of failure; record field {@code error_kind}. Read leniently: a kind this version does not know
   * (one added later) reads as {@link #UNKNOWN}.
   */
  public enum ErrorKind {
    /** The workspace answered with an error. */
    API_ERROR,
    /** No usable response: the connection failed, timed out, or the answer could not be read. */
    TRANSPORT,
    /** The request was rejected before it was sent. */
    VALIDATION,
    /** The record holds a kind this version does not know. */
    UNKNOWN
  }

  /**
   * Checks ranges.
   *
   * @param jobId the job the submission was for, {@code > 0}; {@code null} for one-time runs
   *     ({@code runs/submit})
   * @param idempotencyToken the {@code idempotency_token} the submission carried; {@code null} if it failed
   *     before one was made
   * @param idempotencyKey the caller's idempotency key; {@code null} when the caller gave none
   * @param errorKind what kind of failure; record field {@code error_kind}
   * @param httpStatus the HTTP status of the last answer, 100..599; {@code null} when there was none
   * @param errorCode the Databricks {@code error_code} of the last answer, for example
   *     {@code RESOURCE_DOES_NOT_EXIST}; {@code null} when there was none
   * @param message what failed, free of secrets
   * @param attempts requests sent, retries included, {@code >= 0}; 0 when the submission failed before any
   *     request
   * @param creationTimestamp when the event was created, epoch milliseconds {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range (the message names it and the value)
   */
  public SubmissionFailedEvent {
    Checks.positive(jobId, "jobId");
    Checks.notNull(errorKind, "errorKind");
    if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
      throw new IllegalArgumentException("httpStatus must be 100..599 but was " + httpStatus);
    }
    Checks.notNull(message, "message");
    Checks.notNegative(attempts, "attempts");
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

  /** Builds a {@link SubmissionFailedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long jobId;
    private @Nullable String idempotencyToken;
    private @Nullable String idempotencyKey;
    private @Nullable ErrorKind errorKind;
    private @Nullable Integer httpStatus;
    private @Nullable String errorCode;
    private @Nullable String message;
    private int attempts;
    private @Nullable Long creationTimestamp;

    private Builder() {}

    private Builder(SubmissionFailedEvent e) {
      jobId = e.jobId;
      idempotencyToken = e.idempotencyToken;
      idempotencyKey = e.idempotencyKey;
      errorKind = e.errorKind;
      httpStatus = e.httpStatus;
      errorCode = e.errorCode;
      message = e.message;
      attempts = e.attempts;
      creationTimestamp = e.creationTimestamp;
    }

    /**
     * The job, {@code > 0}; {@code null} (the default) for one-time runs.
     *
     * @param jobId the job the submission was for, {@code > 0}; {@code null} for one-time runs
     *     ({@code runs/submit})
     * @return this builder
     */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /**
     * The {@code idempotency_token} sent; default none.
     *
     * @param idempotencyToken the {@code idempotency_token} the submission carried; {@code null} if it failed
     *     before one was made
     * @return this builder
     */
    public Builder idempotencyToken(@Nullable String idempotencyToken) {
      this.idempotencyToken = idempotencyToken;
      return this;
    }

    /**
     * The caller's idempotency key; default none.
     *
     * @param idempotencyKey the caller's idempotency key; {@code null} when the caller gave none
     * @return this builder
     */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * Required; what kind of failure.
     *
     * @param errorKind what kind of failure; record field {@code error_kind}
     * @return this builder
     */
    public Builder errorKind(@Nullable ErrorKind errorKind) {
      this.errorKind = errorKind;
      return this;
    }

    /**
     * The last HTTP status, 100..599; default none.
     *
     * @param httpStatus the HTTP status of the last answer, 100..599; {@code null} when there was none
     * @return this builder
     */
    public Builder httpStatus(@Nullable Integer httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    /**
     * The Databricks {@code error_code}; default none.
     *
     * @param errorCode the Databricks {@code error_code} of the last answer, for example
     *     {@code RESOURCE_DOES_NOT_EXIST}; {@code null} when there was none
     * @return this builder
     */
    public Builder errorCode(@Nullable String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    /**
     * Required; what failed, already free of secrets (it is written as given).
     *
     * @param message what failed, free of secrets
     * @return this builder
     */
    public Builder message(@Nullable String message) {
      this.message = message;
      return this;
    }

    /**
     * Requests sent, {@code >= 0}; default 0 (failed before sending).
     *
     * @param attempts requests sent, retries included, {@code >= 0}; 0 when the submission failed before any
     *     request
     * @return this builder
     */
    public Builder attempts(int attempts) {
      this.attempts = attempts;
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
     * @return the new {@link SubmissionFailedEvent}
     * @throws IllegalArgumentException if {@code errorKind}, {@code message} or {@code creationTimestamp} is
     *     unset, or a value is out of range (the message names it)
     */
    public SubmissionFailedEvent build() {
      return new SubmissionFailedEvent(jobId, idempotencyToken, idempotencyKey,
          Checks.required(errorKind, "errorKind"), httpStatus, errorCode, Checks.required(message, "message"),
          attempts, Checks.required(creationTimestamp, "creationTimestamp"));
    }
  }
}
