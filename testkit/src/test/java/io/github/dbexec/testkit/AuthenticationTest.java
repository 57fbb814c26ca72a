package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  @Test
  void request_withoutAuthorization_answers401AsRecorded() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {

      Http.Reply reply = Http.to(server).withAuthorization(null).get("/api/2.2/jobs/runs/list");

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.message()).isEqualTo("Unauthorized");
      assertThat(reply.json()).containsEntry("error_code", 401L)
          .containsEntry("message", "Credential was not sent or was of an unsupported type for this API.");
      assertThat(reply.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"DatabricksRealm\"");
      assertThat(server.journal().find("GET", "/jobs/runs/list").get(0).header("Authorization")).isNull();
    }
  }

  @Test
  void request_withBasicAuthorization_answers401() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {

      Http.Reply reply = Http.to(server).withAuthorization("Basic dXNlcjpwYXNz").get("/api/2.2/jobs/runs/list");

      assertThat(reply.status()).isEqualTo(401);
    }
  }

  @Test
  void basicCredentials_correctPair_isAccepted_wrongPair401() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().basicCredentials("user", "pass").start()) {
      String good = "Basic " + java.util.Base64.getEncoder().encodeToString("user:pass".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String bad = "Basic " + java.util.Base64.getEncoder().encodeToString("user:nope".getBytes(java.nio.charset.StandardCharsets.UTF_8));

      int accepted = Http.to(server).withAuthorization(good).get("/api/2.2/jobs/runs/list").status();
      Http.Reply rejected = Http.to(server).withAuthorization(bad).get("/api/2.2/jobs/runs/list");

      assertThat(accepted).isEqualTo(200);
      assertThat(rejected.status()).isEqualTo(401);
      assertThat(rejected.json()).containsEntry("error_code", "UNAUTHENTICATED");
    }
  }

  @Test
  void request_withUnknownToken_answers403InvalidAccessToken() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {

      Http.Reply reply = Http.to(server).withAuthorization("Bearer dapi-wrong").get("/api/2.2/jobs/runs/list");

      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json()).containsEntry("error_code", 403L).containsEntry("message", "Invalid access token.");
      assertThat(reply.headers().get("X-Databricks-Reason-Phrase")).isEqualTo("Invalid access token.");
    }
  }

  @Test
  void request_withAnyBearerAndNoConfiguredToken_isAccepted() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.start()) {

      Http.Reply reply = Http.to(server).withAuthorization("Bearer anything").get("/api/2.2/jobs/runs/list");

      assertThat(reply.status()).isEqualTo(200);
    }
  }

  @Test
  void rejectedRequest_createsNothing_butIsJournaled() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {

      Http.to(server).withAuthorization("Bearer nope").post("/api/2.2/jobs/create", Map.of("name", "x"));

      assertThat(Http.to(server).get("/api/2.2/jobs/get?job_id=1001").status()).isEqualTo(400);
      assertThat(server.journal().count("POST", "/jobs/create")).isEqualTo(1);
    }
  }
}
