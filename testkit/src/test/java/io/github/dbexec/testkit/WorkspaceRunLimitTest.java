package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceRunLimitTest {
  private FakeJobsServer server;
  private Http http;

  @BeforeEach
  void startServer() {
    server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0)).runDuration(Duration.ofSeconds(10))
        .workspaceRunLimit(2).start();
    http = Http.to(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private long runNow(long jobId) {
    return ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
  }

  @Test
  void runNow_workspaceFullJobSlotFree_queuesWithActiveRunsLimitReached() {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobB = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    runNow(jobA);
    runNow(jobA);

    long waiting = runNow(jobB);

    RunSnapshot run = server.requireRun(waiting);
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
    assertThat(run.queueCode()).isEqualTo("ACTIVE_RUNS_LIMIT_REACHED");
  }

  @Test
  void workspaceSlotFrees_oldestQueuedRunOfAnyJobStartsFirst() {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobB = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    runNow(jobA);
    server.clock().advance(Duration.ofSeconds(1));
    runNow(jobA);
    long firstWaiting = runNow(jobB);
    long secondWaiting = runNow(jobA);

    server.clock().advance(Duration.ofSeconds(9));

    assertThat(server.requireRun(firstWaiting).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
    assertThat(server.requireRun(secondWaiting).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
  }

  @Test
  void runNow_workspaceFullQueueOff_answers429AndCreatesNoRun() throws Exception {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobOff = server.createJob(JobSpec.builder().maxConcurrentRuns(5).queueEnabled(false).build());
    runNow(jobA);
    runNow(jobA);

    Http.Reply reply = http.post("/api/2.1/jobs/run-now", Map.of("job_id", jobOff, "idempotency_token", "w-1"));

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.message()).isEqualTo("Too Many Requests");
    assertThat(reply.json()).containsEntry("error_code", "REQUEST_LIMIT_EXCEEDED")
        .containsEntry("message", "There are already 2 active runs (limit: 2).")
        .containsKey("details");
    assertThat(reply.headers().get("Retry-After")).isNull();
    assertThat(server.runs(jobOff)).isEmpty();
    assertThat(server.runCount()).isEqualTo(2);
    assertThat(server.journal().find("POST", "/jobs/run-now").get(2).responseErrorCode())
        .isEqualTo("REQUEST_LIMIT_EXCEEDED");
  }

  @Test
  void runNow_retriedWithSameTokenAfterSlotFrees_createsExactlyOneRun() throws Exception {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobOff = server.createJob(JobSpec.builder().maxConcurrentRuns(5).queueEnabled(false).build());
    runNow(jobA);
    runNow(jobA);
    Http.Reply refused = http.post("/api/2.1/jobs/run-now", Map.of("job_id", jobOff, "idempotency_token", "w-2"));

    server.clock().advance(Duration.ofSeconds(10));
    Http.Reply first = http.post("/api/2.1/jobs/run-now", Map.of("job_id", jobOff, "idempotency_token", "w-2"));
    Http.Reply again = http.post("/api/2.1/jobs/run-now", Map.of("job_id", jobOff, "idempotency_token", "w-2"));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(first.status()).isEqualTo(200);
    assertThat(again.longField("run_id")).isEqualTo(first.longField("run_id"));
    assertThat(server.runs(jobOff)).hasSize(1);
    assertThat(server.requireRun(first.longField("run_id")).idempotencyToken()).isEqualTo("w-2");
  }

  @Test
  void submit_workspaceFullNoQueue_answers429() throws Exception {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    runNow(jobA);
    runNow(jobA);

    Http.Reply reply = http.post("/api/2.1/jobs/runs/submit", Map.of("run_name", "once",
        "tasks", java.util.List.of(Map.of("task_key", "t", "notebook_task", Map.of("notebook_path", "/nb")))));

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.json()).containsEntry("message", "There are already 2 active runs (limit: 2).");
    assertThat(server.runCount()).isEqualTo(2);
  }

  @Test
  void runNow_v22WorkspaceFullQueueOff_byDefaultAnswers429AndCreatesNoRun() throws Exception {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobOff = server.createJob(JobSpec.builder().maxConcurrentRuns(5).queueEnabled(false).build());
    runNow(jobA);
    runNow(jobA);

    Http.Reply reply = Http.to(server).post("/api/2.2/jobs/run-now", Map.of("job_id", jobOff));

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.json()).containsEntry("error_code", "REQUEST_LIMIT_EXCEEDED")
        .containsEntry("message", "There are already 2 active runs (limit: 2).");
    assertThat(server.runs(jobOff)).isEmpty();
  }

  @Test
  void skipRun_onApi22_skipsWithWorkspaceRunLimitExceeded() {
    try (FakeJobsServer lenient = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .workspaceRunLimit(1).workspaceRunLimitAnswer(WorkspaceRunLimitAnswer.SKIP_RUN).start()) {
      long job = lenient.createJob(JobSpec.builder().maxConcurrentRuns(5).queueEnabled(false).build());
      Http.to(lenient).ok("/api/2.2/jobs/run-now", Map.of("job_id", job));

      long skipped = ((Number) Http.to(lenient).ok("/api/2.2/jobs/run-now", Map.of("job_id", job)).get("run_id"))
          .longValue();

      RunSnapshot run = lenient.requireRun(skipped);
      assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.SKIPPED);
      assertThat(run.terminationCode()).isEqualTo("WORKSPACE_RUN_LIMIT_EXCEEDED");
    }
  }

  @Test
  void runNow_workspaceFullQueueOn_queuedReasonNamesTheLimit() {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    runNow(jobA);
    runNow(jobA);

    long waiting = runNow(server.createJob(JobSpec.builder().build()));

    assertThat(server.requireRun(waiting).queueReason())
        .isEqualTo("Queued due to reaching maximum number of allowed active runs (2)");
  }

  @Test
  void jobLimitStillApplies_belowWorkspaceLimit() {
    long job = server.createJob(JobSpec.builder().maxConcurrentRuns(1).build());
    runNow(job);

    long queued = runNow(job);

    assertThat(server.requireRun(queued).queueCode()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED");
  }
}
