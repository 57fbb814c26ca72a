package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.auth.ConfigurationException;
import io.github.dbexec.auth.OidcCredentials;
import io.github.dbexec.auth.WorkspaceConfig;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Workload identity federation end to end ({@code env-oidc}, {@code file-oidc}, {@code github-oidc},
 * {@code azure-devops-oidc}): credentials resolved from an injected environment, the ID token from a local stand-in
 * of the platform (or the environment, or a file), the RFC 8693 exchange at the fake Jobs server's token endpoint,
 * which checks the issuer and audience it was told to trust, and a run started with the exchanged token.
 */
class WorkloadIdentityEndToEndTest {
  private static final String K8S_ISSUER = "https://oidc.prod-aks.azure.com/tenant-1/";
  private static final String AUDIENCE = "https://github.com/my-org";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

  @TempDir Path home;
  private final FakeTime time = new FakeTime(FakeTime.manualClock());
  private final long now = time.instant().getEpochSecond();
  private PlatformStandIn platform;

  @BeforeEach
  void startPlatform() throws Exception {
    platform = new PlatformStandIn(time);
  }

  @AfterEach
  void stopPlatform() throws Exception {
    platform.close();
  }

  private FakeJobsServer.Builder fake() {
    return FakeJobsServer.builder().clock(time.fakeClock()).oauthTokenLifetime(Duration.ofMinutes(10));
  }

  private static Map<String, String> env(FakeJobsServer server, String... pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABRICKS_HOST", server.url());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private DatabricksExecutor executor(Map<String, String> environment) {
    return DatabricksExecutor.builderFromEnvironment(environment, home).clock(time).sleeper(time).build();
  }

  private static long job(FakeJobsServer server) {
    return server.createJob(JobSpec.builder().name("federated").maxConcurrentRuns(10).notebookTask("/nb").build());
  }

  /** The form fields of a recorded token request, decoded. */
  private static Map<String, String> form(RecordedApiRequest request) {
    HttpUrl parsed = HttpUrl.get("http://form/?" + request.body());
    Map<String, String> form = new HashMap<>();
    parsed.queryParameterNames().forEach(name -> form.put(name, parsed.queryParameter(name)));
    return form;
  }

  private static void assertRunNowSentExchangedToken(FakeJobsServer server, int index, String idToken) {
    RecordedApiRequest runNow = server.journal().find("POST", "/jobs/run-now").get(index);
    assertThat(runNow.header("Authorization")).startsWith("Bearer fake-oidc-").isNotEqualTo("Bearer " + idToken);
    assertThat(runNow.responseCode()).isEqualTo(200);
  }

