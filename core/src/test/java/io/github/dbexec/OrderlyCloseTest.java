package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.AsyncEventDispatcher;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.JsonLinesFileSink;
import io.github.dbexec.logcapture.CapturedLogs;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RunListener;
import io.github.dbexec.testkit.RunStateChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An orderly close: no new work, submissions in flight finished and their events written, pending waits failed, and
 * the whole close bounded by its timeout even with a sink stuck in a write.
 */
class OrderlyCloseTest {
  @TempDir Path dir;

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  /** Holds each run-now at the server, in its run-created callback (the run exists, its answer is not yet sent). */
  private static final class HoldingServer implements RunListener {
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void runCreated(RunStateChange change) {
      arrived.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Spins (no sleep) until close() on another thread has begun: the executor takes no new work. */
  private static void awaitClosing(DatabricksExecutor executor, long job) {
    while (catchThrowable(() -> executor.job(job)) == null) {
      Thread.onSpinWait();
    }
  }

  @Test
  void close_duringRunNowAsync_waitsForItAndItsAppSubmittedEventIsInTheFile() throws Exception {
    HoldingServer holding = new HoldingServer();
    Path file = dir.resolve("events.jsonl");
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).runListener(holding).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-close")
          .queueReporting(QueueReporting.OFF).addEventSink(JsonLinesFileSink.open(file))
          .closeTimeout(Duration.ofSeconds(20)).build();
      CompletableFuture<Submission> submission = executor.job(job).idempotencyKey("k").runNowAsync();
      assertThat(holding.arrived.await(10, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(executor::close);
      awaitClosing(executor, job);
      assertThat(closing).as("close waits for the submission in flight").isNotDone();
      holding.release.countDown();
      closing.get(10, TimeUnit.SECONDS);

      assertThat(submission).isCompleted();
      long runId = submission.join().runId();
      List<ExecutorEvent> written = JsonLinesFileSink.read(file);
      assertThat(written).singleElement().isInstanceOfSatisfying(AppSubmittedEvent.class,
          e -> assertThat(e.runId()).isEqualTo(runId));
      assertThat(server.requireRun(runId).jobId()).isEqualTo(job);
      assertThat(catchThrowable(() -> executor.job(job).runNowAsync())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("DatabricksExecutor is closed");
    }
  }

  /**
   * A sink that never returns from a write (a full pipe, a hung network mount) and ignores interrupts, as a blocked
   * write does: close returns within its 1 s timeout, the submission stuck behind the sink fails saying the run may
   * exist, and the event the sink was taking is reported with its whole record.
   */
  @Test
  void close_overASinkStuckInAWrite_returnsWithinItsTimeoutAndReportsTheEvent() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch unblock = new CountDownLatch(1);
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-close")
          .queueReporting(QueueReporting.OFF).closeTimeout(Duration.ofSeconds(1)).addEventSink(event -> {
            entered.countDown();
            while (unblock.getCount() > 0) {
              try {
                unblock.await();
              } catch (InterruptedException ignored) {
                // a write blocked in the kernel does not end on an interrupt either
              }
            }
          }).build();
      try {
        CompletableFuture<Submission> submission = executor.job(job).idempotencyKey("k").runNowAsync();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        executor.close();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).isLessThan(1_000 + 500);
        assertThat(catchThrowable(submission::get)).isInstanceOf(ExecutionException.class).cause()
            .isInstanceOf(DatabricksTransportException.class)
            .hasMessageContaining("still in flight when the DatabricksExecutor closed")
            .hasMessageContaining("the run may exist");
        long runId = server.runs(job).get(0).runId();
        assertThat(CapturedLogs.all()).contains("NOT_DELIVERED_AT_CLOSE").contains("\"app_id\":" + runId);
      } finally {
        unblock.countDown();
      }
    }
  }

  /**
   * The same stuck write behind an AsyncEventDispatcher (its own close timeout 30 s): the executor's close still
   * returns within its 1 s, and says which sink did not finish closing; the dispatcher reports the event it holds
   * when its own close gives up.
   */
  @Test
  void close_overAnAsyncDispatcherWithAStuckSink_returnsWithinTheExecutorsTimeout() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch unblock = new CountDownLatch(1);
    AsyncEventDispatcher dispatcher = AsyncEventDispatcher.builder().delegate(event -> {
      entered.countDown();
      while (unblock.getCount() > 0) {
        try {
          unblock.await();
        } catch (InterruptedException ignored) {
          // a write blocked in the kernel does not end on an interrupt either
        }
      }
    }).build();
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-close")
          .queueReporting(QueueReporting.OFF).closeTimeout(Duration.ofSeconds(1)).addEventSink(dispatcher).build();
      try {
        Submission s = executor.job(job).runNow();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        executor.close();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).isLessThan(1_000 + 500);
        assertThat(s.runId()).isPositive();
        assertThat(CapturedLogs.all()).contains("CLOSE_FAILED").contains(AsyncEventDispatcher.class.getName());
      } finally {
        unblock.countDown();
      }
    }
  }

  @Test
  void close_withAPendingAsyncWait_completesItExceptionally() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock())
        .runDuration(Duration.ofDays(1)).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-close")
          .queueReporting(QueueReporting.OFF).build();
      CountDownLatch polled = new CountDownLatch(1);
      Submission s = executor.job(job).runNow();
      CompletableFuture<RunResult> wait = s.awaitTerminationAsync(WaitOptions.builder().timeout(Duration.ofDays(2))
          .initialPollInterval(Duration.ofHours(1)).maxPollInterval(Duration.ofHours(1))
          .onProgress(run -> polled.countDown()).build());
      assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();

      executor.close();

      assertThat(wait).isCompletedExceptionally();
      assertThat(catchThrowable(wait::join)).cause().isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed while waiting for run " + s.runId());
      assertThat(server.journal().count("GET", "/jobs/runs/get")).isEqualTo(1);
      assertThat(catchThrowable(() -> executor.awaitTerminationAsync(s.runId(), WaitOptions.of(Duration.ofHours(1)))))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void build_negativeCloseTimeout_failsNamingTheSetting() {
    Throwable thrown = catchThrowable(() -> DatabricksExecutor.builder().host("https://h.example").token("t")
        .closeTimeout(Duration.ofSeconds(-1)).build());

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("closeTimeout must be >= 0, was PT-1S");
  }
}
