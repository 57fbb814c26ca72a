package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token-exchange grant of workload identity federation, through HTTP: the request shape and the answers. */
class OidcTokenExchangeTest {
  private static final String GITHUB = "https://token.actions.githubusercontent.com";
  private static final String AUDIENCE = "https://github.com/my-org";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
  private static final long NOW = TestServers.T0.getEpochSecond();

  private final OkHttpClient client = new OkHttpClient();
  private FakeJobsServer server;

  @BeforeEach
  void startServer() {
    server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .trustOidcIssuer(GITHUB, AUDIENCE, "sp-fed")
        .trustOidcIssuer("https://issuer.example.com", "account-aud")
        .oauthTokenLifetime(Duration.ofMinutes(10)).start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** An unsigned JWT: the fake reads the payload and never checks the signature. */
  static String jwt(String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".bm90LWEtc2lnbmF0dXJl";
  }

  static String jwt(String issuer, String audienceJson, long exp) {
    return jwt("{\"iss\":\"" + issuer + "\",\"aud\":" + audienceJson + ",\"sub\":\"repo:my-org/app:ref:main\","
        + "\"exp\":" + exp + "}");
  }

  private Http.Reply exchange(String path, String subjectToken, String clientId) throws Exception {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", TOKEN_EXCHANGE)
        .add("subject_token", subjectToken).add("subject_token_type", JWT_TYPE).add("scope", "all-apis");
    if (clientId != null) {
      form.add("client_id", clientId);
    }
    Request request = new Request.Builder().url(server.url() + path).post(form.build()).build();
    try (Response response = client.newCall(request).execute()) {
      return new Http.Reply(response.code(), response.body().string(), response.headers(), response.message());
    }
  }

  @Test
  void exchange_trustedIssuerAndAudience_issuesBearerTokenTheJobsApiAccepts() throws Exception {
    String idToken = jwt(GITHUB, "\"" + AUDIENCE + "\"", NOW + 300);

    Http.Reply reply = exchange("/oidc/v1/token", idToken, "sp-fed");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json()).containsOnlyKeys("access_token", "token_type", "expires_in", "scope")
        .containsEntry("token_type", "Bearer").containsEntry("expires_in", 600L).containsEntry("scope", "all-apis");
    String accessToken = (String) reply.json().get("access_token");
    assertThat(accessToken).isNotEqualTo(idToken);
    RecordedApiRequest recorded = server.journal().find("POST", "/oidc/v1/token").get(0);
    assertThat(recorded.body()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange",
        "client_id=sp-fed");
    assertThat(recorded.responseCode()).isEqualTo(200);
    assertThat(Http.to(server).withAuthorization("Bearer " + accessToken).get("/api/2.2/jobs/runs/list").status())
        .isEqualTo(200);
  }

  @Test
  void exchangedToken_afterItsLifetimeOnFakeClock_isRefusedByJobsApi() throws Exception {
    String accessToken = (String) exchange("/oidc/v1/token", jwt(GITHUB, "\"" + AUDIENCE + "\"", NOW + 3600),
        "sp-fed").json().get("access_token");

    server.clock().advance(Duration.ofMinutes(10));

    assertThat(Http.to(server).withAuthorization("Bearer " + accessToken).get("/api/2.2/jobs/runs/list").status())
        .isEqualTo(403);
  }

