package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * azure-cli and databricks-cli, end to end: small shell scripts in a temporary directory stand in for {@code az}
 * and {@code databricks} (they never sleep), a {@link FakeTokenServer} for the workspace.
 */
class CliCredentialsTest {

  private static final String RESOURCE_ID =
      "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Databricks/workspaces/ws-1";
  /** The test clock's start, as epoch seconds; the scripts' token n expires n hours after it. */
  private static final long BASE = new TestClock().instant().getEpochSecond();

  @TempDir
  Path dir;

  private Path bin;
  private FakeTokenServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeTokenServer();
    bin = Files.createDirectory(dir.resolve("bin"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Path script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\necho \"$@\" >> '" + dir.resolve(name + "-args") + "'\n"
        + "n=$(cat '" + dir.resolve(name + "-count") + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '"
        + dir.resolve(name + "-count") + "'\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private Path az() throws Exception {
    return script("az", "case \"$*\" in *management*) kind=mgmt;; *) kind=db;; esac\n"
        + "echo \"{\\\"accessToken\\\": \\\"az-$kind-$n\\\", \\\"expires_on\\\": $((" + BASE + " + 3600 * n)),"
        + " \\\"tokenType\\\": \\\"Bearer\\\", \\\"tenant\\\": \\\"tenant-1\\\"}\"\n");
  }

  private Path databricks() throws Exception {
    return script("databricks", "exp=$(date -u -d @$((" + BASE + " + 3600 * n)) +%Y-%m-%dT%H:%M:%S+00:00)\n"
        + "echo \"{\\\"access_token\\\":\\\"cli-$n\\\",\\\"token_type\\\":\\\"Bearer\\\",\\\"expiry\\\":\\\"$exp\\\"}\"\n");
  }

  private List<String> args(String name) throws Exception {
    return Files.readAllLines(dir.resolve(name + "-args"));
  }

  private Map<String, String> environment(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABRICKS_HOST", server.url("/").toString());
    env.put("PATH", bin.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  // --- azure-cli ---

  @Test
  void azureCli_resolvedFromPath_sendsTokensFromAzAndRefreshesByRunningItAgain() throws Exception {
    az();
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("DATABRICKS_AZURE_RESOURCE_ID", RESOURCE_ID,
        "ARM_TENANT_ID", "tenant-1"), dir);
    Workspace workspace = new Workspace(server, config.credentials());

    RecordedRequest first = workspace.sent();
    String cached = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(116)); // inside the last 5 minutes of token 2's two hours
    String refreshed = workspace.authorizationSent();

    assertThat(config.authType()).isEqualTo("azure-cli");
    // run 1 was the resolution's check that az works, as the SDKs do
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer az-db-2");
    assertThat(first.getHeaders().get("X-Databricks-Azure-SP-Management-Token")).isEqualTo("az-mgmt-3");
    assertThat(first.getHeaders().get("X-Databricks-Azure-Workspace-Resource-Id")).isEqualTo(RESOURCE_ID);
    assertThat(cached).isEqualTo("Bearer az-db-2");
    assertThat(refreshed).isEqualTo("Bearer az-db-4");
    assertThat(args("az")).hasSize(4).startsWith(
        "account get-access-token --resource 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d --output json --tenant tenant-1")
        .contains("account get-access-token --resource https://management.core.windows.net/ --output json --tenant"
            + " tenant-1");
  }

  @Test
  void azureCli_olderAzWithLocalExpiresOn_readsExpiry() throws Exception {
    String expiresOn = LocalDateTime.ofInstant(new TestClock().instant().plus(Duration.ofHours(1)),
        ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
    Path az = script("az", "echo '{\"accessToken\": \"az-old-'$n'\", \"expiresOn\": \"" + expiresOn + "\"}'\n");
    Workspace workspace = new Workspace(server, AzureCliCredentials.builder().command(az.toString()).build());

    String first = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(54));
    String cached = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(2));
    String refreshed = workspace.authorizationSent();

    assertThat(first).isEqualTo("Bearer az-old-1");
    assertThat(cached).isEqualTo("Bearer az-old-1");
    assertThat(refreshed).isEqualTo("Bearer az-old-2");
  }

