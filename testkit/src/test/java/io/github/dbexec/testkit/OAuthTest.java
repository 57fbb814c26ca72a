package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTest {
  private final OkHttpClient client = new OkHttpClient();
  private FakeJobsServer server;

  @BeforeEach
  void startServer() {
    server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .oauthClient("sp-id", "sp-secret").oauthTokenLifetime(Duration.ofMinutes(10)).start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Http.Reply token(String basicUser, String basicPassword, String grantType) throws Exception {
    String basic = Base64.getEncoder().encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8));
    Request request = new Request.Builder().url(server.url() + "/oidc/v1/token")
        .header("Authorization", "Basic " + basic)
        .post(new FormBody.Builder().add("grant_type", grantType).add("scope", "all-apis").build()).build();
    try (Response response = client.newCall(request).execute()) {
      return new Http.Reply(response.code(), response.body().string(), response.headers(), response.message());
    }
  }

  @Test
  void wellKnown_answersTokenEndpoint() {
    Map<String, Object> metadata = Http.to(server).ok("/oidc/.well-known/oauth-authorization-server");

    assertThat(metadata).containsEntry("token_endpoint", server.url() + "/oidc/v1/token");
  }

  @Test
  void token_validClient_issuesBearerTokenAcceptedByJobsApi() throws Exception {
    Http.Reply reply = token("sp-id", "sp-secret", "client_credentials");

    String accessToken = (String) reply.json().get("access_token");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 600L);
    assertThat(Http.to(server).withAuthorization("Bearer " + accessToken).get("/api/2.2/jobs/runs/list").status())
        .isEqualTo(200);
  }

  @Test
  void issuedToken_afterLifetimeOnFakeClock_isRefused() throws Exception {
    String accessToken = (String) token("sp-id", "sp-secret", "client_credentials").json().get("access_token");

    server.clock().advance(Duration.ofMinutes(10));
    Http.Reply reply = Http.to(server).withAuthorization("Bearer " + accessToken).get("/api/2.2/jobs/runs/list");

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void token_wrongSecret_answers401InvalidClient() throws Exception {
    Http.Reply reply = token("sp-id", "nope", "client_credentials");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json()).containsEntry("error", "invalid_client");
  }

  @Test
  void token_wrongGrantType_answers400() throws Exception {
    Http.Reply reply = token("sp-id", "sp-secret", "password");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error", "unsupported_grant_type");
  }

  @Test
  void oauthConfigured_arbitraryBearer_isRefused() throws Exception {
    Http.Reply reply = Http.to(server).withAuthorization("Bearer made-up").get("/api/2.2/jobs/runs/list");

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void databricksConfigDiscovery_answersAsAWorkspace() throws Exception {
    Http.Reply reply = Http.to(server).withAuthorization(null).get("/.well-known/databricks-config");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json()).containsOnlyKeys("oidc_endpoint", "workspace_id")
        .containsEntry("oidc_endpoint", server.url() + "/oidc")
        .containsEntry("workspace_id", "1234567890123456");
    assertThat(server.journal().find("GET", "/.well-known/databricks-config").get(0).responseCode()).isEqualTo(200);
  }
}
