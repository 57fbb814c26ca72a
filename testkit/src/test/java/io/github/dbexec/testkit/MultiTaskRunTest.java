package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multi-task runs: depends_on, per-task scripts, BLOCKED, UPSTREAM_FAILED, the recorded failed-task roll-up. */
class MultiTaskRunTest {
  private FakeJobsServer server;
  private Http http;
  private long jobId;

  @BeforeEach
  void start() {
    server = TestServers.manual();   // 10 s per task by default
    http = Http.to(server);
    // ingest -> transform -> publish, and cleanup (ALL_DONE) after transform
    jobId = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "pipeline", "tasks", List.of(
        task("ingest", List.of(), null),
        task("transform", List.of("ingest"), null),
        task("publish", List.of("transform"), null),
        task("cleanup", List.of("transform"), "ALL_DONE")))).get("job_id")).longValue();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Object> task(String key, List<String> dependsOn, String runIf) {
    Map<String, Object> task = new java.util.LinkedHashMap<>();
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

  private long runNow() throws Exception {
    return http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");
  }

  private Map<String, Object> get(long runId) {
    return http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);
  }

  private static Map<String, Object> taskOf(Map<String, Object> run, String key) {
    return Http.list(run.get("tasks")).stream().map(Http::obj).filter(t -> key.equals(t.get("task_key")))
        .findFirst().orElseThrow();
  }

  private static Object lifeCycle(Map<String, Object> task) {
    return Http.obj(task.get("state")).get("life_cycle_state");
  }

  @Test
  void dependentTasks_waitBlocked_thenRunInOrderWithTheirOwnTimings() throws Exception {
    long runId = runNow();

    Map<String, Object> atStart = get(runId);
    server.clock().advance(Duration.ofSeconds(10));
    Map<String, Object> after10 = get(runId);
    server.clock().advance(Duration.ofSeconds(20));
    Map<String, Object> done = get(runId);

    assertThat(lifeCycle(taskOf(atStart, "ingest"))).isEqualTo("RUNNING");
    assertThat(lifeCycle(taskOf(atStart, "transform"))).isEqualTo("BLOCKED");
    assertThat(Http.obj(taskOf(atStart, "transform").get("status"))).containsEntry("state", "BLOCKED");
    assertThat(taskOf(atStart, "transform")).containsEntry("depends_on", List.of(Map.of("task_key", "ingest")));
    assertThat(lifeCycle(taskOf(after10, "ingest"))).isEqualTo("TERMINATED");
    assertThat(lifeCycle(taskOf(after10, "transform"))).isEqualTo("RUNNING");
    assertThat(lifeCycle(taskOf(after10, "publish"))).isEqualTo("BLOCKED");
    long t0 = TestServers.T0.toEpochMilli();
    assertThat(taskOf(done, "transform")).containsEntry("start_time", t0 + 10_000)
        .containsEntry("end_time", t0 + 20_000).containsEntry("execution_duration", 10_000L);
    assertThat(Http.obj(done.get("state"))).containsEntry("life_cycle_state", "TERMINATED")
        .containsEntry("result_state", "SUCCESS");
    assertThat(done).containsEntry("execution_duration", 30_000L);
  }

  @Test
  void failingTask_failsTheRunAsRecorded_downstreamUpstreamFailed_allDoneStillRuns() throws Exception {
    server.scriptNextRun(jobId, RunScript.succeeding()
        .task("transform", TaskScript.failing("java.lang.IllegalStateException: no input")));
    long runId = runNow();

    server.clock().advance(Duration.ofSeconds(40));
    Http.Reply reply = http.get("/api/2.2/jobs/runs/get?run_id=" + runId);
    Map<String, Object> run = reply.json();

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "INTERNAL_ERROR")
        .containsEntry("result_state", "FAILED")
        .containsEntry("state_message", "Task transform failed with message: "
            + "java.lang.IllegalStateException: no input. This caused all downstream tasks to get skipped.");
    Map<String, Object> status = Http.obj(run.get("status"));
    assertThat(status).containsEntry("state", "TERMINATED");
    assertThat(Http.obj(status.get("termination_details"))).containsEntry("code", "RUN_EXECUTION_ERROR");
    assertThat(Http.obj(taskOf(run, "transform").get("state"))).containsEntry("life_cycle_state", "TERMINATED")
        .containsEntry("result_state", "FAILED")
        .containsEntry("state_message", "java.lang.IllegalStateException: no input");
    assertThat(Http.obj(taskOf(run, "publish").get("state"))).containsEntry("result_state", "UPSTREAM_FAILED");
    assertThat(Http.obj(taskOf(run, "cleanup").get("state"))).containsEntry("result_state", "SUCCESS");
    assertThat(server.requireRun(runId).tasks()).extracting(TaskRunSnapshot::resultState).containsExactly(
        ResultState.SUCCESS, ResultState.FAILED, ResultState.UPSTREAM_FAILED, ResultState.SUCCESS);
  }

  @Test
  void internalError_platformFailure_staysDistinguishableByTerminationCode() throws Exception {
    server.scriptNextRun(jobId, RunScript.internalError("Cluster lost"));
    long runId = runNow();

    server.clock().advance(Duration.ofSeconds(10));
    Map<String, Object> run = get(runId);

    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "INTERNAL_ERROR")
        .containsEntry("state_message", "Cluster lost");
    assertThat(Http.obj(Http.obj(run.get("status")).get("termination_details")))
        .containsEntry("code", "INTERNAL_ERROR").containsEntry("type", "INTERNAL_ERROR");
  }

  @Test
  void getOutput_perTask_failedTaskHasItsError_succeededTaskItsResult_skippedTaskNeither() throws Exception {
    server.scriptNextRun(jobId, RunScript.succeeding()
        .task("ingest", TaskScript.succeedingWithOutput("42 rows"))
        .task("transform", TaskScript.failing("boom").runningFor(Duration.ofSeconds(1))));
    long runId = runNow();
    server.clock().advance(Duration.ofSeconds(30));
    RunSnapshot run = server.requireRun(runId);

    Map<String, Object> ingest = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + run.tasks().get(0).runId());
    Map<String, Object> transform = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + run.tasks().get(1).runId());
    Map<String, Object> publish = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + run.tasks().get(2).runId());
    Http.Reply whole = http.get("/api/2.2/jobs/runs/get-output?run_id=" + runId);

    assertThat(Http.obj(ingest.get("notebook_output"))).containsEntry("result", "42 rows");
    assertThat(transform).containsEntry("error", "boom").doesNotContainKey("notebook_output");
    assertThat(Http.obj(Http.obj(transform.get("metadata")).get("state"))).containsEntry("result_state", "FAILED");
    assertThat(Http.obj(transform.get("metadata"))).containsEntry("execution_duration", 1_000L);
    assertThat(publish).doesNotContainKeys("error", "notebook_output");
    assertThat(whole.status()).isEqualTo(400);
  }

  @Test
  void getOutput_failedTaskWithTrace_reportsErrorAndErrorTrace_repairedAttemptItsOwn() throws Exception {
    String trace = "Traceback (most recent call last):\n  File \"etl.py\", line 3\nValueError: no input";
    server.scriptNextRun(jobId, RunScript.succeeding().task("ingest", TaskScript.failing("ValueError: no input")
        .withErrorTrace(trace).thenOnRepair(TaskScript.failing("ValueError: still no input"))));
    long runId = runNow();
    server.clock().advance(Duration.ofSeconds(20));   // cleanup (ALL_DONE) still runs after the failure
    http.ok("/api/2.2/jobs/runs/repair", Map.of("run_id", runId, "rerun_tasks", List.of("ingest")));
    server.clock().advance(Duration.ofSeconds(10));
    List<TaskRunSnapshot> tasks = server.requireRun(runId).tasks();

    Map<String, Object> first = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + tasks.get(0).runId());
    Map<String, Object> repaired = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + tasks.get(4).runId());

    assertThat(tasks).extracting(TaskRunSnapshot::taskKey).containsExactly("ingest", "transform", "publish",
        "cleanup", "ingest");
    assertThat(tasks).extracting(TaskRunSnapshot::attemptNumber).containsExactly(0L, 0L, 0L, 0L, 1L);
    assertThat(first).containsEntry("error", "ValueError: no input").containsEntry("error_trace", trace);
    assertThat(repaired).containsEntry("error", "ValueError: still no input").containsEntry("error_trace", "");
    assertThat(Http.obj(repaired.get("metadata"))).containsEntry("run_id", tasks.get(4).runId());
  }

  @Test
  void failingTask_singleTaskJob_usesTheRecordedDefaultMessage() throws Exception {
    long single = server.createJob(JobSpec.builder().notebookTask("/nb").build());
    server.scriptNextRun(single, RunScript.failingTask(""));
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", single)).longField("run_id");

    server.clock().advance(Duration.ofSeconds(10));
    RunSnapshot run = server.requireRun(runId);

    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.INTERNAL_ERROR);
    assertThat(run.resultState()).isEqualTo(ResultState.FAILED);
    assertThat(run.stateMessage())
        .isEqualTo("Task main failed with message: Workload failed, see run output for details.");
    assertThat(run.terminationCode()).isEqualTo("RUN_EXECUTION_ERROR");
  }

  @Test
  void queuedRun_firstTaskQueued_dependentsBlocked() throws Exception {
    runNow();
    long queued = runNow();   // max_concurrent_runs 1, queue on (created through 2.2)

    Map<String, Object> run = get(queued);

    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "QUEUED");
    assertThat(lifeCycle(taskOf(run, "ingest"))).isEqualTo("QUEUED");
    assertThat(lifeCycle(taskOf(run, "transform"))).isEqualTo("BLOCKED");
  }

  @Test
  void timingOutTask_runEndsWithTimedOutResult() throws Exception {
    server.scriptNextRun(jobId, RunScript.succeeding().task("ingest", TaskScript.timingOut()));
    long runId = runNow();

    server.clock().advance(Duration.ofSeconds(10));
    RunSnapshot cleaning = server.requireRun(runId);
    server.clock().advance(Duration.ofSeconds(10));
    RunSnapshot run = server.requireRun(runId);

    assertThat(cleaning.tasks().get(3).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
    assertThat(run.tasks().get(0).resultState()).isEqualTo(ResultState.TIMEDOUT);
    assertThat(run.tasks().get(1).resultState()).isEqualTo(ResultState.UPSTREAM_FAILED);
    assertThat(run.tasks().get(1).lifeCycleState()).isEqualTo(LifeCycleState.SKIPPED);
    assertThat(run.tasks().get(3).resultState()).isEqualTo(ResultState.SUCCESS);
    assertThat(run.resultState()).isEqualTo(ResultState.TIMEDOUT);
    assertThat(run.stateMessage()).startsWith("Task ingest failed with message: Task timed out.");
  }
}
