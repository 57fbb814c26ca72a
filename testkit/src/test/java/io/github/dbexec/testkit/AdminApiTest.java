package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {
  private FakeJobsServer server;
  private Http http;
  private Http admin;

  @BeforeEach
  void startServer() {
    server = TestServers.manual();
    http = Http.to(server);
    admin = Http.to(server).withAuthorization(null);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private long runNow(long jobId) {
    return ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
  }

  @Test
  void clockAdvance_manualClock_movesClockAndRuns() {
    long jobId = server.createJob(JobSpec.builder().build());
    long runId = runNow(jobId);

    Map<String, Object> clock = admin.ok("/__fake/clock/advance", Map.of("duration", "10s"));

    assertThat(clock).containsEntry("now_millis", TestServers.T0.toEpochMilli() + 10_000)
        .containsEntry("controllable", true);
    assertThat(server.requireRun(runId).resultState()).isEqualTo(ResultState.SUCCESS);
  }

  @Test
  void clockAdvance_systemClock_answers400InvalidState() throws Exception {
    try (FakeJobsServer system = FakeJobsServer.start()) {

      Http.Reply reply = Http.to(system).withAuthorization(null).post("/__fake/clock/advance", Map.of("millis", 5));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json()).containsEntry("error_code", "INVALID_STATE");
    }
  }

  @Test
  void faults_respondError_appliesToNextMatchingRequest() throws Exception {
    admin.ok("/__fake/faults", Map.of("method", "GET", "path", "/jobs/runs/list", "action", "respond_error",
        "status", 503, "error_code", "TEMPORARILY_UNAVAILABLE", "message", "later"));

    Http.Reply first = http.get("/api/2.2/jobs/runs/list");
    Http.Reply second = http.get("/api/2.2/jobs/runs/list");

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.json()).containsEntry("message", "later");
    assertThat(second.status()).isEqualTo(200);
  }

  @Test
  void faults_unknownAction_answers400() throws Exception {
    Http.Reply reply = admin.post("/__fake/faults", Map.of("action", "explode"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").toString()).contains("explode");
  }

  @Test
  void faults_clear_removesRules() throws Exception {
    admin.ok("/__fake/faults", Map.of("action", "drop_connection", "always", true));

    admin.ok("/__fake/faults/clear", Map.of());

    assertThat(http.get("/api/2.2/jobs/runs/list").status()).isEqualTo(200);
  }

  @Test
  void scripts_jobFailing_makesRunsFail() {
    long jobId = server.createJob(JobSpec.builder().build());
    admin.ok("/__fake/scripts", Map.of("job_id", jobId, "outcome", "FAILED", "message", "nope", "running_ms", 1000));
    long runId = runNow(jobId);

    server.clock().advance(Duration.ofSeconds(1));

    RunSnapshot run = server.requireRun(runId);
    assertThat(run.resultState()).isEqualTo(ResultState.FAILED);
    assertThat(run.stateMessage()).isEqualTo("nope");
  }

  @Test
  void scripts_perTaskOutcome_failsTheRunAsRecorded() {
    long jobId = server.createJob(Map.of("name", "two", "tasks", java.util.List.of(
        Map.of("task_key", "a", "notebook_task", Map.of("notebook_path", "/a")),
        Map.of("task_key", "b", "depends_on", java.util.List.of(Map.of("task_key", "a")),
            "notebook_task", Map.of("notebook_path", "/b")))), "2.2");
    admin.ok("/__fake/scripts", Map.of("job_id", jobId, "tasks",
        Map.of("a", Map.of("outcome", "FAILED", "message", "bad input", "running_ms", 500))));
    long runId = runNow(jobId);

    server.clock().advance(Duration.ofSeconds(1));

    RunSnapshot run = server.requireRun(runId);
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.INTERNAL_ERROR);
    assertThat(run.stateMessage()).isEqualTo(
        "Task a failed with message: bad input. This caused all downstream tasks to get skipped.");
    assertThat(run.tasks()).extracting(TaskRunSnapshot::resultState)
        .containsExactly(ResultState.FAILED, ResultState.UPSTREAM_FAILED);
  }

  @Test
  void scripts_failedTaskOutcome_failsTheFirstTask() {
    long jobId = server.createJob(JobSpec.builder().notebookTask("/nb").build());
    admin.ok("/__fake/scripts", Map.of("job_id", jobId, "outcome", "FAILED_TASK", "message", "nope"));
    long runId = runNow(jobId);

    server.clock().advance(Duration.ofSeconds(10));

    assertThat(server.requireRun(runId).stateMessage()).isEqualTo("Task main failed with message: nope.");
  }

  @Test
  void scripts_withoutTarget_answers400() throws Exception {
    Http.Reply reply = admin.post("/__fake/scripts", Map.of("outcome", "FAILED"));

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void state_listsJobsAndRunsWithTokens() {
    long jobId = server.createJob(JobSpec.builder().name("dumped").build());
    http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "idempotency_token", "tok"));

    Map<String, Object> state = admin.ok("/__fake/state");

    assertThat(Http.list(state.get("jobs"))).singleElement().satisfies(j -> assertThat(Http.obj(j)).containsEntry("job_id", jobId));
    assertThat(Http.list(state.get("runs"))).singleElement()
        .satisfies(r -> assertThat(Http.obj(r)).containsEntry("idempotency_token", "tok"));
  }

  @Test
  void journal_listsApiRequestsWithRedactedAuthorizationAndSkipsAdminCalls() {
    http.ok("/api/2.2/jobs/runs/list?limit=5");
    admin.ok("/__fake/health");

    Map<String, Object> journal = admin.ok("/__fake/journal");

    List<Object> requests = Http.list(journal.get("requests"));
    assertThat(requests).hasSize(1);
    Map<String, Object> entry = Http.obj(requests.get(0));
    assertThat(entry).containsEntry("method", "GET").containsEntry("path", "/api/2.2/jobs/runs/list")
        .containsEntry("api_version", "2.2").containsEntry("query", Map.of("limit", List.of("5")));
    assertThat(Http.obj(entry.get("headers"))).containsEntry("Authorization", "Bearer <redacted>");
  }

  @Test
  void reset_forgetsState() throws Exception {
    long jobId = server.createJob(JobSpec.builder().build());

    admin.ok("/__fake/reset", Map.of());

    assertThat(http.get("/api/2.2/jobs/get?job_id=" + jobId).status()).isEqualTo(400);
  }

  @Test
  void rateLimits_add_limitsRequests() throws Exception {
    admin.ok("/__fake/rate-limits", Map.of("method", "GET", "path", "/jobs/runs/list", "permits_per_second", 1));

    int first = http.get("/api/2.2/jobs/runs/list").status();
    int second = http.get("/api/2.2/jobs/runs/list").status();

    assertThat(first).isEqualTo(200);
    assertThat(second).isEqualTo(429);
  }

  @Test
  void unknownAdminPath_answers404() throws Exception {
    Http.Reply reply = admin.get("/__fake/nothing");

    assertThat(reply.status()).isEqualTo(404);
  }
}
