package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

  static List<ExecutorEvent> events() {
    return TestEvents.all();
  }

  @ParameterizedTest
  @MethodSource("events")
  void toJsonThenFromJson_everyType_givesEqualEvent(ExecutorEvent event) {
    String json = EventCodec.toJson(event);

    ExecutorEvent read = EventCodec.fromJson(json);

    assertThat(read).isEqualTo(event).hasSameHashCodeAs(event);
    assertThat(EventCodec.toRecord(read)).isEqualTo(EventCodec.toRecord(event));
    assertThat(EventCodec.toJson(read)).isEqualTo(json);
  }

  @ParameterizedTest
  @MethodSource("events")
  void toRecord_everyType_carriesTypeVersionAndTimestampHeaders(ExecutorEvent event) {
    EventRecord record = EventCodec.toRecord(event);

    assertThat(record.headerAttributes().get("sdc.event.type")).isEqualTo(event.type())
        .isEqualTo(event.getClass().getSimpleName());
    assertThat(record.headerAttributes().get("sdc.event.version")).isEqualTo(Integer.toString(event.version()));
    assertThat(record.headerAttributes().get("sdc.event.creation_timestamp"))
        .isEqualTo(Long.toString(event.creationTimestamp()));
  }

  @ParameterizedTest
  @MethodSource("events")
  void toBuilderThenBuild_everyType_givesEqualEvent(ExecutorEvent event) {
    ExecutorEvent copy;
    if (event instanceof AppSubmittedEvent) {
      copy = ((AppSubmittedEvent) event).toBuilder().build();
    } else if (event instanceof QueueReportedEvent) {
      copy = ((QueueReportedEvent) event).toBuilder().build();
    } else if (event instanceof RunQueuedEvent) {
      copy = ((RunQueuedEvent) event).toBuilder().build();
    } else if (event instanceof RunSkippedEvent) {
      copy = ((RunSkippedEvent) event).toBuilder().build();
    } else if (event instanceof RunStateChangedEvent) {
      copy = ((RunStateChangedEvent) event).toBuilder().build();
    } else if (event instanceof RunTerminatedEvent) {
      copy = ((RunTerminatedEvent) event).toBuilder().build();
    } else {
      copy = ((SubmissionFailedEvent) event).toBuilder().build();
    }

    assertThat(copy).isEqualTo(event);
    assertThat(copy.toString()).isEqualTo(event.toString()).startsWith(event.type() + "[");
  }
}
