package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviours recorded from real workspaces (testkit/FIDELITY.md), checked through HTTP: status line, body
 * and headers.
 */
class RecordedBehaviourTest {
  private FakeJobsServer server;
  private Http http;

  @BeforeEach
  void start() {
    server = TestServers.manual();
    http = Http.to(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void error_statusLine_carriesTheStandardReasonPhrase() throws Exception {
    Http.Reply missing = http.get("/api/2.2/jobs/get?job_id=42");
    Http.Reply ok = http.get("/api/2.2/jobs/runs/list");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.message()).isEqualTo("Bad Request");
    assertThat(missing.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(ok.message()).isEqualTo("OK");
    assertThat(server.journal().find("GET", "/jobs/get").get(0).responseCode()).isEqualTo(400);
  }

  @Test
  void unknownEndpoint_statusLine_isNotFound() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/nothing-here");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.message()).isEqualTo("Not Found");
    assertThat(reply.json()).containsEntry("error_code", "ENDPOINT_NOT_FOUND");
  }

  @Test
  void runNow_withoutJobId_answersJob0DoesNotExist() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/run-now", Map.of("idempotency_token", "t-1"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).isEqualTo("Bad Request");
    assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
        .containsEntry("message", "Job 0 does not exist.");
    assertThat(Http.list(reply.json().get("details"))).singleElement()
        .satisfies(d -> assertThat(Http.obj(d)).containsEntry("@type", "type.googleapis.com/google.rpc.RequestInfo"));
    assertThat(server.runCount()).isZero();
    assertThat(server.journal().find("POST", "/jobs/run-now").get(0).jsonBody())
        .containsOnlyKeys("idempotency_token");
  }

  @Test
  void runsList_offsetAbove10000_answersTheRecordedError() throws Exception {
    Http.Reply reply = http.get("/api/2.1/jobs/runs/list?offset=10020");
    Http.Reply atCap = http.get("/api/2.1/jobs/runs/list?offset=10000");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).isEqualTo("Bad Request");
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
        .containsEntry("message", "The supplied offset 10020 has exceeded the value of 10000 allowed for this "
            + "parameter.Please use the page_token parameter to paginate: "
            + "https://docs.databricks.com/api/workspace/jobs/listruns.");
    assertThat(atCap.status()).isEqualTo(200);
    assertThat(server.journal().find("GET", "/jobs/runs/list").get(0).queryParameter("offset")).isEqualTo("10020");
  }

  @Test
  void jobsList_offsetAbove1000_answersTheRecordedError() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/list?offset=1001");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
    assertThat((String) reply.json().get("message")).startsWith(
        "The supplied offset 1001 has exceeded the value of 1000 allowed for this parameter.Please use the "
            + "page_token parameter to paginate");
  }

  @Test
  void finishedRun_reportsRunLevelDurationsAndFormat() throws Exception {
    try (FakeJobsServer timed = FakeJobsServer.builder().token("dapi-test")
        .clock(FakeClock.manual(TestServers.T0)).pendingDuration(java.time.Duration.ofSeconds(3))
        .runDuration(java.time.Duration.ofSeconds(7)).terminatingDuration(java.time.Duration.ofSeconds(1)).start()) {
      long jobId = timed.createJob(JobSpec.builder().notebookTask("/nb").build());
      long runId = Http.to(timed).post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");
      timed.clock().advance(java.time.Duration.ofSeconds(11));

      Map<String, Object> run = Http.to(timed).ok("/api/2.1/jobs/runs/get?run_id=" + runId);
      Map<String, Object> run22 = Http.to(timed).ok("/api/2.2/jobs/runs/get?run_id=" + runId);

      assertThat(run22).doesNotContainKey("format").containsEntry("execution_duration", 7000L);
      assertThat(run).containsEntry("format", "MULTI_TASK").containsEntry("setup_duration", 3000L)
          .containsEntry("execution_duration", 7000L).containsEntry("cleanup_duration", 1000L)
          .containsEntry("run_duration", 11000L);
    }
  }
}
