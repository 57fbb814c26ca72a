package io.github.dbexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.RunResult;
import io.github.dbexec.Submission;
import io.github.dbexec.testkit.LifeCycleState;
import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FakeJobsServerExtension;
import io.github.dbexec.testkit.FakeJobsServerTest;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A downstream team's test written only from testkit/README.md's "With JUnit 5" section: the annotation with
 * parameter injection, and a per-class server through {@code @RegisterExtension}; and README's wiring of the
 * executor's clock and sleeper to the fake's clock.
 */
class FakeServerJUnitUsageTest {

  @Test
  void awaitTermination_executorOnTheFakeClock_runEndsWithoutWallClockWaiting() {
    FakeClock clock = FakeClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-test").clock(clock)
            .runDuration(Duration.ofMinutes(5)).start();
        DatabricksExecutor executor = DatabricksExecutor.builder()
            .host(server.url()).token("dapi-test")
            .clock(clock.toJavaClock())
            .sleeper(clock::advance)
            .build()) {
      long jobId = server.createJob(JobSpec.builder().name("nightly").notebookTask("/Users/me/nightly").build());
      long wallStart = System.nanoTime();

      RunResult result = executor.job(jobId).runNow().awaitTermination(Duration.ofMinutes(10));

      assertThat(result.isSuccess()).isTrue();
      assertThat(clock.instant()).isAfterOrEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
      // a five-minute run, waited for without waiting (a generous bound: the machine may be loaded)
      assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(30));
      assertThat(server.journal().count("GET", "/jobs/runs/get")).isGreaterThanOrEqualTo(1);
    }
  }

  @Nested
  @FakeJobsServerTest(tokens = "dapi-test", manualClock = true)
  class PerTestServer {
    @Test
    void runNow_secondRunAtLimit_isQueuedUntilTheClockMoves(FakeJobsServer server, FakeClock clock) {
      long job = server.createJob(JobSpec.builder().name("ingest").maxConcurrentRuns(1).queueEnabled(true)
          .notebookTask("/nb").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test").build()) {
        Submission first = executor.job(job).idempotencyKey("a").runNow();
        Submission second = executor.job(job).idempotencyKey("b").runNow();

        assertThat(first.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
        assertThat(second.queueReport().outcome()).isEqualTo(QueueOutcome.QUEUED);
        clock.advance(Duration.ofHours(1));
        assertThat(server.requireRun(second.runId()).lifeCycleState()).isNotEqualTo(LifeCycleState.QUEUED);
      }
    }
  }

  @Nested
  class PerClassServer {
    @RegisterExtension
    final FakeJobsServerExtension fake = FakeJobsServerExtension.perClass(b -> b.token("dapi-test"));

    @Test
    void server_isSharedAndResetBetweenTests() {
      FakeJobsServer server = fake.server();
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());

      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test").build()) {
        executor.job(job).runNow();
      }

      assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    }
  }
}
