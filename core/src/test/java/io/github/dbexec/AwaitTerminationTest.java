package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.RunStateChangedEvent;
import io.github.dbexec.events.RunTerminatedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwaitTerminationTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private final InMemoryEventSink sink = new InMemoryEventSink();
  private long job;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(10)).start();
    job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1).queueEnabled(true)
        .notebookTask("/nb").build());
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").addEventSink(sink)
        .clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void awaitTermination_queuedThenRunning_returnsSuccessAfterBothRunsOnTheFakeClock() {
    executor.job(job).runNow();
    Submission queued = executor.job(job).runNow();
    List<RunLifeCycleState> seen = new CopyOnWriteArrayList<>();
    long startedAt = time.millis();

    RunResult result = queued.awaitTermination(WaitOptions.builder().timeout(Duration.ofHours(1))
        .onProgress(run -> seen.add(run.lifeCycleState())).build());

    assertThat(result.outcome()).isEqualTo(RunOutcome.SUCCESS);
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.run().resultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(result.run().queueDuration()).isNotNull();
    assertThat(seen).startsWith(RunLifeCycleState.QUEUED).endsWith(RunLifeCycleState.TERMINATED)
        .contains(RunLifeCycleState.RUNNING);
    assertThat(Duration.ofMillis(time.millis() - startedAt)).isBetween(Duration.ofMinutes(20),
        Duration.ofMinutes(21));
    assertThat(time.sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
    assertThat(sink.events(RunStateChangedEvent.class)).extracting(RunStateChangedEvent::lifeCycleState)
        .startsWith("QUEUED").endsWith("TERMINATED");
    assertThat(sink.events(RunTerminatedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.resultState()).isEqualTo("SUCCESS"));
  }

  @Test
  void awaitTermination_timeoutWithCancel_throwsAndCancelsTheRun() {
    Submission s = executor.job(job).runNow();

    assertThatThrownBy(() -> s.awaitTermination(WaitOptions.builder().timeout(Duration.ofMinutes(2))
        .cancelOnTimeout(true).build()))
        .isInstanceOfSatisfying(AwaitTimeoutException.class, e -> {
          assertThat(e.runId()).isEqualTo(s.runId());
          assertThat(e.canceled()).isTrue();
          assertThat(e.lastSeen()).isNotNull();
        });

    assertThat(server.journal().find("POST", "/jobs/runs/cancel")).singleElement()
        .satisfies(r -> assertThat(((Number) r.jsonBody().get("run_id")).longValue()).isEqualTo(s.runId()));
    RunResult after = executor.awaitTermination(s.runId(), WaitOptions.of(Duration.ofMinutes(5)));
    assertThat(after.outcome()).isEqualTo(RunOutcome.CANCELED);
  }

  @Test
  void awaitTermination_timeoutWithoutCancel_runKeepsGoing() {
    Submission s = executor.job(job).runNow();

    assertThatThrownBy(() -> s.awaitTermination(Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(AwaitTimeoutException.class, e -> assertThat(e.canceled()).isFalse())
        .hasMessageContaining("keeps running");

    assertThat(server.journal().count("POST", "/jobs/runs/cancel")).isZero();
    assertThat(executor.run(s.runId()).isTerminal()).isFalse();
  }

  @Test
  void awaitTermination_transientErrorsWhilePolling_doNotEndTheWait() {
    Submission s = executor.job(job).runNow();
    server.addFault(FaultRule.on("GET", "/jobs/runs/get").times(3)
        .respondError(503, "TEMPORARILY_UNAVAILABLE", "later").build());

    RunResult result = s.awaitTermination(Duration.ofHours(1));

    assertThat(result.isSuccess()).isTrue();
  }

  @Test
  void awaitTermination_runDoesNotExist_throwsNotFound() {
    assertThatThrownBy(() -> executor.awaitTermination(987654321L, WaitOptions.of(Duration.ofMinutes(1))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void awaitTermination_skippedRun_isAResultNotAnError() {
    long noQueue = server.createJob(JobSpec.builder().name("nq").maxConcurrentRuns(1).queueEnabled(false)
        .notebookTask("/nb").build());
    executor.job(noQueue).runNow();
    Submission skipped = executor.job(noQueue).runNow();

    RunResult result = skipped.awaitTermination(Duration.ofMinutes(1));

    assertThat(result.outcome()).isEqualTo(RunOutcome.SKIPPED);
    assertThat(result.reason()).isNotNull();
    assertThatThrownBy(result::orThrow).isInstanceOfSatisfying(RunFailedException.class,
        e -> assertThat(e.result()).isEqualTo(result)).hasMessageContaining("SKIPPED");
  }

  @Test
  void cancelAll_includingQueued_cancelsBothRuns() {
    Submission running = executor.job(job).runNow();
    Submission queued = executor.job(job).runNow();

    executor.cancelAll(job, true);

    assertThat(server.journal().find("POST", "/jobs/runs/cancel-all")).singleElement()
        .satisfies(r -> assertThat(r.jsonBody()).containsEntry("all_queued_runs", true));
    assertThat(executor.awaitTermination(running.runId(), WaitOptions.of(Duration.ofMinutes(5))).outcome())
        .isEqualTo(RunOutcome.CANCELED);
    assertThat(executor.awaitTermination(queued.runId(), WaitOptions.of(Duration.ofMinutes(5))).outcome())
        .isEqualTo(RunOutcome.CANCELED);
  }

  @Test
  void run_readsStatesAndTimes() {
    Submission s = executor.job(job).runNow();
    time.sleep(Duration.ofMinutes(3));

    Run run = executor.run(s.runId());

    assertThat(run.runId()).isEqualTo(s.runId());
    assertThat(run.jobId()).isEqualTo(job);
    assertThat(run.lifeCycleState()).isEqualTo(RunLifeCycleState.RUNNING);
    assertThat(run.resultState()).isNull();
    assertThat(run.startTime()).isNotNull();
    assertThat(run.endTime()).isNull();
    assertThat(run.runPageUrl()).isNotNull();
    assertThat(run.isTerminal()).isFalse();
  }
}
