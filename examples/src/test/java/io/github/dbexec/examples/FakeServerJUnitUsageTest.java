package io.github.dbexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.Submission;
import io.github.dbexec.testkit.LifeCycleState;
import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FakeJobsServerExtension;
import io.github.dbexec.testkit.FakeJobsServerTest;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A downstream team's test written only from testkit/README.md's "With JUnit 5" section: the annotation with
 * parameter injection, and a per-class server through {@code @RegisterExtension}.
 */
class FakeServerJUnitUsageTest {

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
