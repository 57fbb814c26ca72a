package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunNowTest {
  private FakeJobsServer server;
  private Http http;
  private long t0;

  @BeforeEach
  void startServer() {
    server = TestServers.manual();
    http = Http.to(server);
    t0 = TestServers.T0.toEpochMilli();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private long job(int maxConcurrentRuns, boolean queue) {
    return server.createJob(JobSpec.builder().name("job").maxConcurrentRuns(maxConcurrentRuns)
        .queueEnabled(queue).notebookTask("/nb").build());
  }

  private long runNow(long jobId) {
    return ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
  }

  @Test
  void runNow_freeSlot_answersRunIdAndNumberInJob() {
    long jobId = job(1, true);

    Map<String, Object> reply = http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));

    assertThat(reply).containsEntry("run_id", FakeJobsServer.DEFAULT_FIRST_RUN_ID)
        .containsEntry("number_in_job", FakeJobsServer.DEFAULT_FIRST_RUN_ID);
  }

  @Test
  void runsGet_newRun_isRunningWithRealLookingFields() {
    long jobId = job(1, true);
    long runId = runNow(jobId);

    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

    assertThat(run).containsEntry("job_id", jobId).containsEntry("run_id", runId)
        .containsEntry("number_in_job", runId).containsEntry("run_type", "JOB_RUN")
        .containsEntry("trigger", "ONE_TIME").containsEntry("start_time", t0).containsEntry("end_time", 0L)
        .containsEntry("creator_user_name", "testkit@example.com").containsEntry("run_name", "job");
    assertThat(run.get("run_page_url")).isEqualTo(server.url() + "/?o=1234567890123456#job/" + jobId + "/run/" + runId);
    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "RUNNING")
        .doesNotContainKey("result_state");
    assertThat(Http.obj(run.get("status"))).containsEntry("state", "RUNNING");
    assertThat(Http.list(run.get("tasks"))).hasSize(1);
  }

  @Test
  void runsGet_afterRunDuration_isTerminatedSuccessWithExactTimes() {
    long jobId = job(1, true);
    long runId = runNow(jobId);
    server.clock().advance(Duration.ofSeconds(60));

    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "TERMINATED")
        .containsEntry("result_state", "SUCCESS");
    assertThat(Http.obj(run.get("status"))).containsEntry("state", "TERMINATED")
        .containsEntry("termination_details", Map.of("code", "SUCCESS", "type", "SUCCESS", "message", ""));
    assertThat(run).containsEntry("end_time", t0 + 10_000).containsEntry("run_duration", 10_000L)
        .containsEntry("queue_duration", 0L);
  }

  @Test
  void runNow_atLimitWithQueueOn_createsQueuedRunWithQueueDetails() {
    long jobId = job(1, true);
    runNow(jobId);

    long second = runNow(jobId);

    RunSnapshot run = server.requireRun(second);
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
    assertThat(run.queueReason()).isNotBlank();
    assertThat(run.statusState()).isEqualTo("QUEUED");
    assertThat(run.queueCode()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED");
    assertThat(run.resultState()).isNull();
  }

  @Test
  void queuedRuns_whenSlotFrees_arePromotedFirstInFirstOut() {
    long jobId = job(1, true);
    long first = runNow(jobId);
    long second = runNow(jobId);
    long third = runNow(jobId);

    server.clock().advance(Duration.ofSeconds(15));

    assertThat(server.requireRun(first).resultState()).isEqualTo(ResultState.SUCCESS);
    RunSnapshot promoted = server.requireRun(second);
    assertThat(promoted.lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
    assertThat(promoted.queueDuration()).isEqualTo(10_000L);
    assertThat(server.requireRun(third).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
  }

  @Test
  void queuedRuns_afterLongWait_allFinishAtChainedTimes() {
    long jobId = job(1, true);
    long first = runNow(jobId);
    long second = runNow(jobId);

    server.clock().advance(Duration.ofMinutes(5));

    RunSnapshot a = server.requireRun(first);
    RunSnapshot b = server.requireRun(second);
    assertThat(a.endTime()).isEqualTo(t0 + 10_000);
    assertThat(b.endTime()).isEqualTo(t0 + 20_000);
    assertThat(b.queueDuration()).isEqualTo(10_000L);
    assertThat(b.resultState()).isEqualTo(ResultState.SUCCESS);
  }

  @Test
  void runNow_atLimitWithQueueOff_createsSkippedRun() {
    long jobId = job(1, false);
    runNow(jobId);

    long skipped = runNow(jobId);

    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + skipped);
    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "SKIPPED")
        .containsEntry("result_state", "MAXIMUM_CONCURRENT_RUNS_REACHED")
        .containsEntry("state_message",
            "Skipping this run because the limit of 1 maximum concurrent runs has been reached.");
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) run.get("status");
    assertThat(status).containsEntry("state", "TERMINATED");
    assertThat(Http.obj(status.get("termination_details"))).containsEntry("code", "MAX_CONCURRENT_RUNS_EXCEEDED");
    assertThat(run).containsEntry("end_time", t0);
  }

  @Test
  void runNow_queueOverrideOnRequest_queuesDespiteJobSetting() {
    long jobId = job(1, false);
    runNow(jobId);

    long runId = ((Number) http.ok("/api/2.2/jobs/run-now",
        Map.of("job_id", jobId, "queue", Map.of("enabled", true))).get("run_id")).longValue();

    assertThat(server.requireRun(runId).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
  }

  @Test
  void runNow_queueDisabledOnRequest_skipsDespiteJobSetting() {
    long jobId = job(1, true);
    runNow(jobId);

    long runId = ((Number) http.ok("/api/2.2/jobs/run-now",
        Map.of("job_id", jobId, "queue", Map.of("enabled", false))).get("run_id")).longValue();

    assertThat(server.requireRun(runId).lifeCycleState()).isEqualTo(LifeCycleState.SKIPPED);
  }

  @Test
  void runNow_maxConcurrentRunsZero_skipsEveryRun() {
    long jobId = job(0, true);

    long runId = runNow(jobId);

    RunSnapshot run = server.requireRun(runId);
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.SKIPPED);
    assertThat(run.stateMessage()).contains("limit of 0 maximum concurrent runs");
  }

  @Test
  void runNow_jobCreatedThroughApi21AtLimit_isSkippedByDefault() {
    long jobId = ((Number) http.ok("/api/2.1/jobs/create", Map.of("name", "old")).get("job_id")).longValue();
    runNow(jobId);

    long second = runNow(jobId);

    assertThat(server.requireRun(second).lifeCycleState()).isEqualTo(LifeCycleState.SKIPPED);
  }

  @Test
  void runNow_maxConcurrentRunsTwo_startsTwoAndQueuesThird() {
    long jobId = job(2, true);

    runNow(jobId);
    runNow(jobId);
    runNow(jobId);

    assertThat(server.runs(jobId)).extracting(RunSnapshot::lifeCycleState)
        .containsExactly(LifeCycleState.RUNNING, LifeCycleState.RUNNING, LifeCycleState.QUEUED);
  }

  @Test
  void runNow_sameIdempotencyToken_returnsSameRunAndCreatesNoOther() {
    long jobId = job(1, true);
    Map<String, Object> body = Map.of("job_id", jobId, "idempotency_token", "tok-1");

    Map<String, Object> first = http.ok("/api/2.2/jobs/run-now", body);
    Map<String, Object> second = http.ok("/api/2.2/jobs/run-now", body);

    assertThat(second.get("run_id")).isEqualTo(first.get("run_id"));
    assertThat(server.runCount()).isEqualTo(1);
    assertThat(server.requireRun((Long) first.get("run_id")).idempotencyToken()).isEqualTo("tok-1");
  }

  @Test
  void runNow_tokenLongerThan64_answers400() throws Exception {
    long jobId = job(1, true);

    Http.Reply reply = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "idempotency_token", "x".repeat(65)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
    assertThat(server.runCount()).isZero();
  }

  @Test
  void runNow_missingJob_answers400JobDoesNotExist() throws Exception {
    Http.Reply reply = http.post("/api/2.1/jobs/run-now", Map.of("job_id", 999));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
        .containsEntry("message", "Job 999 does not exist.");
  }

  @Test
  void runsGet_missingRun_answers400RunDoesNotExist() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/runs/get?run_id=5");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("message", "Run 5 does not exist.");
  }

  @Test
  void runNow_withParams_recordsOverridingAndJobParameters() {
    long jobId = server.createJob(JobSpec.builder().notebookTask("/nb").parameter("env", "dev").build());

    long runId = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
        "notebook_params", Map.of("file", "/data/a.parquet"), "job_parameters", Map.of("env", "prod")))
        .get("run_id")).longValue();

    RunSnapshot run = server.requireRun(runId);
    assertThat(run.overridingParameters()).containsEntry("notebook_params", Map.of("file", "/data/a.parquet"));
    assertThat(run.jobParameters()).containsEntry("env", "prod");
    assertThat(run.json().get("job_parameters"))
        .isEqualTo(List.of(Map.of("name", "env", "default", "dev", "value", "prod")));
  }

  @Test
  void runNow_jobIdAsJsonString_isAcceptedLikeProtobufJson() throws Exception {
    long jobId = job(1, true);

    Http.Reply reply = http.post("/api/2.2/jobs/run-now", "{\"job_id\": \"" + jobId + "\"}");

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void runNow_jobIdNotANumber_answers400() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/run-now", "{\"job_id\": true}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").toString()).contains("job_id");
  }

  @Test
  void runNow_wrongParamType_answers400AndCreatesNothing() throws Exception {
    long jobId = job(1, true);

    Http.Reply reply = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "jar_params", "not-a-list"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(server.runCount()).isZero();
  }

  @Test
  void runsList_filtersByJobAndActiveOnly_newestFirst() {
    long jobA = job(5, true);
    long jobB = job(5, true);
    long a1 = runNow(jobA);
    server.clock().advance(Duration.ofSeconds(11));
    long a2 = runNow(jobA);
    runNow(jobB);

    Map<String, Object> all = http.ok("/api/2.2/jobs/runs/list?job_id=" + jobA);
    Map<String, Object> active = http.ok("/api/2.2/jobs/runs/list?job_id=" + jobA + "&active_only=true");

    assertThat(Http.list(all.get("runs"))).extracting(r -> Http.obj(r).get("run_id")).containsExactly(a2, a1);
    assertThat(Http.list(active.get("runs"))).extracting(r -> Http.obj(r).get("run_id")).containsExactly(a2);
    assertThat(all).containsEntry("has_more", false);
  }

  @Test
  void runsList_withLimit_pagesWithNextPageToken() {
    long jobId = job(10, true);
    for (int i = 0; i < 3; i++) {
      runNow(jobId);
    }

    Map<String, Object> page1 = http.ok("/api/2.2/jobs/runs/list?limit=2");
    Map<String, Object> page2 = http.ok("/api/2.2/jobs/runs/list?limit=2&page_token=" + page1.get("next_page_token"));

    assertThat(Http.list(page1.get("runs"))).hasSize(2);
    assertThat(page1).containsEntry("has_more", true);
    assertThat(Http.list(page2.get("runs"))).hasSize(1);
    assertThat(page2).containsEntry("has_more", false).doesNotContainKey("next_page_token");
  }

  @Test
  void runsList_noRuns_omitsRunsField() {
    Map<String, Object> reply = http.ok("/api/2.2/jobs/runs/list");

    assertThat(reply).doesNotContainKey("runs").containsEntry("has_more", false);
  }
}
