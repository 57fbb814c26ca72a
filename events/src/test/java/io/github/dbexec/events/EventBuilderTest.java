package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.AppSubmittedEvent.QueueOutcome;
import org.junit.jupiter.api.Test;

class EventBuilderTest {

  @Test
  void appSubmittedBuild_withoutRunId_failsNamingRunId() {
    AppSubmittedEvent.Builder builder = AppSubmittedEvent.builder().idempotencyToken("t").queueOutcome(QueueOutcome.STARTED)
        .submittedAt(1);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessage("runId is required");
  }

  @Test
  void appSubmittedBuild_withoutIdempotencyToken_failsNamingIt() {
    AppSubmittedEvent.Builder builder = AppSubmittedEvent.builder().runId(1).queueOutcome(QueueOutcome.STARTED).submittedAt(1);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idempotencyToken is required");
  }

  @Test
  void appSubmittedBuild_zeroRunId_failsNamingFieldAndValue() {
    AppSubmittedEvent.Builder builder = TestEvents.appSubmitted().toBuilder().runId(0);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runId must be > 0 but was 0");
  }

  @Test
  void appSubmittedBuild_noCreationTimestamp_defaultsToSubmittedAt() {
    AppSubmittedEvent event = TestEvents.appSubmittedMinimal();

    assertThat(event.creationTimestamp()).isEqualTo(event.submittedAt()).isEqualTo(TestEvents.T0);
  }

  @Test
  void appSubmitted_oneTimeRun_hasNoJobIdOrNumberInJob() {
    AppSubmittedEvent event = TestEvents.appSubmittedMinimal();

    assertThat(event.jobId()).isNull();
    assertThat(event.numberInJob()).isNull();
    assertThat(EventCodec.toRecord(event).fields()).doesNotContainKeys("job_id", "number_in_job", "run_page_url");
  }

  @Test
  void appSubmittedJobId_nullLong_isAbsent() {
    AppSubmittedEvent event = TestEvents.appSubmitted().toBuilder().jobId((Long) null).build();

    assertThat(event.jobId()).isNull();
  }

  @Test
  void runTerminatedBuild_negativeDuration_failsNamingIt() {
    RunTerminatedEvent.Builder builder = TestEvents.runTerminated().toBuilder().runDuration(-1);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runDuration must be >= 0 but was -1");
  }

  @Test
  void runStateChangedBuild_withoutCreationTimestamp_failsNamingIt() {
    RunStateChangedEvent.Builder builder = RunStateChangedEvent.builder().runId(1).lifeCycleState("RUNNING");

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("creationTimestamp is required");
  }

  @Test
  void submissionFailedBuild_badHttpStatus_failsNamingIt() {
    SubmissionFailedEvent.Builder builder = TestEvents.submissionFailed().toBuilder().httpStatus(42);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("httpStatus");
  }

  @Test
  void equals_differentCreationTimestamp_notEqual() {
    RunQueuedEvent a = TestEvents.runQueued();

    RunQueuedEvent b = a.toBuilder().creationTimestamp(a.creationTimestamp() + 1).build();

    assertThat(a).isNotEqualTo(b);
    assertThat(a).isEqualTo(a.toBuilder().build());
  }

  @Test
  void runTerminated_isSuccess_followsResultState() {
    assertThat(TestEvents.runTerminated().isSuccess()).isTrue();
    assertThat(TestEvents.runTerminated().toBuilder().resultState("FAILED").build().isSuccess()).isFalse();
  }
}
