package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.EventRecord;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.QueueReportedEvent;
import io.github.dbexec.events.RunQueuedEvent;
import io.github.dbexec.events.RunSkippedEvent;
import io.github.dbexec.events.SubmissionFailedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  void runNow_started_emitsSeedCompatibleAppSubmittedEventThenTheQueueReport() {
    Submission s;
    List<ExecutorEvent> whenRunNowReturned;
    try (DatabricksExecutor executor = executor(sink)) {
      s = executor.job(job).notebookParams(Map.of("file", "a")).idempotencyKey("file:a").runNow();
      whenRunNowReturned = sink.events();
    }

    assertThat(whenRunNowReturned).first().isInstanceOf(AppSubmittedEvent.class);
    assertThat(sink.events()).extracting(ExecutorEvent::type)
        .containsExactly("AppSubmittedEvent", "QueueReportedEvent");
    AppSubmittedEvent event = sink.events(AppSubmittedEvent.class).get(0);
    assertThat(event.runId()).isEqualTo(s.runId());
    assertThat(event.idempotencyToken()).isEqualTo(s.idempotencyToken());
    assertThat(event.queueOutcome()).isEqualTo(AppSubmittedEvent.QueueOutcome.UNKNOWN);
    assertThat(event.queueReason()).contains("QueueReportedEvent");
    QueueReportedEvent reported = sink.events(QueueReportedEvent.class).get(0);
    assertThat(reported.runId()).isEqualTo(s.runId());
    assertThat(reported.jobId()).isEqualTo(job);
    assertThat(reported.queueOutcome()).isEqualTo(AppSubmittedEvent.QueueOutcome.STARTED);
    assertThat(reported.maxConcurrentRuns()).isEqualTo(1);
    assertThat(reported.queueEnabled()).isTrue();
    assertThat(reported.runPageUrl()).isEqualTo(server.requireRun(s.runId()).runPageUrl());
    assertThat(reported.deduplicated()).isFalse();
    EventRecord record = EventCodec.toRecord(event);
    assertThat(record.headerAttributes())
        .containsEntry("sdc.event.type", "AppSubmittedEvent")
        .containsKey("sdc.event.version")
        .containsEntry("sdc.event.creation_timestamp", Long.toString(time.millis()));
    assertThat(String.valueOf(record.fields().get("app_id"))).isEqualTo(Long.toString(s.runId()));
  }

  @Test
  void runNow_queued_emitsAppSubmittedThenQueueReportedThenRunQueued() {
    try (DatabricksExecutor executor = executor(sink)) {
      Submission started = executor.job(job).runNow();
      Submission queued = executor.job(job).runNow();

      queued.queueReport(); // its events are delivered when it returns
      started.queueReport();

      assertThat(eventsOf(started.runId())).containsExactly("AppSubmittedEvent", "QueueReportedEvent STARTED");
      assertThat(eventsOf(queued.runId())).containsExactly("AppSubmittedEvent",
          "QueueReportedEvent QUEUED MAX_CONCURRENT_RUNS_REACHED", "RunQueuedEvent MAX_CONCURRENT_RUNS_REACHED");
      RunQueuedEvent event = sink.events(RunQueuedEvent.class).get(0);
      assertThat(event.runId()).isEqualTo(queued.runId());
      assertThat(event.jobId()).isEqualTo(job);
    }
  }

  @Test
  void runNow_skipped_emitsQueueReportedThenRunSkippedWithTheTerminationCode() {
    long noQueue = server.createJob(JobSpec.builder().name("nq").maxConcurrentRuns(1).queueEnabled(false)
        .notebookTask("/nb").build());
    try (DatabricksExecutor executor = executor(sink)) {
      executor.job(noQueue).runNow();
      Submission skipped = executor.job(noQueue).runNow();

      assertThat(skipped.queueReport().outcome()).isEqualTo(QueueOutcome.SKIPPED);

      assertThat(eventsOf(skipped.runId())).containsExactly("AppSubmittedEvent",
          "QueueReportedEvent SKIPPED MAX_CONCURRENT_RUNS_EXCEEDED", "RunSkippedEvent MAX_CONCURRENT_RUNS_EXCEEDED");
      assertThat(sink.events(RunSkippedEvent.class)).singleElement().satisfies(e -> {
        assertThat(e.maxConcurrentRuns()).isEqualTo(1);
        assertThat(e.stateMessage()).contains("maximum concurrent runs");
      });
    }
  }

  /** The events of one run, in the order the sink received them: type, and outcome and code where they have one. */
  private List<String> eventsOf(long runId) {
    List<String> lines = new ArrayList<>();
    for (ExecutorEvent e : sink.events()) {
      if (e instanceof AppSubmittedEvent a && a.runId() == runId) {
        lines.add(e.type());
      } else if (e instanceof QueueReportedEvent q && q.runId() == runId) {
        lines.add(e.type() + " " + q.queueOutcome() + (q.queueCode() == null ? "" : " " + q.queueCode()));
      } else if (e instanceof RunQueuedEvent q && q.runId() == runId) {
        lines.add(e.type() + " " + q.queueCode());
      } else if (e instanceof RunSkippedEvent k && k.runId() == runId) {
        lines.add(e.type() + " " + k.terminationCode());
      }
    }
    return lines;
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
