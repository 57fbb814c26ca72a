package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RunScript;
import io.github.dbexec.testkit.TaskScript;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed run's result names the failed tasks and tells a task failure from a platform failure. */
class FailedTasksTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private long jobId;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofSeconds(10)).start();
    jobId = server.createJob(Map.of("name", "pipeline", "tasks", List.of(
        task("ingest", List.of(), null),
        task("transform", List.of("ingest"), null),
        task("publish", List.of("transform"), null),
        task("cleanup", List.of("transform"), "ALL_DONE"))), "2.2");
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  private static Map<String, Object> task(String key, List<String> dependsOn, String runIf) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("task_key", key);
    task.put("notebook_task", Map.of("notebook_path", "/" + key));
    if (!dependsOn.isEmpty()) {
      task.put("depends_on", dependsOn.stream().map(d -> Map.of("task_key", d)).toList());
    }
    if (runIf != null) {
      task.put("run_if", runIf);
    }
    return task;
  }

  private static RunTask taskOf(RunResult result, String key) {
    return result.run().tasks().stream().filter(t -> t.taskKey().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void awaitTermination_secondTaskFails_resultNamesItWithItsMessage() {
    server.scriptNextRun(jobId, RunScript.succeeding()
        .task("transform", TaskScript.failing("java.lang.IllegalStateException: no input")));
    Submission submission = executor.job(jobId).runNow();

    RunResult result = submission.awaitTermination(Duration.ofHours(1));

    assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.TASK);
    long transformRunId = server.requireRun(submission.runId()).tasks().stream()
        .filter(t -> t.taskKey().equals("transform")).findFirst().orElseThrow().runId();
    assertThat(result.failedTasks()).containsExactly(new TaskFailure("transform", transformRunId,
        RunResultState.FAILED, "java.lang.IllegalStateException: no input", "java.lang.IllegalStateException: no input",
        0));
    assertThat(taskOf(result, "publish").resultState()).isEqualTo(RunResultState.UPSTREAM_FAILED);
    assertThat(taskOf(result, "ingest").resultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(taskOf(result, "cleanup").resultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(result.run().lifeCycleState()).isEqualTo(RunLifeCycleState.INTERNAL_ERROR);
    assertThat(result.reason()).isEqualTo("Task transform failed with message: java.lang.IllegalStateException: "
        + "no input. This caused all downstream tasks to get skipped.");
    assertThat(result.toString()).contains("failureKind=TASK");
    assertThatThrownBy(result::orThrow).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("task failure").hasMessageContaining("Task transform failed with message");
    // runs/get-output was read for the failed task only
    assertThat(server.journal().find("GET", "/jobs/runs/get-output")).singleElement()
        .satisfies(r -> assertThat(r.queryParameter("run_id")).isEqualTo(Long.toString(transformRunId)));
    assertThat(server.journal().find("GET", "/jobs/runs/get")).allSatisfy(
        r -> assertThat(r.queryParameter("run_id")).isEqualTo(Long.toString(submission.runId())));
  }

  @Test
  void awaitTermination_platformFailure_isPlatformWithNoFailedTasks() {
    server.scriptNextRun(jobId, RunScript.internalError("Cluster lost"));
    Submission submission = executor.job(jobId).runNow();

    RunResult result = submission.awaitTermination(Duration.ofHours(1));

    assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(result.run().lifeCycleState()).isEqualTo(RunLifeCycleState.INTERNAL_ERROR);
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.PLATFORM);
    assertThat(result.reason()).isEqualTo("Cluster lost");
    assertThat(server.journal().find("GET", "/jobs/runs/get")).isNotEmpty();
  }

  @Test
  void awaitTermination_singleTaskJobFailingTask_defaultMessageNamed() {
    long single = server.createJob(JobSpec.builder().name("single").notebookTask("/nb").build());
    server.scriptNextRun(single, RunScript.failingTask(""));

    RunResult result = executor.job(single).runNow().awaitTermination(Duration.ofHours(1));

    assertThat(result.failureKind()).isEqualTo(RunFailureKind.TASK);
    assertThat(result.failedTasks()).singleElement().satisfies(f -> {
      assertThat(f.taskKey()).isEqualTo("main");
      assertThat(f.message()).isEqualTo("Workload failed, see run output for details");
      assertThat(f.resultState()).isEqualTo(RunResultState.FAILED);
    });
  }

  @Test
  void awaitTermination_runLevelFailureWithRunExecutionError_isTask() {
    long single = server.createJob(JobSpec.builder().name("single").notebookTask("/nb").build());
    server.scriptNextRun(single, RunScript.failing("java.lang.ArithmeticException: / by zero"));

    RunResult result = executor.job(single).runNow().awaitTermination(Duration.ofHours(1));

    assertThat(result.run().lifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
    assertThat(result.run().terminationCode()).isEqualTo("RUN_EXECUTION_ERROR");
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.TASK);
    assertThat(result.reason()).isEqualTo("java.lang.ArithmeticException: / by zero");
  }

  @Test
  void awaitTermination_cancelledRun_isNoFailure() {
    Submission submission = executor.job(jobId).runNow();
    executor.cancel(submission.runId());

    RunResult result = submission.awaitTermination(Duration.ofHours(1));

    assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELED);
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.NONE);
    assertThat(result.failedTasks()).isEmpty();
    assertThat(server.journal().find("POST", "/jobs/runs/cancel")).singleElement()
        .satisfies(r -> assertThat(((Number) r.jsonBody().get("run_id")).longValue()).isEqualTo(submission.runId()));
  }

  @Test
  void awaitTermination_success_noFailureKindNoFailedTasks() {
    RunResult result = executor.job(jobId).runNow().awaitTermination(Duration.ofHours(1));

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.failureKind()).isEqualTo(RunFailureKind.NONE);
    assertThat(result.failedTasks()).isEmpty();
    assertThat(result.run().tasks()).hasSize(4);
  }
}
