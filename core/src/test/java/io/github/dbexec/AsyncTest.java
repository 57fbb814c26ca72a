package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RunListener;
import io.github.dbexec.testkit.RunStateChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * Holds every run-now at the server (in its run-created callback, before the answer is written) until the test
   * releases it, and counts how many are held at once: with maxSubmissionsInFlight(3) that is never more than 3,
   * though 12 submissions are queued at once. Requests are released 3 at a time, after 3 have arrived.
   */
  @Test
  void runNowAsync_maxSubmissionsInFlight3_neverMoreThan3RequestsAtTheServer() throws Exception {
    AtomicInteger atServer = new AtomicInteger();
    AtomicInteger mostAtServer = new AtomicInteger();
    Semaphore arrived = new Semaphore(0);
    Semaphore release = new Semaphore(0);
    RunListener holdingServer = new RunListener() {
      @Override
      public void runCreated(RunStateChange change) {
        mostAtServer.accumulateAndGet(atServer.incrementAndGet(), Math::max);
        arrived.release();
        try {
          release.tryAcquire(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          atServer.decrementAndGet();
        }
      }
    };
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).runListener(holdingServer)
        .start()) {
      long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1000).notebookTask("/nb").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("t")
          .maxSubmissionsInFlight(3).queueReporting(QueueReporting.OFF).build()) {
        List<CompletableFuture<Submission>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          futures.add(executor.runNowAsync(RunNowRequest.builder(job).idempotencyKey("held-" + i).build()));
        }

        for (int round = 0; round < 4; round++) {
          assertThat(arrived.tryAcquire(3, 30, TimeUnit.SECONDS)).as("3 more requests arrive").isTrue();
          release.release(3);
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);

        assertThat(mostAtServer.get()).isEqualTo(3);
        assertThat(futures).extracting(f -> f.join().runId()).doesNotHaveDuplicates().hasSize(12);
        assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(12);
      }
    }
  }

  /**
   * Twenty asynchronous waits on runs that do not finish, each having polled once and now pausing for an hour: no
   * thread is inside the waiter or the sleeper, one scheduler thread serves them all, the HTTP dispatcher holds no
   * thread per wait, and the injected sleeper (which serves synchronous waits only) is never called.
   */
  @Test
  void awaitTerminationAsync_manyWaits_parkNoThreadPerWait() throws Exception {
    int waits = 20;
    AtomicInteger sleeps = new AtomicInteger();
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock())
        .runDuration(Duration.ofDays(1)).start()) {
      long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1000).notebookTask("/nb").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("t")
          .queueReporting(QueueReporting.OFF).sleeper(d -> sleeps.incrementAndGet()).build()) {
        CountDownLatch polledOnce = new CountDownLatch(waits);
        WaitOptions hourly = WaitOptions.builder().timeout(Duration.ofDays(2)).initialPollInterval(Duration.ofHours(1))
            .maxPollInterval(Duration.ofHours(1)).onProgress(run -> polledOnce.countDown()).build();
        List<CompletableFuture<RunResult>> futures = new ArrayList<>();
        for (int i = 0; i < waits; i++) {
          futures.add(executor.job(job).idempotencyKey("wait-" + i).runNow().awaitTerminationAsync(hourly));
        }

        assertThat(polledOnce.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.journal().count("GET", "/jobs/runs/get")).isEqualTo(waits);
        List<Thread> threads = new ArrayList<>(Thread.getAllStackTraces().keySet());
        assertThat(threads).filteredOn(t -> Arrays.stream(t.getStackTrace()).anyMatch(f ->
            f.getClassName().startsWith("io.github.dbexec.internal.RunWaiter")
                || f.getClassName().contains("Sleeper"))).isEmpty();
        assertThat(threads).filteredOn(t -> t.getName().startsWith("dbexec-wait-scheduler")).hasSize(1);
        // idle OkHttp threads of other tests may linger in this JVM; none may be busy carrying a call for a wait
        assertThat(threads).filteredOn(t -> t.getName().startsWith("OkHttp") && Arrays.stream(t.getStackTrace())
            .anyMatch(f -> f.getClassName().endsWith("RealCall$AsyncCall"))).isEmpty();
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        assertThat(sleeps.get()).isZero();
        futures.forEach(f -> f.cancel(true));
      }
    }
  }
}
