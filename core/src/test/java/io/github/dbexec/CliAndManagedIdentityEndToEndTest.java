package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.auth.AzureManagedIdentityCredentials;
import io.github.dbexec.auth.ConfigurationException;
import io.github.dbexec.auth.WorkspaceConfig;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azure-cli}, {@code databricks-cli} and {@code azure-msi} end to end: credentials resolved from an injected
 * environment, tokens from shell scripts standing in for {@code az} and {@code databricks} (they never sleep) or
 * from a local stand-in of Azure's identity endpoints, and runs started on the fake Jobs server with those tokens.
 */
class CliAndManagedIdentityEndToEndTest {
  private static final String AZURE_DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

  @TempDir Path dir;
  private Path bin;
  private Path home;
  private final FakeTime time = new FakeTime(FakeTime.manualClock());
  private final Instant t0 = time.instant();
  private PlatformStandIn platform;

  @BeforeEach
  void start() throws Exception {
    bin = Files.createDirectory(dir.resolve("bin"));
    home = Files.createDirectory(dir.resolve("home"));
    platform = new PlatformStandIn(time);
  }

  @AfterEach
  void stop() throws Exception {
    platform.close();
  }

  /** A script standing in for a CLI: records its arguments, counts its runs in {@code n}, then runs {@code body}. */
  private Path script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Path count = dir.resolve(name + "-count");
    Files.writeString(file, "#!/bin/sh\necho \"$@\" >> '" + dir.resolve(name + "-args") + "'\n"
        + "n=$(cat '" + count + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + count + "'\n" + body,
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private List<String> arguments(String name) throws Exception {
    return Files.readAllLines(dir.resolve(name + "-args"));
  }

  private Map<String, String> env(FakeJobsServer server, String... pairs) {
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

  private DatabricksExecutor executor(WorkspaceConfig config, io.github.dbexec.auth.CredentialsStrategy credentials) {
    return DatabricksExecutor.builder().host(config.host().toString()).credentials(credentials).clock(time)
        .sleeper(time).retryPolicy(RetryPolicy.custom().maxAttempts(2).jitter(0).build()).build();
  }

  private FakeJobsServer.Builder fake() {
    return FakeJobsServer.builder().clock(time.fakeClock());
  }

  private static long job(FakeJobsServer server) {
    return server.createJob(JobSpec.builder().name("cli").maxConcurrentRuns(10).notebookTask("/nb").build());
  }

  private static List<String> bearers(FakeJobsServer server) {
    List<RecordedApiRequest> runs = server.journal().find("POST", "/jobs/run-now");
    assertThat(runs).allSatisfy(r -> assertThat(r.responseCode()).isEqualTo(200));
    return runs.stream().map(r -> r.header("Authorization")).toList();
  }

  private static String closedPortUrl(String path) throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }
  }

  // --- azure-cli ---

  @Test
  void azureCli_tokenFromTheAzScript_startsRunsAndIsRefreshedBeforeExpiryOnTheInjectedClock() throws Exception {
    long hour1 = t0.getEpochSecond() + 3600;
    script("az", "case $n in 1|2) exp=" + hour1 + ";; *) exp=" + (hour1 + 3600) + ";; esac\n"
        + "echo '{\"accessToken\": \"az-token-'$n'\", \"expires_on\": '$exp', \"tokenType\": \"Bearer\"}'\n");
    try (FakeJobsServer server = fake().token("az-token-2").token("az-token-3").start()) {
      long job = job(server);

      try (DatabricksExecutor executor = executor(env(server, "DATABRICKS_AUTH_TYPE", "azure-cli",
          "PATH", bin.toString()))) {                                 // run 1: resolution checks that az works
        executor.job(job).runNow();                                  // run 2
        executor.job(job).runNow();                                  // cached
        time.fakeClock().advance(Duration.ofMinutes(56));            // 4 min before expiry (refresh ahead: 5 min)
        executor.job(job).runNow();                                  // run 3
      }

      assertThat(bearers(server)).containsExactly("Bearer az-token-2", "Bearer az-token-2", "Bearer az-token-3");
      assertThat(arguments("az")).hasSize(3).allSatisfy(line -> assertThat(line)
          .isEqualTo("account get-access-token --resource " + AZURE_DATABRICKS + " --output json"));
    }
  }

