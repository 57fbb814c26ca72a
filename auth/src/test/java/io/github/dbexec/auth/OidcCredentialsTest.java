package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env-oidc, file-oidc, github-oidc and azure-devops-oidc, end to end against local stand-ins. */
class OidcCredentialsTest {

  @TempDir
  Path home;

  private FakeTokenServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeTokenServer();
    server.acceptedIdTokens.add("id-token-1");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Map<String, String> environment(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABRICKS_HOST", server.url("/").toString());
    env.put("DATABRICKS_CLIENT_ID", "sp-fed");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static Map<String, String> exchangeForm(RecordedRequest request) {
    return FakeTokenServer.form(request.getBody().utf8());
  }

  @Test
  void envOidc_resolvedFromEnvironment_exchangesIdTokenAndSendsDatabricksToken() throws Exception {
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN", "id-token-1"), home);
    Workspace workspace = new Workspace(server, config.credentials());

    String authorization = workspace.authorizationSent();

    assertThat(config.authType()).isEqualTo("env-oidc");
    assertThat(config.describe()).contains("env-oidc", "DATABRICKS_OIDC_TOKEN", "client_id from DATABRICKS_CLIENT_ID");
    assertThat(authorization).isEqualTo("Bearer oidc-1");
    assertThat(server.discoveryRequests).hasValue(1);
    RecordedRequest exchange = server.tokenJournal.get(0);
    assertThat(exchange.getMethod()).isEqualTo("POST");
    assertThat(exchange.getTarget()).isEqualTo("/oidc/v1/token");
    assertThat(exchange.getHeaders().get("Authorization")).isNull();
    assertThat(exchangeForm(exchange)).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
        .containsEntry("subject_token", "id-token-1")
        .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:jwt")
        .containsEntry("client_id", "sp-fed")
        .containsEntry("scope", "all-apis");
  }

  @Test
  void envOidc_beforeExpiry_refreshesWithANewExchange() throws Exception {
    Workspace workspace = new Workspace(server, WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN",
        "id-token-1"), home).credentials());
    assertThat(workspace.authorizationSent()).isEqualTo("Bearer oidc-1");

