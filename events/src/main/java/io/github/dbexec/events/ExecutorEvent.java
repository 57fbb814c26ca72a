package io.github.dbexec.events;

/**
 * Something the executor did or saw: it started a run, learnt what Databricks did with it, a run was queued or skipped at the concurrency
 * limit, a run changed state or terminated, or a submission failed.
 *
 * <p>Every event is an immutable, thread-safe {@code record}; it never holds a secret. {@link EventCodec}
 * converts it to and from an {@link EventRecord} (header attributes {@code sdc.event.type},
 * {@code sdc.event.version}, {@code sdc.event.creation_timestamp} and snake_case fields, the record shape of
 * StreamSets Data Collector's Databricks executor) and its one-line JSON form.
 */
public sealed interface ExecutorEvent
    permits AppSubmittedEvent, QueueReportedEvent, RunQueuedEvent, RunSkippedEvent, RunStateChangedEvent, RunTerminatedEvent,
        SubmissionFailedEvent {

  /**
   * The event type, for example {@code "AppSubmittedEvent"}; header attribute {@code sdc.event.type}.
   *
   * @return the event type, never blank
   */
  String type();

  /**
   * The version of this type's record layout; header attribute {@code sdc.event.version} (written as a
   * string). A version changes only when a field is removed or changes meaning; new optional fields do not
   * change it.
   *
   * @return the record layout version, {@code >= 1}
   */
  int version();

  /**
   * When the event was created, in epoch milliseconds; header attribute {@code sdc.event.creation_timestamp}.
   *
   * @return the creation time, epoch milliseconds {@code >= 0}
   */
  long creationTimestamp();
}
