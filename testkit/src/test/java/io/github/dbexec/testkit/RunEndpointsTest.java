package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunEndpointsTest {
  private FakeJobsServer server;
  private Http http;

  @BeforeEach
  void startServer() {
    server = TestServers.manual();
    http = Http.to(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private long job(int max) {
    return server.createJob(JobSpec.builder().maxConcurrentRuns(max).notebookTask("/nb").build());
  }

  private long runNow(long jobId) {
    return ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
  }

  @Test
  void cancel_runningRun_endsCanceledAndPromotesQueuedRun() {
    long jobId = job(1);
    long running = runNow(jobId);
    long queued = runNow(jobId);

    http.ok("/api/2.2/jobs/runs/cancel", Map.of("run_id", running));

    RunSnapshot cancelled = server.requireRun(running);
    assertThat(cancelled.resultState()).isEqualTo(ResultState.CANCELED);
    assertThat(cancelled.userCancelledOrTimedout()).isTrue();
    assertThat(cancelled.terminationCode()).isEqualTo("USER_CANCELED");
    assertThat(server.requireRun(queued).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
  }

  @Test
  void cancel_withTerminatingDuration_isAsynchronous() {
    try (FakeJobsServer slow = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .terminatingDuration(Duration.ofSeconds(3)).start()) {
      Http h = Http.to(slow);
      long jobId = slow.createJob(JobSpec.builder().build());
      long runId = ((Number) h.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();

      h.ok("/api/2.2/jobs/runs/cancel", Map.of("run_id", runId));
      LifeCycleState during = slow.requireRun(runId).lifeCycleState();
      slow.clock().advance(Duration.ofSeconds(3));
      RunSnapshot after = slow.requireRun(runId);

      assertThat(during).isEqualTo(LifeCycleState.TERMINATING);
      assertThat(after.lifeCycleState()).isEqualTo(LifeCycleState.TERMINATED);
      assertThat(after.resultState()).isEqualTo(ResultState.CANCELED);
    }
  }

  @Test
  void cancel_finishedRun_keepsOutcome() {
    long runId = runNow(job(1));
    server.clock().advance(Duration.ofMinutes(1));

    http.ok("/api/2.2/jobs/runs/cancel", Map.of("run_id", runId));

    assertThat(server.requireRun(runId).resultState()).isEqualTo(ResultState.SUCCESS);
  }

  @Test
  void cancelAll_withJobId_cancelsRunningAndQueuedRuns() {
    long jobId = job(1);
    long a = runNow(jobId);
    long b = runNow(jobId);
    long c = runNow(jobId);

    http.ok("/api/2.2/jobs/runs/cancel-all", Map.of("job_id", jobId));

    assertThat(List.of(a, b, c)).allSatisfy(id -> assertThat(server.requireRun(id).resultState())
        .isEqualTo(ResultState.CANCELED));
    assertThat(server.requireRun(b).json().get("queue_duration")).isEqualTo(0L);
  }

  @Test
  void cancelAll_allQueuedRunsOnly_cancelsQueuedRunsOfEveryJobButNotRunning() {
    long jobA = job(1);
    long jobB = job(1);
    long runningA = runNow(jobA);
    long queuedA = runNow(jobA);
    runNow(jobB);
    long queuedB = runNow(jobB);

    http.ok("/api/2.2/jobs/runs/cancel-all", Map.of("all_queued_runs", true));

    assertThat(server.requireRun(runningA).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
    assertThat(server.requireRun(queuedA).resultState()).isEqualTo(ResultState.CANCELED);
    assertThat(server.requireRun(queuedB).resultState()).isEqualTo(ResultState.CANCELED);
  }

  @Test
  void cancelAll_noArguments_answers400() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/runs/cancel-all", Map.of());

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void delete_activeRun_answers400InvalidState() throws Exception {
    long runId = runNow(job(1));

    Http.Reply reply = http.post("/api/2.2/jobs/runs/delete", Map.of("run_id", runId));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_STATE");
  }

  @Test
  void delete_finishedRun_removesItAndItsTokenIsRefusedAfterwards() throws Exception {
    long jobId = job(1);
    long runId = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "idempotency_token", "once"))
        .get("run_id")).longValue();
    server.clock().advance(Duration.ofMinutes(1));

    http.ok("/api/2.2/jobs/runs/delete", Map.of("run_id", runId));
    Http.Reply reuse = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "idempotency_token", "once"));

    assertThat(server.run(runId)).isNull();
    assertThat(server.runCount()).isZero();
    assertThat(reuse.status()).isEqualTo(400);
    assertThat(reuse.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
  }

  @Test
  void submit_withoutRunName_createsSubmitRunNamedUntitled() {
    Map<String, Object> reply = http.ok("/api/2.2/jobs/runs/submit", Map.of("idempotency_token", "s1",
        "tasks", List.of(Map.of("task_key", "main", "notebook_task", Map.of("notebook_path", "/nb")))));

    long runId = ((Number) reply.get("run_id")).longValue();
    RunSnapshot run = server.requireRun(runId);
    assertThat(reply).containsOnlyKeys("run_id");
    assertThat(run.runType()).isEqualTo(RunType.SUBMIT_RUN);
    assertThat(run.runName()).isEqualTo("Untitled");
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
    assertThat(run.idempotencyToken()).isEqualTo("s1");
  }

  @Test
  void submit_sameToken_returnsSameRun() {
    Map<String, Object> body = Map.of("run_name", "adhoc", "idempotency_token", "s2",
        "tasks", List.of(Map.of("task_key", "main", "spark_jar_task", Map.of("main_class_name", "x.Main"),
            "existing_cluster_id", "0923-164208-meows279")));

    Object first = http.ok("/api/2.2/jobs/runs/submit", body).get("run_id");
    Object second = http.ok("/api/2.2/jobs/runs/submit", body).get("run_id");

    assertThat(second).isEqualTo(first);
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void getOutput_parentRunWithTasks_answers400() throws Exception {
    long runId = runNow(job(1));

    Http.Reply reply = http.get("/api/2.2/jobs/runs/get-output?run_id=" + runId);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").toString()).contains("multiple tasks");
  }

  @Test
  void runsList_completedOnlyAndRunType_filter() {
    long jobId = job(5);
    long finished = runNow(jobId);
    server.clock().advance(Duration.ofMinutes(1));
    runNow(jobId);
    http.ok("/api/2.2/jobs/runs/submit", Map.of("run_name", "x",
        "tasks", List.of(Map.of("task_key", "t", "notebook_task", Map.of("notebook_path", "/nb")))));

    Map<String, Object> completed = http.ok("/api/2.2/jobs/runs/list?completed_only=true");
    Map<String, Object> submits = http.ok("/api/2.2/jobs/runs/list?run_type=SUBMIT_RUN");

    assertThat(Http.list(completed.get("runs"))).extracting(r -> Http.obj(r).get("run_id")).containsExactly(finished);
    assertThat(Http.list(submits.get("runs"))).hasSize(1);
  }

  @Test
  void runsList_activeAndCompletedOnly_answers400() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/runs/list?active_only=true&completed_only=true");

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void runsList_startTimeWindowAndExpandTasks() {
    long jobId = job(5);
    runNow(jobId);
    server.clock().advance(Duration.ofSeconds(30));
    long later = runNow(jobId);
    long from = TestServers.T0.toEpochMilli() + 30_000;

    Map<String, Object> window = http.ok("/api/2.2/jobs/runs/list?start_time_from=" + from + "&expand_tasks=true");
    Map<String, Object> plain = http.ok("/api/2.2/jobs/runs/list");

    List<Object> runs = Http.list(window.get("runs"));
    assertThat(runs).extracting(r -> Http.obj(r).get("run_id")).containsExactly(later);
    assertThat(Http.obj(runs.get(0))).containsKey("tasks");
    assertThat(Http.obj(Http.list(plain.get("runs")).get(0))).doesNotContainKey("tasks");
  }
}
