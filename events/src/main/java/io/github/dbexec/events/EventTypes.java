package io.github.dbexec.events;

import io.github.dbexec.events.internal.FieldReader;
import java.util.List;

/** The known event types and how each is read from a record. */
final class EventTypes {
  static final List<String> KNOWN = List.of(AppSubmittedEvent.TYPE, RunQueuedEvent.TYPE, RunSkippedEvent.TYPE,
      RunStateChangedEvent.TYPE, RunTerminatedEvent.TYPE, SubmissionFailedEvent.TYPE);

  private EventTypes() {}

  static ExecutorEvent toEvent(EventRecord record) {
    String type = record.type();
    FieldReader fields = new FieldReader(type, record.fields());
    long created = record.creationTimestamp();
    try {
      switch (type) {
        case AppSubmittedEvent.TYPE:
          return AppSubmittedEvent.fromRecord(fields, created);
        case RunQueuedEvent.TYPE:
          return RunQueuedEvent.fromRecord(fields, created);
        case RunSkippedEvent.TYPE:
          return RunSkippedEvent.fromRecord(fields, created);
        case RunStateChangedEvent.TYPE:
          return RunStateChangedEvent.fromRecord(fields, created);
        case RunTerminatedEvent.TYPE:
          return RunTerminatedEvent.fromRecord(fields, created);
        case SubmissionFailedEvent.TYPE:
          return SubmissionFailedEvent.fromRecord(fields, created);
        default:
          throw new UnknownEventTypeException(type);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new EventFormatException(type + " record is invalid: " + e.getMessage(), e);
    }
  }
}
