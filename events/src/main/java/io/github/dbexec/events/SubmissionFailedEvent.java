package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.FieldReader;
import io.github.dbexec.events.internal.RecordFields;
import io.github.dbexec.events.internal.Redaction;
import io.github.dbexec.events.internal.ToString;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A submission ({@code run-now} or {@code runs/submit}) failed for good: after its retries, or at once
 * because it was invalid or not retryable. No run was started (as far as the executor knows).
 *
 * <p>Record (version {@value #VERSION}) fields: {@code job_id}, {@code idempotency_token},
 * {@code idempotency_key}, {@code error_kind} (e.g. {@code API_ERROR}, {@code TRANSPORT},
 * {@code VALIDATION}), {@code http_status}, {@code error_code} (the Databricks {@code error_code}, e.g.
 * {@code INVALID_PARAMETER_VALUE}), {@code message}, {@code attempts}.
 *
 * <p>Never holds a secret: the caller promises a secret-free message, and as a safety net the builder also
 * masks anything that looks like a token, an {@code Authorization} value or a {@code password=} pair.
 * Immutable and thread-safe.
 */
public final class SubmissionFailedEvent implements ExecutorEvent {
  /** {@code sdc.event.type} of this event. */
  public static final String TYPE = "SubmissionFailedEvent";
  /** {@code sdc.event.version} of this event's record layout. */
  public static final int VERSION = 1;

  private final @Nullable Long jobId;
  private final @Nullable String idempotencyToken;
  private final @Nullable String idempotencyKey;
  private final String errorKind;
  private final @Nullable Integer httpStatus;
  private final @Nullable String errorCode;
  private final String message;
  private final int attempts;
  private final long creationTimestamp;

  private SubmissionFailedEvent(Builder b) {
    jobId = Checks.positive(b.jobId, "jobId");
    idempotencyToken = b.idempotencyToken;
    idempotencyKey = b.idempotencyKey;
    errorKind = Checks.notBlank(Checks.required(b.errorKind, "errorKind"), "errorKind");
    if (b.httpStatus != null && (b.httpStatus < 100 || b.httpStatus > 599)) {
      throw new IllegalArgumentException("httpStatus must be 100..599 but was " + b.httpStatus);
    }
    httpStatus = b.httpStatus;
    errorCode = b.errorCode;
    message = Redaction.redact(Checks.required(b.message, "message"));
    attempts = (int) Checks.notNegative(b.attempts, "attempts");
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

  static SubmissionFailedEvent fromRecord(FieldReader f, long created) {
    return builder()
        .jobId(f.optLong("job_id"))
        .idempotencyToken(f.optString("idempotency_token"))
        .idempotencyKey(f.optString("idempotency_key"))
        .errorKind(f.requireString("error_kind"))
        .httpStatus(f.optInt("http_status"))
        .errorCode(f.optString("error_code"))
        .message(f.requireString("message"))
        .attempts(f.requireInt("attempts"))
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
        .put("job_id", jobId)
        .put("idempotency_token", idempotencyToken)
        .put("idempotency_key", idempotencyKey)
        .put("error_kind", errorKind)
        .put("http_status", httpStatus)
        .put("error_code", errorCode)
        .put("message", message)
        .put("attempts", attempts)
        .toMap());
  }

  /** The job the submission was for; absent for one-time runs ({@code runs/submit}). */
  public OptionalLong jobId() {
    return jobId == null ? OptionalLong.empty() : OptionalLong.of(jobId);
  }

  /** The {@code idempotency_token} the submission carried; absent if it failed before one was made. */
  public Optional<String> idempotencyToken() {
    return Optional.ofNullable(idempotencyToken);
  }

  /** The caller's idempotency key; absent when the caller gave none. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /**
   * What kind of failure: {@code API_ERROR} (the workspace answered with an error), {@code TRANSPORT} (no
   * usable response), {@code VALIDATION} (rejected before sending), or another kind added later.
   */
  public String errorKind() {
    return errorKind;
  }

  /** The HTTP status of the last answer; absent when there was none. */
  public OptionalInt httpStatus() {
    return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The Databricks {@code error_code} of the last answer, e.g. {@code RESOURCE_DOES_NOT_EXIST}. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** What failed, secret-free. */
  public String message() {
    return message;
  }

  /** Requests sent, retries included; 0 when the submission failed before any request. */
  public int attempts() {
    return attempts;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SubmissionFailedEvent)) {
      return false;
    }
    SubmissionFailedEvent e = (SubmissionFailedEvent) o;
    return attempts == e.attempts && creationTimestamp == e.creationTimestamp && Objects.equals(jobId, e.jobId)
        && Objects.equals(idempotencyToken, e.idempotencyToken) && Objects.equals(idempotencyKey, e.idempotencyKey)
        && errorKind.equals(e.errorKind) && Objects.equals(httpStatus, e.httpStatus)
        && Objects.equals(errorCode, e.errorCode) && message.equals(e.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobId, idempotencyToken, idempotencyKey, errorKind, httpStatus, errorCode, message,
        attempts, creationTimestamp);
  }

  @Override
  public String toString() {
    return new ToString(TYPE).add("jobId", jobId).add("idempotencyToken", idempotencyToken)
        .add("idempotencyKey", idempotencyKey).add("errorKind", errorKind).add("httpStatus", httpStatus)
        .add("errorCode", errorCode).add("message", message).add("attempts", attempts)
        .add("creationTimestamp", creationTimestamp).toString();
  }

  /** Builds a {@link SubmissionFailedEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Long jobId;
    private @Nullable String idempotencyToken;
    private @Nullable String idempotencyKey;
    private @Nullable String errorKind;
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

    /** The job, {@code > 0}; unset for one-time runs. */
    public Builder jobId(long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The job, {@code > 0}; {@code null} (the default) for one-time runs. */
    public Builder jobId(@Nullable Long jobId) {
      this.jobId = jobId;
      return this;
    }

    /** The {@code idempotency_token} sent; default none. */
    public Builder idempotencyToken(@Nullable String idempotencyToken) {
      this.idempotencyToken = idempotencyToken;
      return this;
    }

    /** The caller's idempotency key; default none. */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** Required; {@code API_ERROR}, {@code TRANSPORT}, {@code VALIDATION} or another kind, not blank. */
    public Builder errorKind(@Nullable String errorKind) {
      this.errorKind = errorKind;
      return this;
    }

    /** The last HTTP status, 100..599; default none. */
    public Builder httpStatus(@Nullable Integer httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    /** The Databricks {@code error_code}; default none. */
    public Builder errorCode(@Nullable String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    /** Required; what failed. Must not contain secrets (anything token-like is masked anyway). */
    public Builder message(@Nullable String message) {
      this.message = message;
      return this;
    }

    /** Requests sent, {@code >= 0}; default 0 (failed before sending). */
    public Builder attempts(int attempts) {
      this.attempts = attempts;
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
     * @throws IllegalStateException if {@code errorKind}, {@code message} or {@code creationTimestamp} is
     *     unset
     * @throws IllegalArgumentException if a value is out of range or blank (the message names it)
     */
    public SubmissionFailedEvent build() {
      return new SubmissionFailedEvent(this);
    }
  }
}
