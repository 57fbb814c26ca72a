package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunNowTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private long notebookJob;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().token("dapi-test").clock(time.fakeClock()).runDuration(Duration.ofMinutes(5)).start();
    notebookJob = server.createJob(JobSpec.builder().name("ingest").notebookTask("/Repos/etl/ingest").build());
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test").clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void runNow_notebookParamsAndKey_sendsThemWithDerivedToken() {
    Submission submission = executor.job(notebookJob)
        .notebookParams(Map.of("file", "/data/in/part-0001.parquet"))
        .idempotencyKey("file-closed:/data/in/part-0001.parquet")
        .runNow();

    List<RecordedApiRequest> sent = server.journal().find("POST", "/jobs/run-now");
    assertThat(sent).hasSize(1);
    RecordedApiRequest request = sent.get(0);
    assertThat(request.apiVersion()).isEqualTo("2.2");
    assertThat(request.header("Authorization")).isEqualTo("Bearer dapi-test");
    assertThat(request.header("User-Agent")).startsWith("dbexec/").contains(" jvm/").contains(" os/");
    Map<String, Object> body = request.jsonBody();
    assertThat(((Number) body.get("job_id")).longValue()).isEqualTo(notebookJob);
    assertThat(body.get("notebook_params")).isEqualTo(Map.of("file", "/data/in/part-0001.parquet"));
    assertThat(body.get("idempotency_token"))
        .isEqualTo(IdempotencyTokens.forRunNow(notebookJob, "file-closed:/data/in/part-0001.parquet"))
        .isEqualTo(submission.idempotencyToken());
    assertThat(body).doesNotContainKeys("jar_params", "job_parameters", "queue");
    assertThat(submission.runId()).isPositive();
    assertThat(server.run(submission.runId())).isNotNull();
    assertThat(submission.jobId()).isEqualTo(notebookJob);
    assertThat(submission.numberInJob()).isNotNull();
    assertThat(submission.idempotencyKey()).isEqualTo("file-closed:/data/in/part-0001.parquet");
    assertThat(submission.submittedAt()).isEqualTo(time.millis());
  }

  @Test
  void runNow_sameKeyTwice_sameTokenAndOneRun() {
    Submission first = executor.job(notebookJob).idempotencyKey("event-42").runNow();

    Submission second = executor.job(notebookJob).idempotencyKey("event-42").runNow();

    assertThat(second.idempotencyToken()).isEqualTo(first.idempotencyToken());
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(first.deduplicated()).isFalse();
    assertThat(second.deduplicated()).isTrue();
    assertThat(server.runs(notebookJob)).hasSize(1);
    List<RecordedApiRequest> sent = server.journal().find("POST", "/jobs/run-now");
    assertThat(sent).extracting(r -> r.jsonBody().get("idempotency_token"))
        .containsExactly(first.idempotencyToken(), first.idempotencyToken());
  }

  @Test
  void runNow_sameKeyDifferentJobs_differentTokensAndRuns() {
    long otherJob = server.createJob(JobSpec.builder().name("other").notebookTask("/nb").build());

    Submission a = executor.job(notebookJob).idempotencyKey("same").runNow();
    Submission b = executor.job(otherJob).idempotencyKey("same").runNow();

    assertThat(a.idempotencyToken()).isNotEqualTo(b.idempotencyToken());
    assertThat(a.runId()).isNotEqualTo(b.runId());
  }

  @Test
  void runNow_noKey_sendsFreshRandomTokenEachTime() {
    Submission a = executor.job(notebookJob).runNow();
    server.clock().advance(Duration.ofHours(1));
    Submission b = executor.job(notebookJob).runNow();

    assertThat(a.idempotencyToken()).isNotEqualTo(b.idempotencyToken()).hasSizeLessThanOrEqualTo(64);
    assertThat(a.runId()).isNotEqualTo(b.runId());
    assertThat(server.journal().find("POST", "/jobs/run-now"))
        .extracting(r -> r.jsonBody().get("idempotency_token"))
        .containsExactly(a.idempotencyToken(), b.idempotencyToken());
  }

  @Test
  void runNow_jarParams_sentInOrder() {
    long jarJob = server.createJob(JobSpec.builder().name("jar").jarTask("com.example.Main").build());

    executor.job(jarJob).jarParams(List.of("--in", "/data/a", "--mode", "full")).runNow();

    Map<String, Object> body = server.journal().find("POST", "/jobs/run-now").get(0).jsonBody();
    assertThat(body.get("jar_params")).isEqualTo(List.of("--in", "/data/a", "--mode", "full"));
    assertThat(body).doesNotContainKey("notebook_params");
  }

  @Test
  void runNow_jobParametersAndQueueOverride_sent() {
    executor.job(notebookJob).jobParameters(Map.of("env", "prod")).queue(true).runNow();

    Map<String, Object> body = server.journal().find("POST", "/jobs/run-now").get(0).jsonBody();
    assertThat(body.get("job_parameters")).isEqualTo(Map.of("env", "prod"));
    assertThat(body.get("queue")).isEqualTo(Map.of("enabled", true));
  }

  @Test
  void runNow_explicitToken_sentVerbatim() {
    Submission s = executor.job(notebookJob).idempotencyToken("6f1c2a8e-1c55-4b6e-9d0e-2f1f0f6f0a11").runNow();

    assertThat(server.journal().find("POST", "/jobs/run-now").get(0).jsonBody().get("idempotency_token"))
        .isEqualTo("6f1c2a8e-1c55-4b6e-9d0e-2f1f0f6f0a11");
    assertThat(s.idempotencyToken()).isEqualTo("6f1c2a8e-1c55-4b6e-9d0e-2f1f0f6f0a11");
  }

  @Test
  void apiVersion_v21_callsThe21Paths() {
    try (DatabricksExecutor v21 = DatabricksExecutor.builder().host(server.url()).token("dapi-test")
        .apiVersion(JobsApiVersion.V2_1).clock(time).sleeper(time).build()) {
      v21.job(notebookJob).runNow();
    }

    assertThat(server.journal().find("POST", "/jobs/run-now").get(0).apiVersion()).isEqualTo("2.1");
  }

  @Test
  void runNow_singleEntryAdders_accumulate() {
    executor.job(notebookJob).notebookParam("a", "1").notebookParam("b", "2").runNow();
    executor.job(notebookJob).jobParameters(Map.of("env", "prod")).jobParameter("day", "2026-11-21").runNow();

    List<RecordedApiRequest> sent = server.journal().find("POST", "/jobs/run-now");
    assertThat(sent.get(0).jsonBody().get("notebook_params")).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(sent.get(1).jsonBody().get("job_parameters")).isEqualTo(Map.of("env", "prod", "day", "2026-11-21"));
  }
}
