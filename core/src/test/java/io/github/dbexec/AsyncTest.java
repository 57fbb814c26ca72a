package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncTest {
  @Test
  void runNowAsync_manySubmissions_allCompleteWithDistinctRuns() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1000).notebookTask("/nb").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("t")
          .maxSubmissionsInFlight(4).queueReporting(QueueReporting.OFF).build()) {
        List<CompletableFuture<Submission>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          futures.add(executor.job(job).idempotencyKey("event-" + i).runNowAsync());
        }

        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);

        assertThat(futures).extracting(f -> f.join().runId()).doesNotHaveDuplicates().hasSize(40);
        assertThat(server.runCount()).isEqualTo(40);
      }
    }
  }

  @Test
  void awaitTerminationAsync_advanceOnPollClock_completesWithoutBlockingTheCaller() throws Exception {
    // each runs/get moves the fake clock 30 s, so a 2-minute run finishes within a few polls
    FakeClock clock = FakeClock.advanceOnPoll(Instant.parse("2026-11-21T10:00:00Z"), Duration.ofSeconds(30));
    try (FakeJobsServer server = FakeJobsServer.builder().clock(clock).runDuration(Duration.ofMinutes(2)).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("t")
          .queueReporting(QueueReporting.OFF).build()) {
        Submission s = executor.job(job).runNow();

        CompletableFuture<RunResult> future = s.awaitTerminationAsync(WaitOptions.builder()
            .timeout(Duration.ofMinutes(5)).initialPollInterval(Duration.ofMillis(1))
            .maxPollInterval(Duration.ofMillis(2)).build());

        RunResult result = future.get(30, TimeUnit.SECONDS);
        assertThat(result.isSuccess()).isTrue();
        assertThat(server.journal().count("GET", "/jobs/runs/get")).isGreaterThanOrEqualTo(4);
      }
    }
  }

  @Test
  void runNowAsync_missingJob_failsWithTheUnwrappedException() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start();
        DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("t").build()) {
      CompletableFuture<Submission> future = executor.job(31337L).runNowAsync();

      Throwable seen = future.handle((s, e) -> e).get(30, TimeUnit.SECONDS);

      assertThat(seen).isInstanceOf(ResourceNotFoundException.class);
    }
  }
}