  @Test
  void azureCli_notLoggedIn_failsNamingAzLogin() throws Exception {
    Path az = script("az", "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    Workspace workspace = new Workspace(server, AzureCliCredentials.builder().command(az.toString())
        .tenantId("tenant-1").build());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.isRefused()).isFalse();
        })
        .hasMessageContaining("azure-cli: the Azure CLI is not logged in to tenant tenant-1")
        .hasMessageContaining("run 'az login' --tenant tenant-1");
    assertThat(server.apiJournal).isEmpty();
  }

  @Test
  void azureCli_forcedAndNotLoggedIn_failsAtResolutionNamingAzLogin() throws Exception {
    script("az", "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(environment("DATABRICKS_AUTH_TYPE", "azure-cli"), dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("azure-cli (forced by DATABRICKS_AUTH_TYPE): cannot be used: the Azure CLI is not"
            + " logged in")
        .hasMessageContaining("run 'az login'");
  }

  @Test
  void azureCli_absent_failsNamingAzOnPath() throws Exception {
    Workspace workspace = new Workspace(server, AzureCliCredentials.builder()
        .command(dir.resolve("nowhere/az").toString()).build());

    assertThatThrownBy(() -> WorkspaceConfig.resolve(environment("DATABRICKS_AUTH_TYPE", "azure-cli"), dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("azure-cli (forced by DATABRICKS_AUTH_TYPE): needs the Azure CLI ('az' on PATH)");
    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("azure-cli: cannot run " + dir.resolve("nowhere/az"))
        .hasMessageContaining("install the Azure CLI");
  }

  @Test
  void azureCli_hangs_isStoppedAfterTimeoutAndFailsRetryable() throws Exception {
    Path az = script("az", "mkfifo '" + dir.resolve("never") + "'\nread line < '" + dir.resolve("never") + "'\n");
    Workspace workspace = new Workspace(server, AzureCliCredentials.builder().command(az.toString())
        .timeout(Duration.ofMillis(300)).build());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("azure-cli: 'az account get-access-token --resource")
        .hasMessageContaining("did not finish within 300 ms");
  }

  @Test
  void azureCli_notAnAzureHost_notTriedByDefaultChain() throws Exception {
    az();

    assertThatThrownBy(() -> WorkspaceConfig.resolve(environment(), dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("azure-cli: needs an Azure Databricks host (*.azuredatabricks.net) or"
            + " DATABRICKS_AZURE_RESOURCE_ID / azure_workspace_resource_id");
    assertThat(Files.exists(dir.resolve("az-args"))).isFalse();
  }

  // --- databricks-cli ---

  @Test
  void databricksCli_resolvedFromPath_sendsCliTokenAndRefreshesByRunningItAgain() throws Exception {
    databricks();
    WorkspaceConfig config = WorkspaceConfig.resolve(environment(), dir);
    Workspace workspace = new Workspace(server, config.credentials());

    String first = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(100));
    String cached = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(16)); // inside the last 5 minutes of token 2's two hours
    String refreshed = workspace.authorizationSent();

    assertThat(config.authType()).isEqualTo("databricks-cli");
    assertThat(config.describe()).contains("databricks-cli", "databricks on PATH");
    assertThat(first).isEqualTo("Bearer cli-2"); // run 1 was the resolution's check, as the SDKs do
    assertThat(cached).isEqualTo("Bearer cli-2");
    assertThat(refreshed).isEqualTo("Bearer cli-3");
    String host = server.url("/").toString();
    assertThat(args("databricks")).containsOnly("auth token --host " + host.substring(0, host.length() - 1));
  }

  @Test
  void databricksCli_pathFromDatabricksCliPath_usesIt() throws Exception {
    Path cli = databricks();
    Map<String, String> env = environment("DATABRICKS_CLI_PATH", cli.toString());
    env.remove("PATH");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, dir);

    assertThat(config.credentials()).isEqualTo(DatabricksCliCredentials.builder().command(cli.toString()).build());
    assertThat(config.describe()).contains("databricks_cli_path from DATABRICKS_CLI_PATH");
  }

  @Test
  void databricksCli_preferredOverOidcAsTheSdksDo() throws Exception {
    databricks();

    WorkspaceConfig config = WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN", "id-token"), dir);

    assertThat(config.authType()).isEqualTo("databricks-cli");
  }

  @Test
  void databricksCli_noLogin_skippedByChainAndFailsWhenUsedNamingLoginCommand() throws Exception {
    Path cli = script("databricks", "echo \"Error: cache: databricks OAuth is not configured for this host. Try"
        + " logging in again with \\`databricks auth login --host $4\\` before retrying.\" >&2\nexit 1\n");
    String host = server.url("/").toString().replaceAll("/$", "");
    Workspace workspace = new Workspace(server, DatabricksCliCredentials.builder().command(cli.toString()).build());

    WorkspaceConfig fallback = WorkspaceConfig.resolve(environment("DATABRICKS_OIDC_TOKEN", "id-token"), dir);

    assertThat(fallback.authType()).isEqualTo("env-oidc");
    assertThatThrownBy(() -> WorkspaceConfig.resolve(environment(), dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("databricks-cli: cannot be used: the Databricks CLI has no login for " + host)
        .hasMessageContaining("run 'databricks auth login --host " + host + "'");
    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("databricks-cli: the Databricks CLI has no login for " + host)
        .hasMessageContaining("run 'databricks auth login --host " + host + "'");
  }

  @Test
  void databricksCli_forcedButAbsent_failsNamingPathSetting() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "databricks-cli",
        "DATABRICKS_CLI_PATH", dir.resolve("missing/databricks").toString());

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("databricks-cli (forced by DATABRICKS_AUTH_TYPE): needs the Databricks CLI at "
            + dir.resolve("missing/databricks") + " (from DATABRICKS_CLI_PATH), which is not an executable file");
  }

  @Test
  void databricksCli_absentWhenUsed_failsNamingInstall() throws Exception {
    Workspace workspace = new Workspace(server, DatabricksCliCredentials.builder()
        .command(dir.resolve("missing/databricks").toString()).build());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("databricks-cli: cannot run")
        .hasMessageContaining("install the Databricks CLI")
        .hasMessageContaining("databricks auth login --host");
  }

  @Test
  void databricksCli_legacyPythonCli_failsNamingUpgrade() throws Exception {
    Path cli = script("databricks", "echo \"Error: No such command 'auth'.\" >&2\nexit 2\n");
    Workspace workspace = new Workspace(server, DatabricksCliCredentials.builder().command(cli.toString()).build());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("Databricks CLI 0.100 or later");
  }

  @Test
  void build_zeroTimeout_failsNamingTimeout() {
    assertThatThrownBy(() -> DatabricksCliCredentials.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> AzureCliCredentials.builder().timeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT-1S");
  }

  @Test
  void cliProcesses_executorWithProxyAndCustomTrust_getTheSameProxyAndAuthorities() throws Exception {
    TestCertificates certificates = new TestCertificates();
    Path cli = script("databricks", "echo \"$HTTPS_PROXY|$NO_PROXY\" > '" + dir.resolve("proxy") + "'\n"
        + "cat \"$SSL_CERT_FILE\" > '" + dir.resolve("ca") + "'\n"
        + "cat \"$REQUESTS_CA_BUNDLE\" >> '" + dir.resolve("ca") + "'\n"
        + "echo '{\"access_token\":\"cli-1\",\"expiry\":\"2030-01-01T00:00:00Z\"}'\n");
    okhttp3.OkHttpClient.Builder http = new okhttp3.OkHttpClient.Builder();
    ProxyConfig.builder().host("proxy.corp.example").port(3128).username("svc@corp").password("p:w")
        .nonProxyHosts(List.of("localhost", "127.0.0.1")).build().applyTo(http);
    TlsConfig.builder().trustPem(certificates.rootCa.certificatePem()).build().applyTo(http);
    Workspace workspace = new Workspace(server, DatabricksCliCredentials.builder().command(cli.toString()).build(),
        server.url("/").toString(), http.build());

    String authorization = workspace.authorizationSent();

    assertThat(authorization).isEqualTo("Bearer cli-1");
    assertThat(Files.readString(dir.resolve("proxy")).strip())
        .isEqualTo("http://svc%40corp:p%3Aw@proxy.corp.example:3128|localhost,127.0.0.1");
    String bundle = Files.readString(dir.resolve("ca"));
    assertThat(bundle).contains(certificates.rootCa.certificatePem().strip().split("\n")[1]);
    assertThat(bundle.split("BEGIN CERTIFICATE", -1).length - 1).as("JVM authorities plus the custom one, twice")
        .isGreaterThan(4);
  }

  @Test
  void cliProcesses_executorWithDefaults_getNoProxyOrBundle() throws Exception {
    Path cli = script("databricks", "echo \"[$HTTPS_PROXY][$SSL_CERT_FILE]\" > '" + dir.resolve("env") + "'\n"
        + "echo '{\"access_token\":\"cli-1\",\"expiry\":\"2030-01-01T00:00:00Z\"}'\n");
    Workspace workspace = new Workspace(server, DatabricksCliCredentials.builder().command(cli.toString()).build());

    workspace.authorizationSent();

    assertThat(Files.readString(dir.resolve("env")).strip()).isEqualTo("[" + nonBlankOrEmpty("HTTPS_PROXY") + "]["
        + nonBlankOrEmpty("SSL_CERT_FILE") + "]");
  }

  private static String nonBlankOrEmpty(String variable) {
    String value = System.getenv(variable);
    return value == null ? "" : value;
  }
}