    workspace.clock.advance(Duration.ofMinutes(59));
    String stillCached = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofSeconds(30)); // inside the 40 s refresh window
    String refreshed = workspace.authorizationSent();

    assertThat(stillCached).isEqualTo("Bearer oidc-1");
    assertThat(refreshed).isEqualTo("Bearer oidc-2");
    assertThat(server.exchanges).hasValue(2);
    assertThat(server.discoveryRequests).hasValue(1);
  }

  @Test
  void envOidc_variableNamedByDatabricksOidcTokenEnv_readsThatVariable() throws Exception {
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN_ENV", "MY_ID_TOKEN",
        "MY_ID_TOKEN", "id-token-1"), home);

    String authorization = new Workspace(server, config.credentials()).authorizationSent();

    assertThat(config.authType()).isEqualTo("env-oidc");
    assertThat(authorization).isEqualTo("Bearer oidc-1");
    assertThat(exchangeForm(server.tokenJournal.get(0))).containsEntry("subject_token", "id-token-1");
  }

  @Test
  void fileOidc_fileRotated_nextExchangeUsesNewIdToken() throws Exception {
    Path tokenFile = home.resolve("id-token");
    Files.writeString(tokenFile, "id-token-1\n");
    server.acceptedIdTokens.add("id-token-2");
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN_FILEPATH",
        tokenFile.toString()), home);
    Workspace workspace = new Workspace(server, config.credentials());

    String first = workspace.authorizationSent();
    Files.writeString(tokenFile, "id-token-2");
    workspace.clock.advance(Duration.ofMinutes(61));
    String second = workspace.authorizationSent();

    assertThat(config.authType()).isEqualTo("file-oidc");
    assertThat(first).isEqualTo("Bearer oidc-1");
    assertThat(second).isEqualTo("Bearer oidc-2");
    assertThat(exchangeForm(server.tokenJournal.get(0))).containsEntry("subject_token", "id-token-1");
    assertThat(exchangeForm(server.tokenJournal.get(1))).containsEntry("subject_token", "id-token-2");
  }

  @Test
  void githubOidc_resolvedFromActionsVariables_requestsIdTokenForTokenEndpointAudience() throws Exception {
    server.acceptedIdTokens.add("gh-id-token");
    WorkspaceConfig config = WorkspaceConfig.resolve(environment(
        "ACTIONS_ID_TOKEN_REQUEST_URL", server.url("/github/idtoken?api-version=2.0").toString(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "gh-request-token"), home);

    Workspace workspace = new Workspace(server, config.credentials());

    String authorization = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(59).plusSeconds(30));
    String refreshed = workspace.authorizationSent();

    assertThat(config.authType()).isEqualTo("github-oidc");
    assertThat(authorization).isEqualTo("Bearer oidc-1");
    assertThat(refreshed).isEqualTo("Bearer oidc-2");
    assertThat(server.identityJournal).as("a fresh ID token for each exchange").hasSize(2);
    RecordedRequest github = server.identityJournal.get(0);
    assertThat(github.getMethod()).isEqualTo("GET");
    assertThat(github.getHeaders().get("Authorization")).isEqualTo("Bearer gh-request-token");
    assertThat(github.getUrl().queryParameter("api-version")).isEqualTo("2.0");
    assertThat(github.getUrl().queryParameter("audience")).isEqualTo(server.url("/oidc/v1/token").toString());
    assertThat(exchangeForm(server.tokenJournal.get(0))).containsEntry("subject_token", "gh-id-token");
  }

  @Test
  void githubOidc_audienceSet_requestsThatAudience() throws Exception {
    server.acceptedIdTokens.add("gh-id-token");
    WorkspaceConfig config = WorkspaceConfig.resolve(environment(
        "ACTIONS_ID_TOKEN_REQUEST_URL", server.url("/github/idtoken?api-version=2.0").toString(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "gh-request-token", "DATABRICKS_TOKEN_AUDIENCE", "my-audience"), home);

    new Workspace(server, config.credentials()).authorizationSent();

    assertThat(server.identityJournal.get(0).getUrl().queryParameter("audience")).isEqualTo("my-audience");
  }

  @Test
  void azureDevOpsOidc_resolvedFromPipelineVariables_postsToOidcTokenEndpoint() throws Exception {
    server.acceptedIdTokens.add("ado-id-token");
    WorkspaceConfig config = WorkspaceConfig.resolve(environment(
        "SYSTEM_ACCESSTOKEN", "ado-access-token",
        "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", server.url("/ado/org/").toString(),
        "SYSTEM_TEAMPROJECTID", "proj-1", "SYSTEM_HOSTTYPE", "build", "SYSTEM_PLANID", "plan-1",
        "SYSTEM_JOBID", "job-1"), home);

    String authorization = new Workspace(server, config.credentials()).authorizationSent();

    assertThat(config.authType()).isEqualTo("azure-devops-oidc");
    assertThat(authorization).isEqualTo("Bearer oidc-1");
    RecordedRequest ado = server.identityJournal.get(0);
    assertThat(ado.getMethod()).isEqualTo("POST");
    assertThat(ado.getUrl().encodedPath())
        .isEqualTo("/ado/org/proj-1/_apis/distributedtask/hubs/build/plans/plan-1/jobs/job-1/oidctoken");
    assertThat(ado.getUrl().queryParameter("api-version")).isEqualTo("7.2-preview.1");
    assertThat(ado.getHeaders().get("Authorization")).isEqualTo("Bearer ado-access-token");
    assertThat(exchangeForm(server.tokenJournal.get(0))).containsEntry("subject_token", "ado-id-token");
  }

  @Test
  void accountHost_throughProxy_exchangesAtAccountEndpointWithAccountIdAudience() throws Exception {
    server.acceptedIdTokens.add("gh-id-token");
    server.exchangeClientId = null; // account-wide federation policy: no client id
    Map<String, String> env = environment("DATABRICKS_HOST", "http://accounts.cloud.databricks.com",
        "DATABRICKS_ACCOUNT_ID", "acc-1",
        "ACTIONS_ID_TOKEN_REQUEST_URL", "http://token.actions.githubusercontent.com/github/idtoken?x=1",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "gh-request-token");
    env.remove("DATABRICKS_CLIENT_ID");
    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);
    OkHttpClient.Builder http = new OkHttpClient.Builder();
    ProxyConfig.builder().host(server.server.getHostName()).port(server.server.getPort()).build().applyTo(http);
    Workspace workspace = new Workspace(server, config.credentials(), config.host().toString(), http.build());

    workspace.headers.headers();

    RecordedRequest github = server.identityJournal.get(0);
    assertThat(github.getRequestLine()).startsWith("GET http://token.actions.githubusercontent.com/github/idtoken");
    assertThat(HttpUrl.get(github.getRequestLine().split(" ")[1]).queryParameter("audience")).isEqualTo("acc-1");
    RecordedRequest exchange = server.tokenJournal.get(0);
    assertThat(exchange.getRequestLine())
        .startsWith("POST http://accounts.cloud.databricks.com/oidc/accounts/acc-1/v1/token ");
    assertThat(exchangeForm(exchange)).doesNotContainKey("client_id");
    assertThat(server.discoveryRequests).hasValue(0);
  }

  @Test
  void exchange_rateLimitedWithRetryAfter_waitsAsAskedThenSucceeds() throws Exception {
    server.failures.add(429);
    server.retryAfter = "7";
    Workspace workspace = new Workspace(server, WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN",
        "id-token-1"), home).credentials());

    String authorization = workspace.authorizationSent();

    assertThat(authorization).isEqualTo("Bearer oidc-1");
    assertThat(workspace.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(server.tokenJournal).hasSize(2);
  }

  @Test
  void exchange_idTokenRefused_failsRefusedNamingMethodAndPolicy() throws Exception {
    Workspace workspace = new Workspace(server, WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN",
        "untrusted-id-token"), home).credentials());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> {
          assertThat(e.isRefused()).isTrue();
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining("env-oidc")
        .hasMessageContaining("HTTP 401 (error: invalid_grant)")
        .hasMessageContaining("federation policy of service principal sp-fed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("untrusted-id-token"));
    assertThat(server.tokenJournal).hasSize(1);
  }

  @Test
  void exchange_badRequest_failsRefused() throws Exception {
    server.exchangeRefusalCode = 400;
    Workspace workspace = new Workspace(server, WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN",
        "untrusted-id-token"), home).credentials());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRefused()).isTrue())
        .hasMessageContaining("HTTP 400");
  }

  @Test
  void githubOidc_requestTokenRejected_failsRefusedNamingPermission() throws Exception {
    WorkspaceConfig config = WorkspaceConfig.resolve(environment(
        "ACTIONS_ID_TOKEN_REQUEST_URL", server.url("/github/idtoken?api-version=2.0").toString(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "stale-request-token"), home);
    Workspace workspace = new Workspace(server, config.credentials());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRefused()).isTrue())
        .hasMessageContaining("github-oidc")
        .hasMessageContaining("id-token: write")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("stale-request-token"));
    assertThat(server.tokenJournal).isEmpty();
  }

  @Test
  void exchange_endpointUnreachable_failsRetryableNamingMethod() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start();
    HttpUrl closed = gone.url("/oidc/v1/token");
    gone.close();
    OidcCredentials credentials = ((OidcCredentials) WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN",
        "id-token-1"), home).credentials()).toBuilder().tokenEndpoint(closed).maxAttempts(2).build();
    Workspace workspace = new Workspace(server, credentials);

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.isRefused()).isFalse();
        })
        .hasMessageContaining("env-oidc")
        .hasMessageContaining("could not reach " + closed);
    assertThat(workspace.sleeps).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void fileOidc_emptyFile_failsSayingItIsEmptyWithoutExchanging() throws Exception {
    Path tokenFile = Files.writeString(home.resolve("id-token"), "\n");
    Workspace workspace = new Workspace(server, OidcCredentials.builder().idTokenSource(IdTokenSource.file(tokenFile))
        .tokenEndpoint(server.url("/oidc/v1/token")).build());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessage("file-oidc: the ID token file " + tokenFile + " is empty");
    assertThat(server.tokenJournal).isEmpty();
  }

  @Test
  void fileOidc_fileDeletedAfterResolution_failsNamingFileAndVariable() throws Exception {
    Path tokenFile = home.resolve("id-token");
    Files.writeString(tokenFile, "id-token-1");
    Workspace workspace = new Workspace(server, WorkspaceConfig.resolve(environment(
        "DATABRICKS_OIDC_TOKEN_FILEPATH", tokenFile.toString()), home).credentials());
    Files.delete(tokenFile);

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("file-oidc")
        .hasMessageContaining(tokenFile.toString())
        .hasMessageContaining("DATABRICKS_OIDC_TOKEN_FILEPATH");
  }

  @Test
  void resolve_forcedEnvOidcWithoutToken_failsNamingVariable() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "env-oidc");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth type env-oidc")
        .hasMessageContaining("needs DATABRICKS_OIDC_TOKEN");
  }

  @Test
  void resolve_forcedGithubOidcWithoutRequestToken_failsNamingVariable() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "github-oidc",
        "ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.actions.githubusercontent.com/x");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("github-oidc")
        .hasMessageContaining("needs ACTIONS_ID_TOKEN_REQUEST_TOKEN / actions_id_token_request_token")
        .hasMessageContaining("actions_id_token_request_url set by ACTIONS_ID_TOKEN_REQUEST_URL");
  }

  @Test
  void resolve_forcedAzureDevOpsOidcOutsidePipeline_failsNamingEveryMissingVariable() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "azure-devops-oidc", "SYSTEM_PLANID", "p");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("azure-devops-oidc")
        .hasMessageContaining("SYSTEM_ACCESSTOKEN and SYSTEM_TEAMFOUNDATIONCOLLECTIONURI and SYSTEM_TEAMPROJECTID"
            + " and SYSTEM_HOSTTYPE and SYSTEM_JOBID");
  }

  @Test
  void resolve_forcedFileOidcWithMissingFile_failsNamingFile() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "file-oidc",
        "DATABRICKS_OIDC_TOKEN_FILEPATH", home.resolve("absent").toString());

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("file-oidc")
        .hasMessageContaining(home.resolve("absent") + " from DATABRICKS_OIDC_TOKEN_FILEPATH does not exist");
  }

  @Test
  void resolve_accountHostWithoutAccountId_failsNamingAccountId() {
    Map<String, String> env = environment("DATABRICKS_HOST", "https://accounts.cloud.databricks.com",
        "DATABRICKS_AUTH_TYPE", "env-oidc", "DATABRICKS_OIDC_TOKEN", "id-token-1");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DATABRICKS_ACCOUNT_ID / account_id (the host is an account console)");
  }

  @Test
  void resolve_m2mAndOidcBothComplete_prefersM2mAsTheSdksDo() {
    Map<String, String> env = environment("DATABRICKS_CLIENT_SECRET", "s", "DATABRICKS_OIDC_TOKEN", "id-token-1");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.authType()).isEqualTo("oauth-m2m");
  }

  @Test
  void toString_anySource_showsNoToken() {
    OidcCredentials credentials = OidcCredentials.builder()
        .idTokenSource(IdTokenSource.githubActions("https://gh.example/idtoken?sig=1", "gh-secret-request-token"))
        .clientId("sp-fed").build();

    String text = credentials + " " + IdTokenSource.environmentVariable("X", Map.of("X", "env-secret-id-token"));

    assertThat(text).contains("github-oidc", "sp-fed", "variable=X")
        .doesNotContain("gh-secret-request-token", "env-secret-id-token", "sig=1");
  }

  @Test
  void build_withoutIdTokenSource_failsNamingIt() {
    assertThatThrownBy(() -> OidcCredentials.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idTokenSource is required");
  }
}
