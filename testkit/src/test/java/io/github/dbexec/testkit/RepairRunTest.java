package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code runs/repair}: new task attempts, attempt numbers, repair_history, the latest_repair_id guard. */
class RepairRunTest {
  private static final String REPAIR = "/api/2.2/jobs/runs/repair";
  private FakeJobsServer server;
  private Http http;
  private long jobId;

  @BeforeEach
  void start() {
    server = TestServers.manual();   // 10 s per task
    http = Http.to(server);
    // ingest -> transform -> publish
    jobId = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "pipeline", "tasks", List.of(
        task("ingest", List.of()), task("transform", List.of("ingest")), task("publish", List.of("transform")))))
        .get("job_id")).longValue();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Object> task(String key, List<String> dependsOn) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("task_key", key);
    task.put("notebook_task", Map.of("notebook_path", "/" + key));
    if (!dependsOn.isEmpty()) {
      task.put("depends_on", dependsOn.stream().map(d -> Map.of("task_key", d)).toList());
    }
    return task;
  }

  /** A run whose transform fails on its first attempt and succeeds when repaired; finished after 30 s. */
  private long failedRun() throws Exception {
    server.scriptNextRun(jobId, RunScript.succeeding()
        .task("transform", TaskScript.failing("no input").thenOnRepair(TaskScript.succeeding())));
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");
    server.clock().advance(Duration.ofSeconds(30));
    return runId;
  }

  private Map<String, Object> getWithHistory(long runId) {
    return http.ok("/api/2.2/jobs/runs/get?run_id=" + runId + "&include_history=true");
  }

  private static List<Map<String, Object>> attempts(Map<String, Object> run, String key) {
    return Http.list(run.get("tasks")).stream().map(Http::obj).filter(t -> key.equals(t.get("task_key"))).toList();
  }

  private static Map<String, Object> state(Map<String, Object> json) {
    return Http.obj(json.get("state"));
  }

  @Test
  void repair_allFailedTasksWithDependents_rerunsThemAsNewAttemptsAndTheRunSucceeds() throws Exception {
    long runId = failedRun();
    Map<String, Object> failed = getWithHistory(runId);

    Http.Reply reply = http.post(REPAIR, Map.of("run_id", runId, "rerun_all_failed_tasks", true,
        "rerun_dependent_tasks", true));
    long repairId = reply.longField("repair_id");
    Map<String, Object> repairing = getWithHistory(runId);
    server.clock().advance(Duration.ofSeconds(20));
    Map<String, Object> repaired = getWithHistory(runId);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsOnlyKeys("repair_id");
    assertThat(server.journal().find("POST", "/jobs/runs/repair").get(0).jsonBody())
        .containsEntry("rerun_all_failed_tasks", true).containsEntry("rerun_dependent_tasks", true);
    assertThat(state(failed)).containsEntry("life_cycle_state", "INTERNAL_ERROR");
    assertThat(Http.list(failed.get("repair_history"))).hasSize(1);
    assertThat(state(repairing)).containsEntry("life_cycle_state", "RUNNING");   // pending lasts 0 s by default
    assertThat(state(repaired)).containsEntry("life_cycle_state", "TERMINATED")
        .containsEntry("result_state", "SUCCESS");
    // transform and publish (UPSTREAM_FAILED) ran again as new attempts; ingest kept its single attempt
    assertThat(attempts(repaired, "ingest")).hasSize(1);
    List<Map<String, Object>> transform = attempts(repaired, "transform");
    assertThat(transform).extracting(t -> t.get("attempt_number")).containsExactly(0L, 1L);
    assertThat(transform.get(0).get("run_id")).isNotEqualTo(transform.get(1).get("run_id"));
    assertThat(state(transform.get(0))).containsEntry("result_state", "FAILED");
    assertThat(state(transform.get(1))).containsEntry("result_state", "SUCCESS");
    List<Map<String, Object>> publish = attempts(repaired, "publish");
    assertThat(publish).extracting(t -> state(t).get("result_state")).containsExactly("UPSTREAM_FAILED", "SUCCESS");
    long t0 = TestServers.T0.toEpochMilli();
    assertThat(transform.get(1)).containsEntry("start_time", t0 + 30_000).containsEntry("end_time", t0 + 40_000);
    assertThat(repaired).containsEntry("start_time", t0).containsEntry("end_time", t0 + 50_000)
        .containsEntry("original_attempt_run_id", runId);
    List<Map<String, Object>> history = Http.list(repaired.get("repair_history")).stream().map(Http::obj).toList();
    assertThat(history).extracting(h -> h.get("type")).containsExactly("ORIGINAL", "REPAIR");
    assertThat(history.get(0)).doesNotContainKey("id").containsEntry("start_time", t0)
        .containsEntry("end_time", t0 + 20_000);
    assertThat(state(history.get(0))).containsEntry("result_state", "FAILED");
    assertThat(Http.list(history.get(0).get("task_run_ids"))).hasSize(3);
    assertThat(history.get(1)).containsEntry("id", repairId).containsEntry("start_time", t0 + 30_000)
        .containsEntry("end_time", t0 + 50_000);
    assertThat(state(history.get(1))).containsEntry("result_state", "SUCCESS");
    assertThat(Http.list(history.get(1).get("task_run_ids")))
        .containsExactly(transform.get(1).get("run_id"), publish.get(1).get("run_id"));
  }

  @Test
  void repair_namedTaskWithoutDependents_rerunsOnlyThatTask() throws Exception {
    long runId = failedRun();

    http.ok(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("transform")));
    server.clock().advance(Duration.ofSeconds(20));
    Map<String, Object> run = getWithHistory(runId);

    assertThat(attempts(run, "transform")).hasSize(2);
    assertThat(attempts(run, "publish")).hasSize(1);
    // publish still UPSTREAM_FAILED from the first attempt: the run is judged by the latest attempts
    assertThat(state(attempts(run, "transform").get(1))).containsEntry("result_state", "SUCCESS");
    assertThat(state(run)).containsEntry("life_cycle_state", "INTERNAL_ERROR").containsEntry("result_state", "FAILED")
        .containsEntry("state_message", "Task publish failed with message: Upstream task failed.");
  }

  @Test
  void repair_taskScriptedToFailAgain_failsAgainWithANewRepairInHistory() throws Exception {
    server.scriptNextRun(jobId, RunScript.succeeding().task("ingest", TaskScript.failing("bad")));
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");
    server.clock().advance(Duration.ofSeconds(10));

    long first = http.post(REPAIR, Map.of("run_id", runId, "rerun_all_failed_tasks", true)).longField("repair_id");
    server.clock().advance(Duration.ofSeconds(10));
    long second = http.post(REPAIR, Map.of("run_id", runId, "rerun_all_failed_tasks", true,
        "latest_repair_id", first)).longField("repair_id");
    server.clock().advance(Duration.ofSeconds(10));
    Map<String, Object> run = getWithHistory(runId);

    assertThat(state(run)).containsEntry("life_cycle_state", "INTERNAL_ERROR")
        .containsEntry("state_message", "Task ingest failed with message: bad."
            + " This caused all downstream tasks to get skipped.");
    assertThat(attempts(run, "ingest")).extracting(t -> t.get("attempt_number")).containsExactly(0L, 1L, 2L);
    assertThat(Http.list(run.get("repair_history")).stream().map(Http::obj).map(h -> h.get("id")))
        .containsExactly(null, first, second);
  }

  @Test
  void repair_secondRepairWithoutLatestRepairId_answersTheRecordedError() throws Exception {
    long runId = failedRun();
    http.ok(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("publish")));
    server.clock().advance(Duration.ofSeconds(20));

    Http.Reply reply = http.post(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("transform")));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
        .containsEntry("message", "The latest repair ID needs to be provided in order to create a new repair");
    assertThat(Http.list(getWithHistory(runId).get("repair_history"))).hasSize(2);
  }

  @Test
  void repair_staleLatestRepairId_isRefusedAndRepairsNothing() throws Exception {
    long runId = failedRun();
    long first = http.post(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("publish")))
        .longField("repair_id");
    server.clock().advance(Duration.ofSeconds(20));
    http.ok(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("publish"), "latest_repair_id", first));
    server.clock().advance(Duration.ofSeconds(20));

    Http.Reply reply = http.post(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("publish"),
        "latest_repair_id", first));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
    assertThat((String) reply.json().get("message")).contains(String.valueOf(first));
    assertThat(Http.list(getWithHistory(runId).get("repair_history"))).hasSize(3);
  }

  @Test
  void repair_activeRun_isRefused() throws Exception {
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");

    Http.Reply reply = http.post(REPAIR, Map.of("run_id", runId, "rerun_all_failed_tasks", true));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_STATE");
    assertThat(http.ok("/api/2.2/jobs/runs/get?run_id=" + runId).get("tasks")).asList().hasSize(3);
  }

  @Test
  void repair_badRequests_answer400() throws Exception {
    long runId = failedRun();

    Http.Reply both = http.post(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("transform"),
        "rerun_all_failed_tasks", true));
    Http.Reply neither = http.post(REPAIR, Map.of("run_id", runId));
    Http.Reply unknownTask = http.post(REPAIR, Map.of("run_id", runId, "rerun_tasks", List.of("nope")));
    Http.Reply missingRun = http.post(REPAIR, Map.of("run_id", 42, "rerun_all_failed_tasks", true));

    assertThat(List.of(both, neither, unknownTask, missingRun)).extracting(Http.Reply::status)
        .containsOnly(400);
    assertThat(missingRun.json()).containsEntry("message", "Run 42 does not exist.");
    assertThat(getWithHistory(runId).get("repair_history")).asList().hasSize(1);
  }

  @Test
  void repair_withJobParameters_overridesTheRunsParameters() throws Exception {
    long withParams = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "p",
        "parameters", List.of(Map.of("name", "env", "default", "dev")),
        "tasks", List.of(task("main", List.of())))).get("job_id")).longValue();
    server.scriptNextRun(withParams, RunScript.failingTask("x"));
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", withParams)).longField("run_id");
    server.clock().advance(Duration.ofSeconds(10));

    http.ok(REPAIR, Map.of("run_id", runId, "rerun_all_failed_tasks", true,
        "job_parameters", Map.of("env", "prod"), "notebook_params", Map.of("x", "1")));
    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

    assertThat(run.get("job_parameters")).isEqualTo(List.of(Map.of("name", "env", "default", "dev", "value", "prod")));
    assertThat(Http.obj(run.get("overriding_parameters"))).containsEntry("notebook_params", Map.of("x", "1"));
    assertThat(run).doesNotContainKey("repair_history");
  }

  @Test
  void runsGet_withHistory_neverRepairedRun_hasOnlyItsOriginalItem() throws Exception {
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");

    Map<String, Object> run = getWithHistory(runId);

    List<Map<String, Object>> history = Http.list(run.get("repair_history")).stream().map(Http::obj).toList();
    assertThat(history).hasSize(1);
    assertThat(history.get(0)).containsEntry("type", "ORIGINAL").containsEntry("end_time", 0L)
        .doesNotContainKey("id");
    assertThat(Http.list(history.get(0).get("task_run_ids"))).hasSize(3);
  }
}