  @Test
  void exchange_audienceListContainingTrustedAudience_isAccepted() throws Exception {
    Http.Reply reply = exchange("/oidc/v1/token", jwt(GITHUB, "[\"other\",\"" + AUDIENCE + "\"]", NOW + 60),
        "sp-fed");

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void exchange_accountWidePolicyWithoutClientId_isAcceptedAlsoAtTheAccountEndpoint() throws Exception {
    String idToken = jwt("https://issuer.example.com", "\"account-aud\"", NOW + 60);

    Http.Reply workspace = exchange("/oidc/v1/token", idToken, null);
    Http.Reply account = exchange("/oidc/accounts/acc-123/v1/token", idToken, null);

    assertThat(workspace.status()).isEqualTo(200);
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.json()).containsEntry("token_type", "Bearer");
    assertThat(server.journal().find("POST", "/oidc/accounts/acc-123/v1/token")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "wrong issuer    | https://evil.example.com | \"https://github.com/my-org\" | 300 | sp-fed | trusts issuer 'https://evil.example.com'",
      "wrong audience  | https://token.actions.githubusercontent.com | \"https://github.com/other\" | 300 | sp-fed | accepts the subject token's audience [https://github.com/other]",
      "expired         | https://token.actions.githubusercontent.com | \"https://github.com/my-org\" | 0 | sp-fed | has expired",
      "other principal | https://token.actions.githubusercontent.com | \"https://github.com/my-org\" | 300 | sp-other | service principal sp-other",
      "no client id    | https://token.actions.githubusercontent.com | \"https://github.com/my-org\" | 300 | | of the account trusts"})
  void exchange_refusedToken_answers400InvalidRequestNamingWhatDidNotMatch(String name, String issuer,
      String audience, long validFor, String clientId, String expected) throws Exception {
    String idToken = jwt(issuer, audience, NOW + validFor);

    Http.Reply reply = exchange("/oidc/v1/token", idToken, clientId);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).isEqualTo("Bad Request");
    assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json()).containsOnlyKeys("error", "error_description").containsEntry("error", "invalid_request");
    assertThat((String) reply.json().get("error_description")).contains(expected);
    assertThat(reply.body()).doesNotContain(idToken);
    assertThat(server.journal().find("POST", "/oidc/v1/token").get(0).responseCode()).isEqualTo(400);
  }

  @Test
  void exchange_notAJwtOrWrongTokenType_answers400() throws Exception {
    Http.Reply notJwt = exchange("/oidc/v1/token", "opaque-token", "sp-fed");
    Request wrongType = new Request.Builder().url(server.url() + "/oidc/v1/token").post(new FormBody.Builder()
        .add("grant_type", TOKEN_EXCHANGE).add("subject_token", jwt(GITHUB, "\"" + AUDIENCE + "\"", NOW + 60))
        .add("subject_token_type", "urn:ietf:params:oauth:token-type:access_token").build()).build();

    assertThat(notJwt.status()).isEqualTo(400);
    assertThat(notJwt.json()).containsEntry("error_description", "The subject token is not a JWT.");
    try (Response response = client.newCall(wrongType).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("subject_token_type must be " + JWT_TYPE);
    }
  }

  @Test
  void exchange_withoutTrustedIssuers_answersUnsupportedGrantType() throws Exception {
    try (FakeJobsServer plain = FakeJobsServer.builder().start()) {
      Request request = new Request.Builder().url(plain.url() + "/oidc/v1/token").post(new FormBody.Builder()
          .add("grant_type", TOKEN_EXCHANGE).add("subject_token", jwt(GITHUB, "\"a\"", NOW))
          .add("subject_token_type", JWT_TYPE).build()).build();
      try (Response response = client.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string()).contains("\"error\":\"unsupported_grant_type\"");
      }
    }
  }

  @Test
  void trustedIssuerConfigured_arbitraryBearer_isRefused() throws Exception {
    assertThat(Http.to(server).withAuthorization("Bearer made-up").get("/api/2.2/jobs/runs/list").status())
        .isEqualTo(403);
  }

  @Test
  void trustOidcIssuer_blankArgument_failsNamingIt() {
    assertThatThrownBy(() -> FakeJobsServer.builder().trustOidcIssuer(GITHUB, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("audience must not be blank");
    assertThatThrownBy(() -> FakeJobsServer.builder().trustOidcIssuer(GITHUB, AUDIENCE, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("clientId must not be blank");
  }

  @Test
  void standalone_trustOidcIssuerOption_reachesTheServer() throws Exception {
    FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--trust-oidc-issuer",
        GITHUB + "," + AUDIENCE + ",sp-fed", "--clock", "manual", "--clock-start", TestServers.T0.toString()});
    assertThat(options.oidcIssuers).singleElement().satisfies(p -> assertThat(p).containsExactly(GITHUB, AUDIENCE,
        "sp-fed"));
    assertThatThrownBy(() -> FakeJobsServerMain.parse(new String[] {"--trust-oidc-issuer", "only-issuer"}))
        .hasMessageContaining("ISSUER,AUDIENCE[,CLIENT_ID]");

    try (FakeJobsServer standalone = FakeJobsServerMain.builder(options).start()) {
      Request request = new Request.Builder().url(standalone.url() + "/oidc/v1/token").post(new FormBody.Builder()
          .add("grant_type", TOKEN_EXCHANGE).add("subject_token", jwt(GITHUB, "\"" + AUDIENCE + "\"", NOW + 60))
          .add("subject_token_type", JWT_TYPE).add("client_id", "sp-fed").build()).build();
      try (Response response = client.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
    }
  }

  @Test
  void discovery_listsTheTokenExchangeGrant() throws Exception {
    assertThat(Http.to(server).withAuthorization(null).get("/oidc/.well-known/oauth-authorization-server").json())
        .containsEntry("grant_types_supported", List.of("client_credentials", TOKEN_EXCHANGE));
  }
}
