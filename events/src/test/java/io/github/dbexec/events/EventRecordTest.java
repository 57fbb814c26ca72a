package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRecordTest {

  @Test
  void toRecord_appSubmitted_hasSeedHeaderNamesAndStringValues() {
    AppSubmittedEvent event = TestEvents.appSubmitted();

    EventRecord record = EventCodec.toRecord(event);

    assertThat(record.headerAttributes()).containsExactly(
        Map.entry("sdc.event.type", "AppSubmittedEvent"),
        Map.entry("sdc.event.version", "1"),
        Map.entry("sdc.event.creation_timestamp", "1724000000001"));
    assertThat(record.type()).isEqualTo("AppSubmittedEvent");
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.creationTimestamp()).isEqualTo(1_724_000_000_001L);
  }

  @Test
  void toRecord_appSubmitted_appIdIsTheRunIdAsLong() {
    AppSubmittedEvent event = TestEvents.appSubmitted();

    EventRecord record = EventCodec.toRecord(event);

    assertThat(record.fields().get("app_id")).isInstanceOf(Long.class).isEqualTo(455644833L);
    assertThat(record.fields().get("run_id")).isEqualTo(455644833L);
    assertThat(record.fields()).doesNotContainKey("app-id");
  }

  @Test
  void toJson_minimalAppSubmitted_isExactSeedCompatibleLine() {
    AppSubmittedEvent event = TestEvents.appSubmittedMinimal();

    String json = EventCodec.toJson(event);

    assertThat(json).isEqualTo("{\"headerAttributes\":{\"sdc.event.type\":\"AppSubmittedEvent\","
        + "\"sdc.event.version\":\"1\",\"sdc.event.creation_timestamp\":\"1724000000000\"},"
        + "\"fields\":{\"app_id\":7,\"run_id\":7,\"idempotency_token\":\"tok\",\"queue_outcome\":\"STARTED\","
        + "\"submitted_at\":1724000000000}}");
  }

  @Test
  void toEvent_seedRecordWithHyphenatedAppId_readsRunId() {
    String seedJson = "{\"headerAttributes\":{\"sdc.event.type\":\"AppSubmittedEvent\","
        + "\"sdc.event.version\":\"1\",\"sdc.event.creation_timestamp\":\"1724000000000\"},"
        + "\"fields\":{\"app-id\":455644833}}";

    ExecutorEvent event = EventCodec.fromJson(seedJson);

    assertThat(event).isInstanceOf(AppSubmittedEvent.class);
    AppSubmittedEvent submitted = (AppSubmittedEvent) event;
    assertThat(submitted.runId()).isEqualTo(455644833L);
    assertThat(submitted.idempotencyToken()).isNull();
    assertThat(submitted.queueOutcome()).isEqualTo(AppSubmittedEvent.QueueOutcome.UNKNOWN);
    assertThat(submitted.submittedAt()).isEqualTo(1_724_000_000_000L);
    assertThat(submitted.jobId()).isNull();
  }

  @Test
  void toEvent_appIdAsString_readsRunId() {
    EventRecord record = EventRecord.of("AppSubmittedEvent", 1, 5L, Map.of("app_id", "455644833"));

    AppSubmittedEvent event = (AppSubmittedEvent) EventCodec.toEvent(record);

    assertThat(event.runId()).isEqualTo(455644833L);
  }

  @Test
  void fromJson_unknownFieldsAndTopLevelNames_areToleratedAndKept() {
    String json = "{\"headerAttributes\":{\"sdc.event.type\":\"RunQueuedEvent\",\"sdc.event.version\":\"1\","
        + "\"sdc.event.creation_timestamp\":\"10\",\"sdc.event.stage_creator\":\"x\"},"
        + "\"fields\":{\"run_id\":3,\"future_field\":{\"a\":[1,2.5,null,true]},\"huge\":123456789012345678901234},"
        + "\"somethingElse\":[1,2]}";

    EventRecord record = EventRecord.fromJson(json);
    RunQueuedEvent event = (RunQueuedEvent) EventCodec.toEvent(record);

    assertThat(event.runId()).isEqualTo(3L);
    assertThat(record.headerAttributes()).containsEntry("sdc.event.stage_creator", "x");
    assertThat(record.fields().get("huge")).isEqualTo(new BigDecimal("123456789012345678901234"));
    assertThat(EventRecord.fromJson(record.toJson())).isEqualTo(record);
    assertThat(record.toJson()).contains("\"future_field\":{\"a\":[1,2.5,null,true]}");
  }

  @Test
  void fromJson_idAbove2Pow53_isReadExactly() {
    long big = 9_007_199_254_740_993L;
    String json = EventCodec.toJson(RunQueuedEvent.builder().runId(big).creationTimestamp(1).build());

    RunQueuedEvent event = (RunQueuedEvent) EventCodec.fromJson(json);

    assertThat(event.runId()).isEqualTo(big);
  }

  @Test
  void fromJson_versionWrittenAsNumber_isAccepted() {
    String json = "{\"headerAttributes\":{\"sdc.event.type\":\"RunQueuedEvent\",\"sdc.event.version\":2,"
        + "\"sdc.event.creation_timestamp\":10},\"fields\":{\"run_id\":3}}";

    EventRecord record = EventRecord.fromJson(json);

    assertThat(record.version()).isEqualTo(2);
    assertThat(record.headerAttributes()).containsEntry("sdc.event.version", "2");
    assertThat(EventCodec.toEvent(record)).isInstanceOf(RunQueuedEvent.class);
  }

  @Test
  void toEvent_closedSetValuesThisVersionDoesNotKnow_readAsUnknown() {
    EventRecord submitted = EventRecord.of("AppSubmittedEvent", 1, 5L,
        Map.of("app_id", 7L, "idempotency_token", "t", "queue_outcome", "DEFERRED", "submitted_at", 5L));
    EventRecord failed = EventRecord.of("SubmissionFailedEvent", 1, 5L,
        Map.of("error_kind", "QUOTA", "message", "m", "attempts", 1L));

    assertThat(((AppSubmittedEvent) EventCodec.toEvent(submitted)).queueOutcome())
        .isEqualTo(AppSubmittedEvent.QueueOutcome.UNKNOWN);
    assertThat(((SubmissionFailedEvent) EventCodec.toEvent(failed)).errorKind())
        .isEqualTo(SubmissionFailedEvent.ErrorKind.UNKNOWN);
  }

  @Test
  void toEvent_valueOutOfRange_throwsEventFormatNamingField() {
    EventRecord record = EventRecord.of("RunQueuedEvent", 1, 0L, Map.of("run_id", -3L));

    assertThatThrownBy(() -> EventCodec.toEvent(record))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("RunQueuedEvent record is invalid: runId must be > 0 but was -3");
  }

  @Test
  void toEvent_unknownType_throwsUnknownEventTypeNamingIt() {
    EventRecord record = EventRecord.of("RunExplodedEvent", 1, 0L, Map.of());

    assertThatThrownBy(() -> EventCodec.toEvent(record))
        .isInstanceOf(UnknownEventTypeException.class)
        .hasMessageContaining("'RunExplodedEvent'")
        .hasMessageContaining("AppSubmittedEvent")
        .satisfies(e -> assertThat(((UnknownEventTypeException) e).type()).isEqualTo("RunExplodedEvent"));
  }

  @Test
  void toEvent_missingRequiredField_throwsNamingField() {
    EventRecord record = EventRecord.of("RunTerminatedEvent", 1, 0L, Map.of("run_id", 5L));

    assertThatThrownBy(() -> EventCodec.toEvent(record))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("life_cycle_state");
  }

  @Test
  void toEvent_wrongFieldType_throwsNamingFieldAndValue() {
    EventRecord record = EventRecord.of("RunQueuedEvent", 1, 0L, Map.of("run_id", "abc"));

    assertThatThrownBy(() -> EventCodec.toEvent(record))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("run_id")
        .hasMessageContaining("\"abc\"");
  }

  @ParameterizedTest
  @MethodSource("badJson")
  void fromJson_malformed_throwsEventFormatException(String json, String expectedMessagePart) {
    assertThatThrownBy(() -> EventRecord.fromJson(json))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining(expectedMessagePart);
  }

  static List<Object[]> badJson() {
    return List.of(
        new Object[] {"{\"headerAttributes\":", "malformed"},
        new Object[] {"{\"fields\":{}}", "headerAttributes"},
        new Object[] {"{\"headerAttributes\":{\"sdc.event.version\":\"1\",\"sdc.event.creation_timestamp\":\"1\"}}",
            "sdc.event.type"},
        new Object[] {"{\"headerAttributes\":{\"sdc.event.type\":\"X\",\"sdc.event.version\":\"one\","
            + "\"sdc.event.creation_timestamp\":\"1\"}}", "sdc.event.version"},
        new Object[] {"{\"headerAttributes\":{\"sdc.event.type\":\"X\",\"sdc.event.version\":\"1\"}}",
            "sdc.event.creation_timestamp"},
        new Object[] {"{\"headerAttributes\":{\"sdc.event.type\":\"X\",\"sdc.event.version\":\"1\","
            + "\"sdc.event.creation_timestamp\":\"1\"}} trailing", "malformed"},
        new Object[] {"null", "null"});
  }

  @Test
  void of_integerAndDoubleValues_areNormalised() {
    EventRecord record = EventRecord.of("X", 1, 0L, Map.of("i", 5, "d", 1.5));

    assertThat(record.fields().get("i")).isEqualTo(5L);
    assertThat(record.fields().get("d")).isEqualTo(new BigDecimal("1.5"));
  }

  @Test
  void toJson_messageWithNewlines_staysOnOneLine() {
    SubmissionFailedEvent event = TestEvents.submissionFailed().toBuilder().message("line1\nline2\u2028x").build();

    String json = EventCodec.toJson(event);

    assertThat(json).doesNotContain("\n").doesNotContain("\u2028");
    assertThat(EventCodec.fromJson(json)).isEqualTo(event);
  }
}
