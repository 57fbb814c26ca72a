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
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
        .containsEntry("message", "Job 0 does not exist.");
    assertThat(server.runCount()).isZero();
    assertThat(server.journal().find("POST", "/jobs/run-now").get(0).jsonBody())
        .containsOnlyKeys("idempotency_token");
  }
}