  @Test
  void azureCli_azMissing_failsNamingTheMethodAndWhatToInstall() throws Exception {
    try (FakeJobsServer server = fake().start()) {
      assertThatThrownBy(() -> DatabricksExecutor.fromEnvironment(env(server, "DATABRICKS_AUTH_TYPE", "azure-cli",
          "PATH", bin.toString()), home))
          .isInstanceOf(IllegalArgumentException.class).hasCauseInstanceOf(ConfigurationException.class)
          .hasMessageContaining("auth type azure-cli").hasMessageContaining("the Azure CLI ('az' on PATH)");
    }
  }

  @Test
  void azureCli_loggedOutAfterResolution_runFailsNamingTheMethodAndAzLogin() throws Exception {
    script("az", "if [ $n -eq 1 ]; then echo '{\"accessToken\": \"az-token-1\", \"expires_on\": "
        + (t0.getEpochSecond() + 3600) + "}'; exit 0; fi\n"
        + "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    try (FakeJobsServer server = fake().token("az-token-1").start();
        DatabricksExecutor executor = executor(env(server, "DATABRICKS_AUTH_TYPE", "azure-cli",
            "PATH", bin.toString()))) {
      long job = job(server);

      assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksTransportException.class)
          .hasMessageContaining("azure-cli: the Azure CLI is not logged in").hasMessageContaining("run 'az login'")
          .hasMessageNotContaining("az-token-1");
      assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
    }
  }

  // --- databricks-cli ---

  @Test
  void databricksCli_tokenFromTheCliScript_startsRunsAndIsRefreshedBeforeExpiry() throws Exception {
    String hour1 = t0.plusSeconds(3600).toString().replace("Z", "+00:00");
    String hour2 = t0.plusSeconds(7200).toString().replace("Z", "+00:00");
    script("databricks", "case $n in 1|2) exp=" + hour1 + ";; *) exp=" + hour2 + ";; esac\n"
        + "echo '{\"access_token\": \"cli-token-'$n'\", \"token_type\": \"Bearer\", \"expiry\": \"'$exp'\"}'\n");
    try (FakeJobsServer server = fake().token("cli-token-2").token("cli-token-3").start()) {
      long job = job(server);

      try (DatabricksExecutor executor = executor(env(server, "PATH", bin.toString()))) { // chosen by the chain
        executor.job(job).runNow();
        time.fakeClock().advance(Duration.ofMinutes(56));
        executor.job(job).runNow();
      }

      assertThat(bearers(server)).containsExactly("Bearer cli-token-2", "Bearer cli-token-3");
      assertThat(arguments("databricks")).hasSize(3)
          .allSatisfy(line -> assertThat(line).isEqualTo("auth token --host " + server.url()));
    }
  }

  @Test
  void databricksCli_missing_failsNamingTheMethodAndTheVariable() throws Exception {
    try (FakeJobsServer server = fake().start()) {
      assertThatThrownBy(() -> DatabricksExecutor.fromEnvironment(env(server, "DATABRICKS_AUTH_TYPE",
          "databricks-cli", "PATH", bin.toString()), home))
          .isInstanceOf(IllegalArgumentException.class).hasCauseInstanceOf(ConfigurationException.class)
          .hasMessageContaining("auth type databricks-cli")
          .hasMessageContaining("the Databricks CLI ('databricks' on PATH, or DATABRICKS_CLI_PATH");
    }
  }

  @Test
  void databricksCli_noLoginForTheHost_failsNamingTheLoginCommand() throws Exception {
    Path cli = script("databricks", "echo \"Error: cache: databricks OAuth is not configured for this host. Try"
        + " logging in again with 'databricks auth login'\" >&2\nexit 1\n");
    try (FakeJobsServer server = fake().start()) {
      assertThatThrownBy(() -> DatabricksExecutor.fromEnvironment(env(server, "DATABRICKS_AUTH_TYPE",
          "databricks-cli", "DATABRICKS_CLI_PATH", cli.toString()), home))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("auth type databricks-cli")
          .hasMessageContaining("run 'databricks auth login --host " + server.url() + "'");
      assertThat(server.journal().all()).isEmpty();
    }
  }

  // --- azure-msi ---

  @Test
  void azureMsi_instanceMetadataStandIn_startsRunsAndRefreshesBeforeExpiry() throws Exception {
    try (FakeJobsServer server = fake().token("msi-1").token("msi-2").start()) {
      long job = job(server);
      WorkspaceConfig config = WorkspaceConfig.resolve(env(server, "ARM_USE_MSI", "true",
          "ARM_CLIENT_ID", "user-assigned-1"), home);
      assertThat(config.authType()).isEqualTo("azure-msi");
      // no variable moves the metadata endpoint off 169.254.169.254 (as in the SDKs): point it at the stand-in
      AzureManagedIdentityCredentials credentials = ((AzureManagedIdentityCredentials) config.credentials())
          .toBuilder().instanceMetadataEndpoint(platform.url("/metadata/identity/oauth2/token").toString()).build();

      try (DatabricksExecutor executor = executor(config, credentials)) {
        executor.job(job).runNow();
        time.fakeClock().advance(Duration.ofMinutes(59).plusSeconds(30)); // refresh ahead: 40 s
        executor.job(job).runNow();
      }

      assertThat(bearers(server)).containsExactly("Bearer msi-1", "Bearer msi-2");
      List<RecordedRequest> asked = platform.requestsTo("/metadata/identity/oauth2/token");
      assertThat(asked).hasSize(2).allSatisfy(r -> {
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getHeaders().get("Metadata")).isEqualTo("true");
        HttpUrl url = r.getUrl();
        assertThat(url.queryParameter("api-version")).isEqualTo("2018-02-01");
        assertThat(url.queryParameter("resource")).isEqualTo(AZURE_DATABRICKS);
        assertThat(url.queryParameter("client_id")).isEqualTo("user-assigned-1");
      });
    }
  }

  @Test
  void azureMsi_appServiceFromEnvironment_sendsTheIdentityHeaderAndStartsTheRun() {
    try (FakeJobsServer server = fake().token("appsvc-1").start()) {
      long job = job(server);

      try (DatabricksExecutor executor = executor(env(server, "ARM_USE_MSI", "true",
          "IDENTITY_ENDPOINT", platform.url("/msi/token").toString(),
          "IDENTITY_HEADER", PlatformStandIn.IDENTITY_HEADER))) {
        executor.job(job).runNow();
      }

      assertThat(bearers(server)).containsExactly("Bearer appsvc-1");
      RecordedRequest asked = platform.requestsTo("/msi/token").get(0);
      assertThat(asked.getHeaders().get("X-IDENTITY-HEADER")).isEqualTo(PlatformStandIn.IDENTITY_HEADER);
      assertThat(asked.getUrl().queryParameter("api-version")).isEqualTo("2019-08-01");
      assertThat(asked.getUrl().queryParameter("resource")).isEqualTo(AZURE_DATABRICKS);
    }
  }

  @Test
  void azureMsi_aksWorkloadIdentityFromEnvironment_sendsTheServiceAccountTokenAndStartsTheRun() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("azure-identity-token"), PlatformStandIn.AKS_ASSERTION);
    try (FakeJobsServer server = fake().token("aks-1").start()) {
      long job = job(server);

      try (DatabricksExecutor executor = executor(env(server, "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(),
          "AZURE_CLIENT_ID", "aks-client", "AZURE_TENANT_ID", "tenant-1",
          "AZURE_AUTHORITY_HOST", platform.url("/").toString()))) {   // no ARM_USE_MSI: AKS is detected
        executor.job(job).runNow();
      }

      assertThat(bearers(server)).containsExactly("Bearer aks-1");
      RecordedRequest asked = platform.requestsTo("/oauth2/v2.0/token").get(0);
      assertThat(asked.getUrl().encodedPath()).isEqualTo("/tenant-1/oauth2/v2.0/token");
      HttpUrl form = HttpUrl.get("http://form/?" + asked.getBody().utf8());
      assertThat(form.queryParameter("client_assertion")).isEqualTo(PlatformStandIn.AKS_ASSERTION);
      assertThat(form.queryParameter("client_assertion_type"))
          .isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      assertThat(form.queryParameter("client_id")).isEqualTo("aks-client");
      assertThat(form.queryParameter("scope")).isEqualTo(AZURE_DATABRICKS + "/.default");
    }
  }

  @Test
  void azureMsi_noIdentityAssigned_failsUnauthenticatedNamingTheMethodAndWhatToCheck() throws Exception {
    platform.identityAssigned = false;
    try (FakeJobsServer server = fake().start()) {
      long job = job(server);
      WorkspaceConfig config = WorkspaceConfig.resolve(env(server, "ARM_USE_MSI", "true"), home);
      AzureManagedIdentityCredentials credentials = ((AzureManagedIdentityCredentials) config.credentials())
          .toBuilder().instanceMetadataEndpoint(platform.url("/metadata/identity/oauth2/token").toString()).build();

      try (DatabricksExecutor executor = executor(config, credentials)) {
        Throwable thrown = catchThrowable(() -> executor.job(job).runNow());

        assertThat(thrown).isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("azure-msi", "instance metadata endpoint", "HTTP 400",
              "check that a system-assigned managed identity is enabled on this machine");
        });
      }
      assertThat(platform.requestsTo("/metadata/identity/oauth2/token")).hasSize(1);
      assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
    }
  }

  @Test
  void azureMsi_metadataEndpointUnreachable_failsAsRetryableTransportErrorNamingTheMethod() throws Exception {
    try (FakeJobsServer server = fake().start()) {
      long job = job(server);
      WorkspaceConfig config = WorkspaceConfig.resolve(env(server, "ARM_USE_MSI", "true"), home);
      AzureManagedIdentityCredentials credentials = ((AzureManagedIdentityCredentials) config.credentials())
          .toBuilder().instanceMetadataEndpoint(closedPortUrl("/metadata/identity/oauth2/token")).maxAttempts(1)
          .build(); // its own retries would sleep on the wall clock (see the report)

      try (DatabricksExecutor executor = executor(config, credentials)) {
        assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOfSatisfying(
            DatabricksTransportException.class, e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.getMessage()).contains("azure-msi", "instance metadata endpoint");
            });
      }
      assertThat(time.sleeps()).as("the executor retried once, on the injected sleeper").hasSize(1);
      assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
    }
  }

  @Test
  void azureMsi_aksTokenFileWithoutClientId_failsNamingTheMissingVariables() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("azure-identity-token"), PlatformStandIn.AKS_ASSERTION);
    try (FakeJobsServer server = fake().start()) {
      assertThatThrownBy(() -> DatabricksExecutor.fromEnvironment(env(server, "DATABRICKS_AUTH_TYPE", "azure-msi",
          "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString()), home))
          .isInstanceOf(IllegalArgumentException.class).hasCauseInstanceOf(ConfigurationException.class)
          .hasMessageContaining("auth type azure-msi")
          .hasMessageContaining("AZURE_CLIENT_ID or ARM_CLIENT_ID").hasMessageContaining("AZURE_TENANT_ID");
    }
  }
}
