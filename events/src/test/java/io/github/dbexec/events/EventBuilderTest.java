package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventBuilderTest {

  @Test
  void appSubmittedBuild_withoutRunId_failsNamingRunId() {
    AppSubmittedEvent.Builder builder = AppSubmittedEvent.builder().idempotencyToken("t").queueOutcome("STARTED")
        .submittedAt(1);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("runId");
  }

  @Test
  void appSubmittedBuild_withoutIdempotencyToken_failsNamingIt() {
    AppSubmittedEvent.Builder builder = AppSubmittedEvent.builder().runId(1).queueOutcome("STARTED").submittedAt(1);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("idempotencyToken");
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

    assertThat(event.jobId()).isEmpty();
    assertThat(event.numberInJob()).isEmpty();
    assertThat(event.toRecord().fields()).doesNotContainKeys("job_id", "number_in_job", "run_page_url");
  }

  @Test
  void appSubmittedJobId_nullLong_isAbsent() {
    AppSubmittedEvent event = TestEvents.appSubmitted().toBuilder().jobId((Long) null).build();

    assertThat(event.jobId()).isEmpty();
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

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("creationTimestamp");
  }

  @Test
  void submissionFailedBuild_badHttpStatus_failsNamingIt() {
    SubmissionFailedEvent.Builder builder = TestEvents.submissionFailed().toBuilder().httpStatus(42);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("httpStatus");
  }

  @Test
  void submissionFailed_messageWithTokenByMistake_isMasked() {
    SubmissionFailedEvent event = TestEvents.submissionFailed().toBuilder()
        .message("401 for Authorization: Bearer dapi0123456789abcdef0123456789abcdef token=abc123 password: hunter2")
        .build();

    assertThat(event.message()).doesNotContain("dapi0123456789abcdef").doesNotContain("abc123")
        .doesNotContain("hunter2").contains("Bearer ").contains("401");
    assertThat(event.toString()).doesNotContain("hunter2");
    assertThat(event.toJson()).doesNotContain("hunter2");
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
