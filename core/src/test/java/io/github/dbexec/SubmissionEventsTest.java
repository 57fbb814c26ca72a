package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.EventRecord;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.RunQueuedEvent;
import io.github.dbexec.events.SubmissionFailedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmissionEventsTest {
  private FakeJobsServer server;
  private FakeTime time;
  private final InMemoryEventSink sink = new InMemoryEventSink();
  private long job;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(10)).start();
    job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1).queueEnabled(true)
        .notebookTask("/nb").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DatabricksExecutor executor(EventSink... sinks) {
    DatabricksExecutor.Builder b = DatabricksExecutor.builder().host(server.url()).token("dapi-any")
        .clock(time).sleeper(time);
    for (EventSink s : sinks) {
      b.addEventSink(s);
    }
    return b.build();
  }

  @Test
  void runNow_started_emitsSeedCompatibleAppSubmittedEvent() {
    Submission s;
    try (DatabricksExecutor executor = executor(sink)) {
      s = executor.job(job).notebookParams(Map.of("file", "a")).idempotencyKey("file:a").runNow();
    }

    assertThat(sink.events()).hasSize(1);
    AppSubmittedEvent event = sink.events(AppSubmittedEvent.class).get(0);
    assertThat(event.runId()).isEqualTo(s.runId());
    assertThat(event.idempotencyToken()).isEqualTo(s.idempotencyToken());
    assertThat(event.queueOutcome()).isEqualTo(AppSubmittedEvent.QueueOutcome.STARTED);
    EventRecord record = EventCodec.toRecord(event);
    assertThat(record.headerAttributes())
        .containsEntry("sdc.event.type", "AppSubmittedEvent")
        .containsKey("sdc.event.version")
        .containsEntry("sdc.event.creation_timestamp", Long.toString(time.millis()));
    assertThat(String.valueOf(record.fields().get("app_id"))).isEqualTo(Long.toString(s.runId()));
  }

  @Test
  void runNow_queued_emitsAppSubmittedAndRunQueued() {
    try (DatabricksExecutor executor = executor(sink)) {
      executor.job(job).runNow();
      Submission queued = executor.job(job).runNow();

      assertThat(sink.events()).extracting(ExecutorEvent::type)
          .containsExactly("AppSubmittedEvent", "AppSubmittedEvent", "RunQueuedEvent");
      RunQueuedEvent event = sink.events(RunQueuedEvent.class).get(0);
      assertThat(event.runId()).isEqualTo(queued.runId());
    }
  }

  @Test
  void runNow_redelivered_emitsNoSecondAppSubmittedEvent() {
    try (DatabricksExecutor executor = executor(sink)) {
      executor.job(job).idempotencyKey("k").runNow();
      executor.job(job).idempotencyKey("k").runNow();
    }

    assertThat(sink.events(AppSubmittedEvent.class)).hasSize(1);
  }

  @Test
  void runNow_throwingSink_submissionSucceedsAndOtherSinksStillReceive() {
    EventSink broken = e -> {
      throw new IllegalStateException("disk full");
    };
    Submission s;
    try (DatabricksExecutor executor = executor(broken, sink)) {
      s = executor.job(job).runNow();
    }

    assertThat(s.runId()).isPositive();
    assertThat(sink.events(AppSubmittedEvent.class)).extracting(AppSubmittedEvent::runId).containsExactly(s.runId());
  }

  @Test
  void runNow_missingJob_emitsSubmissionFailedWithoutSecret() {
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-secret-123")
        .addEventSink(sink).clock(time).sleeper(time).build()) {
      assertThatThrownBy(() -> executor.job(999_999L).idempotencyKey("k").runNow())
          .isInstanceOf(ResourceNotFoundException.class);
    }

    SubmissionFailedEvent failed = sink.events(SubmissionFailedEvent.class).get(0);
    assertThat(failed.httpStatus()).isEqualTo(400);
    assertThat(failed.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(EventCodec.toJson(failed)).doesNotContain("dapi-secret-123");
  }
}
