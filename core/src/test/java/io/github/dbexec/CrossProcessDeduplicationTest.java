package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.QueueReportedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trigger re-delivered to another process after a restart: Databricks answers its run-now with the run the first
 * process started (same idempotency key, same token). The second executor knows it did not start the run when the
 * run's start_time is more than the clock-skew margin before its own first request; it then reports the submission
 * as deduplicated, and still emits the AppSubmittedEvent (the first process may never have written its own), which
 * readers deduplicate by app_id. The run is read for the queue report, after runNow() returned, so the check is made
 * then: {@code Submission.deduplicated()} waits for it, and the run's QueueReportedEvent carries it. Two executors on the fake's clock stand for the two processes.
 */
class CrossProcessDeduplicationTest {
  private FakeJobsServer server;
  private FakeTime time;
  private long job;
  private final InMemoryEventSink firstEvents = new InMemoryEventSink();
  private final InMemoryEventSink secondEvents = new InMemoryEventSink();

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofHours(2)).start();
    job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Submission runNowInAProcess(InMemoryEventSink sink, QueueReporting reporting) {
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-dedup")
        .clock(time).sleeper(time).queueReporting(reporting).addEventSink(sink).build()) {
      return executor.job(job).idempotencyKey("file-closed:/in/part-1").runNow();
    }
  }

  @Test
  void runNow_triggerRedeliveredTenMinutesLater_reportedDeduplicatedAndTheEventCarriesTheSameAppId() {
    Submission first = runNowInAProcess(firstEvents, QueueReporting.RUN_STATE);
    time.fakeClock().advance(Duration.ofMinutes(10));

    Submission second = runNowInAProcess(secondEvents, QueueReporting.RUN_STATE);

    assertThat(first.deduplicated()).isFalse();
    assertThat(second.deduplicated()).isTrue();
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(server.runCount()).isEqualTo(1);
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(2);
    assertThat(secondEvents.events(AppSubmittedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.runId()).isEqualTo(first.runId()));
    assertThat(firstEvents.events(AppSubmittedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.runId()).isEqualTo(first.runId()));
    // the check is made with the queue report, after runNow() returned: its event carries it
    assertThat(second.info().deduplicated()).isFalse();
    assertThat(secondEvents.events(QueueReportedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.deduplicated()).isTrue());
    assertThat(firstEvents.events(QueueReportedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.deduplicated()).isFalse());
  }

  @Test
  void runNow_triggerRedeliveredWithinTheClockSkewMargin_notKnownSoNotDeduplicated() {
    Submission first = runNowInAProcess(firstEvents, QueueReporting.RUN_STATE);
    time.fakeClock().advance(Duration.ofSeconds(30));

    Submission second = runNowInAProcess(secondEvents, QueueReporting.RUN_STATE);

    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.deduplicated()).isFalse();
    assertThat(secondEvents.events(AppSubmittedEvent.class)).hasSize(1);
  }

  @Test
  void runNow_queueReportingOff_theRunIsNotReadSoNotDeduplicated() {
    Submission first = runNowInAProcess(firstEvents, QueueReporting.OFF);
    time.fakeClock().advance(Duration.ofMinutes(10));

    Submission second = runNowInAProcess(secondEvents, QueueReporting.OFF);

    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.deduplicated()).isFalse();
    assertThat(server.journal().count("GET", "/jobs/runs/get")).isZero();
  }
}
