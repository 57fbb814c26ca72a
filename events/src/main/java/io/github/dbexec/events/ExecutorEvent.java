package io.github.dbexec.events;

/**
 * Something the executor did or saw: it started a run, a run was queued or skipped at the concurrency
 * limit, a run changed state or terminated, or a submission failed.
 *
 * <p>Every event is an immutable, thread-safe value with {@code equals}, {@code hashCode} and
 * {@code toString}; it never holds a secret. Each converts to a seed-compatible {@link EventRecord} (header
 * attributes {@code sdc.event.type}, {@code sdc.event.version}, {@code sdc.event.creation_timestamp} and
 * snake_case fields) with {@link #toRecord()}, and back with {@link EventRecord#toEvent()}. The JSON schema
 * is documented in {@code docs/events.md}.
 */
public sealed interface ExecutorEvent
    permits AppSubmittedEvent, RunQueuedEvent, RunSkippedEvent, RunStateChangedEvent, RunTerminatedEvent,
        SubmissionFailedEvent {

  /** The event type, for example {@code "AppSubmittedEvent"}; header attribute {@code sdc.event.type}. */
  String type();

  /**
   * The version of this type's record layout; header attribute {@code sdc.event.version} (written as a
   * string, as the seed did). A version changes only when a field is removed or changes meaning; new
   * optional fields do not change it.
   */
  int version();

  /** When the event was created, in epoch milliseconds; header attribute {@code sdc.event.creation_timestamp}. */
  long creationTimestamp();

  /** This event as a seed-shaped record of header attributes and fields. */
  EventRecord toRecord();

  /** This event as one line of compact JSON (no trailing newline); same as {@code toRecord().toJson()}. */
  default String toJson() {
    return toRecord().toJson();
  }
}
