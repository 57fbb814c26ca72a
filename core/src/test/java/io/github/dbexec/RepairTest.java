package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.RunTerminatedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.RecordedApiRequest;
import io.github.dbexec.testkit.RunScript;
import io.github.dbexec.testkit.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repairs of finished runs: one repair per request, even through a lost answer, waited for like a run. */
class RepairTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private long jobId;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofSeconds(10)).start();
    jobId = server.createJob(Map.of("name", "two-steps", "tasks", List.of(
        Map.of("task_key", "extract", "notebook_task", Map.of("notebook_path", "/extract")),
        Map.of("task_key", "load", "notebook_task", Map.of("notebook_path", "/load"),
            "depends_on", List.of(Map.of("task_key", "extract"))))), "2.2");
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  private long failedRun() {
    server.scriptNextRun(jobId, RunScript.succeeding()
        .task("load", TaskScript.failing("KeyError: 'id'").thenOnRepair(TaskScript.succeeding())));
    long runId = executor.job(jobId).runNow().runId();
    assertThat(executor.awaitTermination(runId, WaitOptions.of(Duration.ofHours(1))).isSuccess()).isFalse();
    return runId;
  }

  @Test
  void repair_failedTaskAnswerLost_adoptsTheOneRepairAndSucceeds() throws Exception {
    long runId = failedRun();
    server.addFault(FaultRule.on("POST", "/jobs/runs/repair").once().loseResponse().build());

    Repair repair = executor.repair(RepairRequest.builder(runId).rerunAllFailedTasks().build());
    RunResult result = repair.awaitTermination(Duration.ofHours(1));

    assertThat(repair.adopted()).isTrue();
    assertThat(repair.runId()).isEqualTo(runId);
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.failedTasks()).isEmpty();
    assertThat(result.tasks()).filteredOn(t -> t.taskKey().equals("load")).extracting(RunTask::attemptNumber)
        .containsExactly(0, 1);
    List<RecordedApiRequest> repairs = server.journal().find("POST", "/jobs/runs/repair");
    assertThat(repairs).singleElement().satisfies(r -> {
      assertThat(r.jsonBody()).containsEntry("rerun_all_failed_tasks", true).doesNotContainKey("latest_repair_id");
      assertThat(((Number) r.jsonBody().get("run_id")).longValue()).isEqualTo(runId);
    });
    List<Map<String, Object>> history = repairHistory(runId);
    assertThat(history).extracting(h -> h.get("type")).containsExactly("ORIGINAL", "REPAIR");
    assertThat(((Number) history.get(1).get("id")).longValue()).isEqualTo(repair.repairId());
  }

  @Test
  void repair_secondRepair_sendsTheLatestRepairId() {
    server.scriptNextRun(jobId, RunScript.succeeding().task("load", TaskScript.failing("one")
        .thenOnRepair(TaskScript.failing("two").thenOnRepair(TaskScript.succeeding()))));
    long runId = executor.job(jobId).runNow().runId();
    executor.awaitTermination(runId, WaitOptions.of(Duration.ofHours(1)));
    Repair first = executor.repair(RepairRequest.builder(runId).rerunTasks(List.of("load")).build());
    assertThat(first.awaitTermination(Duration.ofHours(1)).failedTasks()).singleElement()
        .satisfies(f -> assertThat(f.attemptNumber()).isEqualTo(1));

    Repair second = executor.repair(RepairRequest.builder(runId).rerunTasks(List.of("load"))
        .rerunDependentTasks(true).jobParameter("day", "2026-11-21").build());

    assertThat(second.adopted()).isFalse();
    assertThat(second.repairId()).isNotEqualTo(first.repairId());
    assertThat(second.awaitTermination(Duration.ofHours(1)).isSuccess()).isTrue();
    List<RecordedApiRequest> repairs = server.journal().find("POST", "/jobs/runs/repair");
    assertThat(repairs).hasSize(2);
    assertThat(((Number) repairs.get(1).jsonBody().get("latest_repair_id")).longValue()).isEqualTo(first.repairId());
    assertThat(repairs.get(1).jsonBody()).containsEntry("rerun_tasks", List.of("load"))
        .containsEntry("rerun_dependent_tasks", true).containsEntry("job_parameters", Map.of("day", "2026-11-21"));
    assertThat(server.journal().find("GET", "/jobs/runs/get")).anySatisfy(
        r -> assertThat(r.queryParameter("include_history")).isEqualTo("true"));
  }

  @Test
  void repair_activeRun_refusedWithoutRetry() {
    long runId = executor.job(jobId).runNow().runId();

    assertThatThrownBy(() -> executor.repair(RepairRequest.builder(runId).rerunAllFailedTasks().build()))
        .isInstanceOfSatisfying(DatabricksApiException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    assertThat(server.journal().find("POST", "/jobs/runs/repair")).hasSize(1);
  }

  @Test
  void repair_followedRun_endLoggedByTheFollower() {
    InMemoryEventSink sink = new InMemoryEventSink();
    long runId = failedRun();
    try (DatabricksExecutor following = executor.newBuilder().addEventSink(sink)
        .followRuns(FollowOptions.of(Duration.ofSeconds(5), 10)).build()) {

      following.repair(RepairRequest.builder(runId).rerunAllFailedTasks().build());

      assertThat(sink.awaitEvents(RunTerminatedEvent.class, 1, Duration.ofSeconds(30))).singleElement()
          .satisfies(e -> {
            assertThat(e.runId()).isEqualTo(runId);
            assertThat(e.isSuccess()).isTrue();
          });
    }
  }

  @Test
  void repairRequest_bothOrNeitherChoice_throwsNamingTheField() {
    assertThatThrownBy(() -> RepairRequest.builder(5).build()).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("rerun_tasks").hasMessageContaining("rerun_all_failed_tasks");
    assertThatThrownBy(() -> RepairRequest.builder(5).rerunAllFailedTasks().rerunTasks(List.of("a")).build())
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> RepairRequest.builder(0).rerunAllFailedTasks().build())
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("run_id"));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> repairHistory(long runId) throws Exception {
    OkHttpClient http = new OkHttpClient();
    Request get = new Request.Builder().url(server.url() + "/api/2.2/jobs/runs/get?run_id=" + runId
        + "&include_history=true").header("Authorization", "Bearer dapi-any").build();
    try (Response response = http.newCall(get).execute()) {
      Map<String, Object> run = new Moshi.Builder().build().adapter(Map.class).fromJson(response.body().string());
      return (List<Map<String, Object>>) run.get("repair_history");
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
