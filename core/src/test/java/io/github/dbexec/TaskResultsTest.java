package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.RunTerminatedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.RunScript;
import io.github.dbexec.testkit.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A waited-for run's result and terminated event carry every task, and the failed tasks' errors. */
class TaskResultsTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private final InMemoryEventSink sink = new InMemoryEventSink();
  private long jobId;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofSeconds(10)).start();
    jobId = server.createJob(Map.of("name", "two-steps", "tasks", List.of(
        Map.of("task_key", "extract", "notebook_task", Map.of("notebook_path", "/extract")),
        Map.of("task_key", "load", "notebook_task", Map.of("notebook_path", "/load"),
            "depends_on", List.of(Map.of("task_key", "extract"))))), "2.2");
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").addEventSink(sink)
        .clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void awaitTermination_secondTaskFails_resultAndEventNameItWithItsError() {
    server.scriptNextRun(jobId, RunScript.succeeding().task("load", TaskScript.failing("KeyError: 'customer_id'")));
    Submission submission = executor.job(jobId).runNow();

    RunResult result = submission.awaitTermination(Duration.ofHours(1));

    long loadRunId = taskRunId(submission.runId(), "load");
    assertThat(result.tasks()).extracting(RunTask::taskKey).containsExactly("extract", "load");
    assertThat(result.tasks()).allSatisfy(t -> {
      assertThat(t.attemptNumber()).isZero();
      assertThat(t.startTime()).isNotNull();
      assertThat(t.endTime()).isNotNull();
      assertThat(t.isTerminal()).isTrue();
    });
    assertThat(result.tasks().get(0).resultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.TASK);
    assertThat(result.failedTasks()).singleElement().satisfies(f -> {
      assertThat(f.taskKey()).isEqualTo("load");
      assertThat(f.runId()).isEqualTo(loadRunId);
      assertThat(f.resultState()).isEqualTo(RunResultState.FAILED);
      assertThat(f.error()).isEqualTo("KeyError: 'customer_id'");
    });
    assertThat(result.toString()).contains("failedTasks=[load]");
    assertThat(server.journal().find("GET", "/jobs/runs/get-output")).singleElement()
        .satisfies(r -> assertThat(r.queryParameter("run_id")).isEqualTo(Long.toString(loadRunId)));
    RunTerminatedEvent event = sink.events(RunTerminatedEvent.class).get(0);
    assertThat(event.failureKind()).isEqualTo("TASK");
    assertThat(event.tasks()).extracting(RunTerminatedEvent.Task::taskKey).containsExactly("extract", "load");
    assertThat(event.failedTasks()).singleElement().satisfies(t -> {
      assertThat(t.runId()).isEqualTo(loadRunId);
      assertThat(t.error()).isEqualTo("KeyError: 'customer_id'");
      assertThat(t.resultState()).isEqualTo("FAILED");
    });
    assertThat(EventCodec.fromJson(EventCodec.toJson(event))).isEqualTo(event);
  }

  @Test
  void awaitTermination_errorFetchFails_waitStillEndsWithoutTheError() {
    server.scriptNextRun(jobId, RunScript.succeeding().task("load", TaskScript.failing("boom")));
    server.addFault(FaultRule.on("GET", "/jobs/runs/get-output").always().respondError(500, "INTERNAL_ERROR", "down")
        .build());
    Submission submission = executor.job(jobId).runNow();

    RunResult result = submission.awaitTermination(Duration.ofHours(1));

    assertThat(result.failedTasks()).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo("boom");
      assertThat(f.error()).isNull();
    });
    // one attempt only: no retries for an error message
    assertThat(server.journal().find("GET", "/jobs/runs/get-output")).hasSize(1);
  }

  @Test
  void awaitTerminationAsync_secondTaskFails_resultHasItsError() {
    server.scriptNextRun(jobId, RunScript.succeeding().task("load", TaskScript.failing("KeyError: 'x'")));
    Submission submission = executor.job(jobId).runNow();
    server.clock().advance(Duration.ofMinutes(5));

    RunResult result = executor.awaitTerminationAsync(submission.runId(),
        WaitOptions.builder().timeout(Duration.ofHours(1)).build()).join();

    assertThat(result.failedTasks()).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("KeyError: 'x'"));
  }

  @Test
  void awaitTermination_nonLeafTaskFailsLeafSucceeds_successWithFailuresNamesIt() {
    long job = server.createJob(Map.of("name", "lenient", "tasks", List.of(
        Map.of("task_key", "prepare", "notebook_task", Map.of("notebook_path", "/prepare")),
        Map.of("task_key", "report", "notebook_task", Map.of("notebook_path", "/report"), "run_if", "ALL_DONE",
            "depends_on", List.of(Map.of("task_key", "prepare"))))), "2.2");
    server.scriptNextRun(job, RunScript.succeeding().task("prepare", TaskScript.failing("bad row 17")));

    RunResult result = executor.job(job).runNow().awaitTermination(Duration.ofHours(1));

    assertThat(result.run().resultState()).isEqualTo(RunResultState.SUCCESS_WITH_FAILURES);
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.NONE);
    assertThat(result.failedTasks()).singleElement().satisfies(f -> {
      assertThat(f.taskKey()).isEqualTo("prepare");
      assertThat(f.error()).isEqualTo("bad row 17");
    });
    assertThat(sink.events(RunTerminatedEvent.class).get(0).failedTasks())
        .extracting(RunTerminatedEvent.Task::taskKey).containsExactly("prepare");
  }

  @Test
  void failedTasks_builtFromSnapshot_noErrorFetched() {
    Run run = new Run(1, 2L, null, null, null, null, null, "TERMINATED", "SUCCESS_WITH_FAILURES", null, false, null,
        null, null, "SUCCESS", "SUCCESS", null, null, null, null, null, null, null, null, List.of(
            new RunTask("prepare", 3, RunLifeCycleState.TERMINATED, RunResultState.FAILED, "bad row"),
            new RunTask("report", 4, RunLifeCycleState.TERMINATED, RunResultState.SUCCESS, null)));

    RunResult result = new RunResult(run);

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.failedTasks()).extracting(TaskFailure::taskKey).containsExactly("prepare");
    assertThat(result.failedTasks().get(0).error()).isNull();
  }

  private long taskRunId(long runId, String key) {
    return server.requireRun(runId).tasks().stream().filter(t -> t.taskKey().equals(key)).findFirst().orElseThrow()
        .runId();
  }
}
