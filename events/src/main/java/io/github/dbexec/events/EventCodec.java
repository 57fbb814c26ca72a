package io.github.dbexec.events;

import io.github.dbexec.events.AppSubmittedEvent.QueueOutcome;
import io.github.dbexec.events.SubmissionFailedEvent.ErrorKind;
import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.FieldReader;
import io.github.dbexec.events.internal.RecordFields;
import java.util.List;

/**
 * Converts typed {@link ExecutorEvent}s to {@link EventRecord}s and back, and both to and from their one-line
 * JSON form. This is the one place that knows which record field holds which event value; the field lists
 * of each type are in its class documentation and in the events documentation.
 *
 * <p>Writing leaves absent ({@code null}) values out. Reading is tolerant: fields the typed event does not
 * know are ignored (so newer records stay readable), integers may arrive as JSON numbers or decimal strings,
 * closed sets ({@code queue_outcome}, {@code error_kind}) read values this version does not know as
 * {@code UNKNOWN}, and {@code app-id}, the spelling StreamSets Data Collector's Databricks executor wrote,
 * is accepted for {@code app_id}.
 *
 * <pre>{@code
 * String line = EventCodec.toJson(event);            // {"headerAttributes":{...},"fields":{...}}
 * ExecutorEvent again = EventCodec.fromJson(line);   // equal to event
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class EventCodec {
  private static final List<String> KNOWN_TYPES = List.of(AppSubmittedEvent.TYPE, QueueReportedEvent.TYPE,
      RunQueuedEvent.TYPE, RunSkippedEvent.TYPE, RunStateChangedEvent.TYPE, RunTerminatedEvent.TYPE, SubmissionFailedEvent.TYPE);

  private EventCodec() {}

  /**
   * The {@code sdc.event.type} values this version reads into typed events.
   *
   * @return the types, in the order this class documents them; an unmodifiable list
   */
  public static List<String> knownTypes() {
    return KNOWN_TYPES;
  }

  /**
   * The event as a record of header attributes and fields; absent values are left out.
   *
   * @param event the event to write, not null
   * @return a new record holding the event's header attributes and fields
   */
  public static EventRecord toRecord(ExecutorEvent event) {
    Checks.notNull(event, "event");
    return EventRecord.of(event.type(), event.version(), event.creationTimestamp(), fields(event).toMap());
  }

  /**
   * The event as one line of compact JSON, without a trailing newline; same as {@code toRecord(event).toJson()}.
   *
   * @param event the event to write, not null
   * @return one line of JSON, as written by {@link JsonLinesFileSink}
   */
  public static String toJson(ExecutorEvent event) {
    return toRecord(event).toJson();
  }

  /**
   * The record as its typed event.
   *
   * @param record a record, for example one read from a JSON Lines file or from StreamSets Data Collector, not null
   * @return the typed event; its class follows from the record's {@code sdc.event.type}
   * @throws UnknownEventTypeException if the record's type is not one of {@link #knownTypes()}
   * @throws EventFormatException if a field the typed event requires is absent or has the wrong type, or a
   *     value is out of range (the message names the field)
   */
  public static ExecutorEvent toEvent(EventRecord record) {
    Checks.notNull(record, "record");
    String type = record.type();
    FieldReader f = new FieldReader(type, record.fields());
    long created = record.creationTimestamp();
    try {
      switch (type) {
        case AppSubmittedEvent.TYPE:
          Long submittedAt = f.optLong("submitted_at");
          return new AppSubmittedEvent(
              f.requireLong(EventRecord.FIELD_APP_ID, EventRecord.FIELD_APP_ID_HYPHENATED, "run_id"),
              f.optLong("job_id"), f.optLong("number_in_job"), f.optString("idempotency_token"),
              f.optString("idempotency_key"),
              Checks.lenient(QueueOutcome.class, f.optString("queue_outcome"), QueueOutcome.UNKNOWN),
              f.optString("queue_code"), f.optString("queue_reason"), f.optInt("max_concurrent_runs"),
              f.optBoolean("queue_enabled"), f.optInt("active_runs"), f.optString("run_page_url"),
              submittedAt == null ? created : submittedAt, created);
        case QueueReportedEvent.TYPE:
          Boolean deduplicated = f.optBoolean("deduplicated");
          return new QueueReportedEvent(f.requireLong("run_id"), f.optLong("job_id"),
              Checks.lenient(QueueOutcome.class, f.optString("queue_outcome"), QueueOutcome.UNKNOWN),
              f.optString("queue_code"), f.optString("queue_reason"), f.optString("life_cycle_state"),
              f.optInt("max_concurrent_runs"), f.optBoolean("queue_enabled"), f.optInt("active_runs"),
              f.optString("run_page_url"), Boolean.TRUE.equals(deduplicated), created);
        case RunQueuedEvent.TYPE:
          return new RunQueuedEvent(f.requireLong("run_id"), f.optLong("job_id"), f.optString("queue_code"),
              f.optString("queue_reason"), created);
        case RunSkippedEvent.TYPE:
          return new RunSkippedEvent(f.requireLong("run_id"), f.optLong("job_id"), f.optInt("max_concurrent_runs"),
              f.optString("result_state"), f.optString("termination_code"), f.optString("state_message"), created);
        case RunStateChangedEvent.TYPE:
          return new RunStateChangedEvent(f.requireLong("run_id"), f.optLong("job_id"),
              f.optString("previous_life_cycle_state"), f.requireString("life_cycle_state"),
              f.optString("status_state"), f.optString("state_message"), created);
        case RunTerminatedEvent.TYPE:
          return new RunTerminatedEvent(f.requireLong("run_id"), f.optLong("job_id"),
              f.requireString("life_cycle_state"), f.optString("result_state"), f.optString("termination_code"),
              f.optString("termination_type"), f.optString("state_message"), f.optLong("start_time", 0),
              f.optLong("end_time", 0), f.optLong("queue_duration", 0), f.optLong("setup_duration", 0),
              f.optLong("execution_duration", 0), f.optLong("cleanup_duration", 0), f.optLong("run_duration", 0),
              f.optString("failure_kind"), tasks(type, record.fields().get("tasks")), created);
        case SubmissionFailedEvent.TYPE:
          return new SubmissionFailedEvent(f.optLong("job_id"), f.optString("idempotency_token"),
              f.optString("idempotency_key"),
              Checks.lenient(ErrorKind.class, f.requireString("error_kind"), ErrorKind.UNKNOWN),
              f.optInt("http_status"), f.optString("error_code"), f.requireString("message"),
              f.requireInt("attempts"), created);
        default:
          throw new UnknownEventTypeException(type, KNOWN_TYPES);
      }
    } catch (IllegalArgumentException e) {
      throw new EventFormatException(type + " record is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Reads one line of JSON as a typed event; same as {@code toEvent(EventRecord.fromJson(json))}.
   *
   * @param json one line of JSON holding one record, as written by {@link #toJson(ExecutorEvent)}
   * @return the typed event
   * @throws EventFormatException if the JSON is not a valid record or not a valid event of a known type
   *     ({@link UnknownEventTypeException} for an unknown type)
   */
  public static ExecutorEvent fromJson(String json) {
    return toEvent(EventRecord.fromJson(json));
  }

  private static RecordFields fields(ExecutorEvent event) {
    if (event instanceof AppSubmittedEvent e) {
      return new RecordFields()
          .put(EventRecord.FIELD_APP_ID, e.runId())
          .put("run_id", e.runId())
          .put("job_id", e.jobId())
          .put("number_in_job", e.numberInJob())
          .put("idempotency_token", e.idempotencyToken())
          .put("idempotency_key", e.idempotencyKey())
          .put("queue_outcome", e.queueOutcome().name())
          .put("queue_code", e.queueCode())
          .put("queue_reason", e.queueReason())
          .put("max_concurrent_runs", e.maxConcurrentRuns())
          .put("queue_enabled", e.queueEnabled())
          .put("active_runs", e.activeRuns())
          .put("run_page_url", e.runPageUrl())
          .put("submitted_at", e.submittedAt());
    }
    if (event instanceof QueueReportedEvent e) {
      return new RecordFields()
          .put("run_id", e.runId())
          .put("job_id", e.jobId())
          .put("queue_outcome", e.queueOutcome().name())
          .put("queue_code", e.queueCode())
          .put("queue_reason", e.queueReason())
          .put("life_cycle_state", e.lifeCycleState())
          .put("max_concurrent_runs", e.maxConcurrentRuns())
          .put("queue_enabled", e.queueEnabled())
          .put("active_runs", e.activeRuns())
          .put("run_page_url", e.runPageUrl())
          .put("deduplicated", e.deduplicated());
    }
    if (event instanceof RunQueuedEvent e) {
      return new RecordFields()
          .put("run_id", e.runId())
          .put("job_id", e.jobId())
          .put("queue_code", e.queueCode())
          .put("queue_reason", e.queueReason());
    }
    if (event instanceof RunSkippedEvent e) {
      return new RecordFields()
          .put("run_id", e.runId())
          .put("job_id", e.jobId())
          .put("max_concurrent_runs", e.maxConcurrentRuns())
          .put("result_state", e.resultState())
          .put("termination_code", e.terminationCode())
          .put("state_message", e.stateMessage());
    }
    if (event instanceof RunStateChangedEvent e) {
      return new RecordFields()
          .put("run_id", e.runId())
          .put("job_id", e.jobId())
          .put("previous_life_cycle_state", e.previousLifeCycleState())
          .put("life_cycle_state", e.lifeCycleState())
          .put("status_state", e.statusState())
          .put("state_message", e.stateMessage());
    }
    if (event instanceof RunTerminatedEvent e) {
      return new RecordFields()
          .put("run_id", e.runId())
          .put("job_id", e.jobId())
          .put("life_cycle_state", e.lifeCycleState())
          .put("result_state", e.resultState())
          .put("termination_code", e.terminationCode())
          .put("termination_type", e.terminationType())
          .put("state_message", e.stateMessage())
          .put("start_time", e.startTime())
          .put("end_time", e.endTime())
          .put("queue_duration", e.queueDuration())
          .put("setup_duration", e.setupDuration())
          .put("execution_duration", e.executionDuration())
          .put("cleanup_duration", e.cleanupDuration())
          .put("run_duration", e.runDuration())
          .put("failure_kind", e.failureKind())
          .put("tasks", e.tasks().isEmpty() ? null : e.tasks().stream().map(EventCodec::taskFields).toList());
    }
    SubmissionFailedEvent e = (SubmissionFailedEvent) event; // the last type ExecutorEvent permits
    return new RecordFields()
        .put("job_id", e.jobId())
        .put("idempotency_token", e.idempotencyToken())
        .put("idempotency_key", e.idempotencyKey())
        .put("error_kind", e.errorKind().name())
        .put("http_status", e.httpStatus())
        .put("error_code", e.errorCode())
        .put("message", e.message())
        .put("attempts", e.attempts());
  }

  /** A {@link RunTerminatedEvent.Task} as the object the record's {@code tasks} list holds. */
  private static java.util.Map<String, Object> taskFields(RunTerminatedEvent.Task t) {
    return new RecordFields()
        .put("task_key", t.taskKey())
        .put("run_id", t.runId())
        .put("life_cycle_state", t.lifeCycleState())
        .put("result_state", t.resultState())
        .put("attempt_number", t.attemptNumber())
        .put("start_time", t.startTime())
        .put("end_time", t.endTime())
        .put("state_message", t.stateMessage())
        .put("error", t.error())
        .toMap();
  }

  /** The record's {@code tasks} list read back; absent is empty, anything but a list of objects an error. */
  private static List<RunTerminatedEvent.Task> tasks(String type, @org.jspecify.annotations.Nullable Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("field 'tasks' must be a list of objects");
    }
    List<RunTerminatedEvent.Task> tasks = new java.util.ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof java.util.Map<?, ?> map)) {
        throw new IllegalArgumentException("field 'tasks' must be a list of objects");
      }
      @SuppressWarnings("unchecked")
      FieldReader t = new FieldReader(type, (java.util.Map<String, Object>) map);
      tasks.add(new RunTerminatedEvent.Task(t.requireString("task_key"), t.requireLong("run_id"),
          t.optString("life_cycle_state"), t.optString("result_state"), 
          (int) Math.min(Integer.MAX_VALUE, t.optLong("attempt_number", 0)), t.optLong("start_time", 0),
          t.optLong("end_time", 0), t.optString("state_message"), t.optString("error")));
    }
    return tasks;
  }
}