  @Test
  void envOidc_resolvedFromEnvironment_exchangesAtTheFakeAndStartsTheRunWithTheExchangedToken() {
    String idToken = PlatformStandIn.jwt(K8S_ISSUER, AUDIENCE, "system:serviceaccount:jobs:runner", now + 3600);
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, AUDIENCE, "sp-fed").start()) {
      long job = job(server);
      Map<String, String> env = env(server, "DATABRICKS_CLIENT_ID", "sp-fed", "DATABRICKS_OIDC_TOKEN", idToken);

      assertThat(WorkspaceConfig.resolve(env, home).authType()).isEqualTo("env-oidc");
      try (DatabricksExecutor executor = executor(env)) {
        executor.job(job).runNow();
      }

      RecordedApiRequest exchange = server.journal().find("POST", "/oidc/v1/token").get(0);
      assertThat(exchange.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
      assertThat(exchange.responseCode()).isEqualTo(200);
      assertThat(form(exchange)).containsEntry("grant_type", TOKEN_EXCHANGE)
          .containsEntry("subject_token", idToken)
          .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:jwt")
          .containsEntry("client_id", "sp-fed").containsEntry("scope", "all-apis");
      assertRunNowSentExchangedToken(server, 0, idToken);
    }
  }

  @Test
  void envOidc_namedVariableWithoutClientId_usesTheAccountWidePolicy() {
    String idToken = PlatformStandIn.jwt(K8S_ISSUER, AUDIENCE, "anyone", now + 3600);
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, AUDIENCE).start()) {
      long job = job(server);

      try (DatabricksExecutor executor = executor(env(server, "DATABRICKS_OIDC_TOKEN_ENV", "MY_ID_TOKEN",
          "MY_ID_TOKEN", idToken))) {
        executor.job(job).runNow();
      }

      assertThat(form(server.journal().find("POST", "/oidc/v1/token").get(0))).doesNotContainKey("client_id")
          .containsEntry("subject_token", idToken);
      assertRunNowSentExchangedToken(server, 0, idToken);
    }
  }

  @Test
  void fileOidc_tokenNearExpiryOnInjectedClock_isRefreshedWithTheRotatedFileBeforeItExpires() throws Exception {
    String first = PlatformStandIn.jwt(K8S_ISSUER, AUDIENCE, "pod-1", now + 3600);
    String rotated = PlatformStandIn.jwt(K8S_ISSUER, AUDIENCE, "pod-1-rotated", now + 7200);
    Path tokenFile = Files.writeString(home.resolve("id-token"), first + "\n");
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, AUDIENCE, "sp-fed").start()) {
      long job = job(server);
      Map<String, String> env = env(server, "DATABRICKS_CLIENT_ID", "sp-fed",
          "DATABRICKS_OIDC_TOKEN_FILEPATH", tokenFile.toString());
      assertThat(WorkspaceConfig.resolve(env, home).authType()).isEqualTo("file-oidc");

      try (DatabricksExecutor executor = executor(env)) {
        executor.job(job).runNow();
        executor.job(job).runNow();                                  // the cached token: no second exchange
        Files.writeString(tokenFile, rotated);                       // the platform rotates the file
        time.fakeClock().advance(Duration.ofMinutes(9).plusSeconds(30)); // 30 s before expiry (refresh ahead: 40 s)
        executor.job(job).runNow();
      }

      List<RecordedApiRequest> exchanges = server.journal().find("POST", "/oidc/v1/token");
      assertThat(exchanges).hasSize(2);
      assertThat(form(exchanges.get(0))).containsEntry("subject_token", first);
      assertThat(form(exchanges.get(1))).containsEntry("subject_token", rotated);
      List<RecordedApiRequest> runs = server.journal().find("POST", "/jobs/run-now");
      assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.responseCode()).isEqualTo(200));
      assertThat(runs.get(1).header("Authorization")).isEqualTo(runs.get(0).header("Authorization"));
      assertThat(runs.get(2).header("Authorization")).startsWith("Bearer fake-oidc-")
          .isNotEqualTo(runs.get(0).header("Authorization"));
    }
  }

  @Test
  void githubOidc_idTokenFromTheActionsStandIn_isExchangedAndTheRunStarted() {
    try (FakeJobsServer server = fake().trustOidcIssuer(PlatformStandIn.GITHUB_ISSUER, AUDIENCE, "sp-gh").start()) {
      long job = job(server);
      Map<String, String> env = env(server, "DATABRICKS_CLIENT_ID", "sp-gh", "DATABRICKS_TOKEN_AUDIENCE", AUDIENCE,
          "ACTIONS_ID_TOKEN_REQUEST_URL", platform.url("/github/idtoken?api-version=2.0").toString(),
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN", PlatformStandIn.GITHUB_REQUEST_TOKEN);
      assertThat(WorkspaceConfig.resolve(env, home).authType()).isEqualTo("github-oidc");

      try (DatabricksExecutor executor = executor(env)) {
        executor.job(job).runNow();
      }

      RecordedRequest idTokenRequest = platform.requestsTo("/github/idtoken").get(0);
      assertThat(idTokenRequest.getMethod()).isEqualTo("GET");
      assertThat(idTokenRequest.getHeaders().get("Authorization")).isEqualTo("Bearer " + PlatformStandIn.GITHUB_REQUEST_TOKEN);
      assertThat(idTokenRequest.getUrl().queryParameter("api-version")).isEqualTo("2.0");
      assertThat(idTokenRequest.getUrl().queryParameter("audience")).isEqualTo(AUDIENCE);
      String idToken = platform.issuedIdTokens.get(0);
      assertThat(form(server.journal().find("POST", "/oidc/v1/token").get(0)))
          .containsEntry("subject_token", idToken).containsEntry("client_id", "sp-gh");
      assertRunNowSentExchangedToken(server, 0, idToken);
    }
  }

  @Test
  void githubOidc_refreshBeforeExpiry_asksActionsForAFreshIdTokenAndExchangesIt() {
    try (FakeJobsServer server = fake().trustOidcIssuer(PlatformStandIn.GITHUB_ISSUER, AUDIENCE, "sp-gh").start()) {
      long job = job(server);
      Map<String, String> env = env(server, "DATABRICKS_CLIENT_ID", "sp-gh", "DATABRICKS_TOKEN_AUDIENCE", AUDIENCE,
          "ACTIONS_ID_TOKEN_REQUEST_URL", platform.url("/github/idtoken").toString(),
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN", PlatformStandIn.GITHUB_REQUEST_TOKEN);

      try (DatabricksExecutor executor = executor(env)) {
        executor.job(job).runNow();
        time.fakeClock().advance(Duration.ofMinutes(9).plusSeconds(30)); // past the first ID token's exp, too
        executor.job(job).runNow();
      }

      assertThat(platform.requestsTo("/github/idtoken")).hasSize(2);
      List<RecordedApiRequest> exchanges = server.journal().find("POST", "/oidc/v1/token");
      assertThat(exchanges).hasSize(2).allSatisfy(r -> assertThat(r.responseCode()).isEqualTo(200));
      assertThat(form(exchanges.get(1))).containsEntry("subject_token", platform.issuedIdTokens.get(1));
      List<RecordedApiRequest> runs = server.journal().find("POST", "/jobs/run-now");
      assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.responseCode()).isEqualTo(200));
      assertThat(runs.get(1).header("Authorization")).isNotEqualTo(runs.get(0).header("Authorization"));
    }
  }

  @Test
  void envOidc_accountTokenEndpoint_exchangesThereWithTheAccountWidePolicy() {
    String idToken = PlatformStandIn.jwt(K8S_ISSUER, "acc-123", "runner", now + 3600);
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, "acc-123").start()) {
      long job = job(server);
      WorkspaceConfig config = WorkspaceConfig.resolve(env(server, "DATABRICKS_OIDC_TOKEN", idToken,
          "DATABRICKS_ACCOUNT_ID", "acc-123"), home);
      // the fake listens on 127.0.0.1, not an accounts.* host: name the account endpoint explicitly
      OidcCredentials credentials = ((OidcCredentials) config.credentials()).toBuilder()
          .tokenEndpoint(server.url() + "/oidc/accounts/acc-123/v1/token").build();

      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).credentials(credentials)
          .clock(time).sleeper(time).build()) {
        executor.job(job).runNow();
      }

      RecordedApiRequest exchange = server.journal().find("POST", "/oidc/accounts/acc-123/v1/token").get(0);
      assertThat(exchange.responseCode()).isEqualTo(200);
      assertThat(form(exchange)).containsEntry("subject_token", idToken).doesNotContainKey("client_id");
      assertThat(server.journal().count("GET", "/oidc/.well-known/oauth-authorization-server")).isZero();
      assertRunNowSentExchangedToken(server, 0, idToken);
    }
  }

  @Test
  void azureDevOpsOidc_idTokenFromThePipelineStandIn_isExchangedAndTheRunStarted() {
    try (FakeJobsServer server = fake().trustOidcIssuer(PlatformStandIn.ADO_ISSUER, PlatformStandIn.ADO_AUDIENCE,
        "sp-ado").start()) {
      long job = job(server);
      Map<String, String> env = env(server, "DATABRICKS_CLIENT_ID", "sp-ado",
          "SYSTEM_ACCESSTOKEN", PlatformStandIn.ADO_ACCESS_TOKEN,
          "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", platform.url("/my-org/").toString(),
          "SYSTEM_TEAMPROJECTID", "project-1", "SYSTEM_HOSTTYPE", "build", "SYSTEM_PLANID", "plan-1",
          "SYSTEM_JOBID", "job-1");
      assertThat(WorkspaceConfig.resolve(env, home).authType()).isEqualTo("azure-devops-oidc");

      try (DatabricksExecutor executor = executor(env)) {
        executor.job(job).runNow();
      }

      RecordedRequest idTokenRequest = platform.requestsTo("/oidctoken").get(0);
      assertThat(idTokenRequest.getMethod()).isEqualTo("POST");
      assertThat(idTokenRequest.getUrl().encodedPath())
          .isEqualTo("/my-org/project-1/_apis/distributedtask/hubs/build/plans/plan-1/jobs/job-1/oidctoken");
      assertThat(idTokenRequest.getHeaders().get("Authorization")).isEqualTo("Bearer " + PlatformStandIn.ADO_ACCESS_TOKEN);
      String idToken = platform.issuedIdTokens.get(0);
      assertThat(form(server.journal().find("POST", "/oidc/v1/token").get(0)))
          .containsEntry("subject_token", idToken).containsEntry("client_id", "sp-ado");
      assertRunNowSentExchangedToken(server, 0, idToken);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "wrong issuer, https://evil.example.com/, https://github.com/my-org, 3600",
      "wrong audience, https://oidc.prod-aks.azure.com/tenant-1/, https://github.com/other-org, 3600",
      "expired, https://oidc.prod-aks.azure.com/tenant-1/, https://github.com/my-org, -1"})
  void envOidc_tokenTheFakeRefuses_failsUnauthenticatedNamingTheMethodAndThePolicy(String name, String issuer,
      String audience, long validFor) {
    String idToken = PlatformStandIn.jwt(issuer, audience, "system:serviceaccount:jobs:runner", now + validFor);
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, AUDIENCE, "sp-fed").start();
        DatabricksExecutor executor = executor(env(server, "DATABRICKS_CLIENT_ID", "sp-fed",
            "DATABRICKS_OIDC_TOKEN", idToken))) {
      long job = job(server);

      Throwable thrown = catchThrowable(() -> executor.job(job).runNow());

      assertThat(thrown).isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("env-oidc", "HTTP 400", "invalid_request",
            "federation policy of service principal sp-fed").doesNotContain(idToken);
      });
      assertThat(server.journal().find("POST", "/oidc/v1/token")).singleElement()
          .satisfies(r -> assertThat(r.responseCode()).isEqualTo(400));
      assertThat(server.journal().count("POST", "/jobs/run-now")).as("no run-now without a token").isZero();
      assertThat(time.sleeps()).as("a refusal is not retried").isEmpty();
    }
  }

  @Test
  void githubOidc_defaultAudienceNotTrustedByTheFake_failsUnauthenticatedNamingTheAudienceAsked() {
    try (FakeJobsServer server = fake().trustOidcIssuer(PlatformStandIn.GITHUB_ISSUER, AUDIENCE, "sp-gh").start();
        DatabricksExecutor executor = executor(env(server, "DATABRICKS_CLIENT_ID", "sp-gh",
            "ACTIONS_ID_TOKEN_REQUEST_URL", platform.url("/github/idtoken").toString(),
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", PlatformStandIn.GITHUB_REQUEST_TOKEN))) {
      long job = job(server);
      String tokenEndpoint = server.url() + "/oidc/v1/token";

      assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(UnauthenticatedException.class)
          .hasMessageContaining("github-oidc").hasMessageContaining("audience '" + tokenEndpoint + "'")
          .hasMessageNotContaining(PlatformStandIn.GITHUB_REQUEST_TOKEN);

      assertThat(platform.requestsTo("/github/idtoken").get(0).getUrl().queryParameter("audience"))
          .as("the SDKs' default audience: the token endpoint").isEqualTo(tokenEndpoint);
      assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "github-oidc       | ACTIONS_ID_TOKEN_REQUEST_URL",
      "azure-devops-oidc | SYSTEM_ACCESSTOKEN",
      "env-oidc          | DATABRICKS_OIDC_TOKEN",
      "file-oidc         | DATABRICKS_OIDC_TOKEN_FILEPATH"})
  void fromEnvironment_forcedMethodMissingItsVariable_failsNamingTheMethodAndTheVariable(String authType,
      String variable) {
    try (FakeJobsServer server = fake().start()) {
      Map<String, String> env = env(server, "DATABRICKS_AUTH_TYPE", authType, "DATABRICKS_CLIENT_ID", "sp-fed");

      assertThatThrownBy(() -> DatabricksExecutor.fromEnvironment(env, home))
          .isInstanceOf(IllegalArgumentException.class)
          .hasCauseInstanceOf(ConfigurationException.class)
          .hasMessageContaining("auth type " + authType).hasMessageContaining(variable);
      assertThat(server.journal().all()).as("nothing was sent").isEmpty();
    }
  }

  @Test
  void fileOidc_fileRemovedAfterResolution_failsNamingTheFileAndTheVariable() throws Exception {
    Path tokenFile = Files.writeString(home.resolve("id-token"), PlatformStandIn.jwt(K8S_ISSUER, AUDIENCE, "s",
        now + 3600));
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, AUDIENCE, "sp-fed").start();
        DatabricksExecutor executor = executor(env(server, "DATABRICKS_CLIENT_ID", "sp-fed",
            "DATABRICKS_OIDC_TOKEN_FILEPATH", tokenFile.toString()))) {
      long job = job(server);
      Files.delete(tokenFile);

      assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksTransportException.class)
          .hasMessageContaining("file-oidc").hasMessageContaining(tokenFile.toString())
          .hasMessageContaining("DATABRICKS_OIDC_TOKEN_FILEPATH");
      assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
    }
  }

  @Test
  void envOidc_tokenEndpointUnreachable_failsAsTransportErrorNamingTheMethodAndEndpoint() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort + "/oidc/v1/token";
    String idToken = PlatformStandIn.jwt(K8S_ISSUER, AUDIENCE, "s", now + 3600);
    try (FakeJobsServer server = fake().trustOidcIssuer(K8S_ISSUER, AUDIENCE, "sp-fed").start()) {
      long job = job(server);
      WorkspaceConfig config = WorkspaceConfig.resolve(env(server, "DATABRICKS_CLIENT_ID", "sp-fed",
          "DATABRICKS_OIDC_TOKEN", idToken), home);
      OidcCredentials credentials = ((OidcCredentials) config.credentials()).toBuilder().tokenEndpoint(unreachable)
          .maxAttempts(1).build(); // its own retries would sleep on the wall clock (see the report)

      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(config.host().toString())
          .credentials(credentials).clock(time).sleeper(time)
          .retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build()).build()) {
        Throwable thrown = catchThrowable(() -> executor.job(job).runNow());

        assertThat(thrown).isInstanceOfSatisfying(DatabricksTransportException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("env-oidc", unreachable).doesNotContain(idToken);
        });
      }
      assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
    }
  }
}
