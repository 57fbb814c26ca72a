package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.auth.AzureManagedIdentityCredentials;
import io.github.dbexec.auth.WorkspaceConfig;
import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.logcapture.CapturedLogs;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extends core's leak scan ({@link SecretLeakTest}) to the ways of authenticating without a stored Databricks secret:
 * with every logger at TRACE, successful and failing runs with {@code env-oidc}, {@code file-oidc},
 * {@code github-oidc}, {@code azure-devops-oidc}, {@code azure-msi} (metadata endpoint, App Service, AKS),
 * {@code azure-cli} and {@code databricks-cli} leave no ID token, platform credential (request token, pipeline
 * access token, identity header, service-account token) or issued access token in the logs, the exceptions (stack
 * traces included), the events or any {@code toString()}.
 */
class AuthMethodsSecretLeakTest {
  private static final String ISSUER = "https://oidc.prod-aks.azure.com/tenant-1/";
  private static final String AUDIENCE = "https://github.com/my-org";

  @TempDir Path dir;
  private final FakeTime time = new FakeTime(FakeTime.manualClock());
  private final long now = time.instant().getEpochSecond();
  private final List<String> observed = new ArrayList<>();
  private final List<String> secrets = new ArrayList<>(List.of(PlatformStandIn.GITHUB_REQUEST_TOKEN,
      PlatformStandIn.ADO_ACCESS_TOKEN, PlatformStandIn.IDENTITY_HEADER, PlatformStandIn.AKS_ASSERTION,
      "az-SECRET-token-", "cli-SECRET-token-"));
  private final InMemoryEventSink events = new InMemoryEventSink();

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  private Map<String, String> env(FakeJobsServer server, String... pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABRICKS_HOST", server.url());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** Runs once with credentials from {@code environment}, observing the executor, its config and any failure. */
  private void run(FakeJobsServer server, long job, Map<String, String> environment) {
    Throwable resolution = catchThrowable(() -> observed.add(WorkspaceConfig.resolve(environment, dir).toString()));
    if (resolution != null) {
      observeFailure(resolution);
      return;
    }
    try (DatabricksExecutor executor = DatabricksExecutor.builderFromEnvironment(environment, dir).clock(time)
        .sleeper(time).addEventSink(events).build()) {
      observed.add(executor.toString());
      Throwable failure = catchThrowable(() -> observed.add(String.valueOf(executor.job(job).runNow())));
      if (failure != null) {
        observeFailure(failure);
      }
    }
  }

  private void observeFailure(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    observed.add(trace.toString());
  }

  private Path script(String name, String body) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin-" + name));
    Path file = bin.resolve(name);
    Path count = dir.resolve(name + "-count");
    Files.writeString(file, "#!/bin/sh\nn=$(cat '" + count + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '"
        + count + "'\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  @Test
  void everyAuthMethod_successAndFailure_atTrace_leaksNoTokenOrPlatformCredential() throws Exception {
    String idToken = PlatformStandIn.jwt(ISSUER, AUDIENCE, "runner", now + 3600);
    String refusedIdToken = PlatformStandIn.jwt("https://evil.example.com", AUDIENCE, "runner", now + 3600);
    String fileIdToken = PlatformStandIn.jwt(ISSUER, AUDIENCE, "file-runner", now + 3600);
    Path tokenFile = Files.writeString(dir.resolve("id-token"), fileIdToken);
    Path aksFile = Files.writeString(dir.resolve("aks-token"), PlatformStandIn.AKS_ASSERTION);
    Path wrongAksFile = Files.writeString(dir.resolve("aks-wrong"), "aks-WRONG-service-account-3344");
    secrets.addAll(List.of(idToken, refusedIdToken, fileIdToken, "aks-WRONG-service-account-3344"));
    long hour = now + 3600;
    Path az = script("az", "if [ $n -le 3 ]; then echo '{\"accessToken\": \"az-SECRET-token-'$n'\", \"expires_on\": "
        + hour + "}'; exit 0; fi\necho \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    Path databricks = script("databricks", "echo '{\"access_token\": \"cli-SECRET-token-'$n'\", \"expiry\": \""
        + time.instant().plusSeconds(3600).toString().replace("Z", "+00:00") + "\"}'\n");

    try (PlatformStandIn platform = new PlatformStandIn(time);
        FakeJobsServer server = FakeJobsServer.builder().clock(time.fakeClock())
            .trustOidcIssuer(ISSUER, AUDIENCE, "sp-fed")
            .trustOidcIssuer(PlatformStandIn.GITHUB_ISSUER, AUDIENCE, "sp-fed")
            .trustOidcIssuer(PlatformStandIn.ADO_ISSUER, PlatformStandIn.ADO_AUDIENCE, "sp-fed")
            .token("appsvc-1").token("aks-2").token("az-SECRET-token-3").token("cli-SECRET-token-3").start()) {
      long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(100).notebookTask("/nb").build());
      Map<String, String> github = Map.of("DATABRICKS_CLIENT_ID", "sp-fed",
          "ACTIONS_ID_TOKEN_REQUEST_URL", platform.url("/github/idtoken").toString(),
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN", PlatformStandIn.GITHUB_REQUEST_TOKEN);

      run(server, job, env(server, "DATABRICKS_CLIENT_ID", "sp-fed", "DATABRICKS_OIDC_TOKEN", idToken));
      run(server, job, env(server, "DATABRICKS_CLIENT_ID", "sp-fed", "DATABRICKS_OIDC_TOKEN", refusedIdToken));
      run(server, job, env(server, "DATABRICKS_CLIENT_ID", "sp-fed",
          "DATABRICKS_OIDC_TOKEN_FILEPATH", tokenFile.toString()));
      Map<String, String> githubOk = new LinkedHashMap<>(env(server, "DATABRICKS_TOKEN_AUDIENCE", AUDIENCE));
      githubOk.putAll(github);
      run(server, job, githubOk);
      Map<String, String> githubRefused = env(server);                // default audience: refused by the fake
      githubRefused.putAll(github);
      run(server, job, githubRefused);
      run(server, job, env(server, "DATABRICKS_CLIENT_ID", "sp-fed",
          "SYSTEM_ACCESSTOKEN", PlatformStandIn.ADO_ACCESS_TOKEN,
          "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", platform.url("/org/").toString(), "SYSTEM_TEAMPROJECTID", "p",
          "SYSTEM_HOSTTYPE", "build", "SYSTEM_PLANID", "plan", "SYSTEM_JOBID", "job"));
      run(server, job, env(server, "ARM_USE_MSI", "true", "IDENTITY_ENDPOINT", platform.url("/msi/token").toString(),
          "IDENTITY_HEADER", PlatformStandIn.IDENTITY_HEADER));
      run(server, job, env(server, "AZURE_FEDERATED_TOKEN_FILE", aksFile.toString(), "AZURE_CLIENT_ID", "aks",
          "AZURE_TENANT_ID", "t", "AZURE_AUTHORITY_HOST", platform.url("/").toString()));
      run(server, job, env(server, "AZURE_FEDERATED_TOKEN_FILE", wrongAksFile.toString(), "AZURE_CLIENT_ID", "aks",
          "AZURE_TENANT_ID", "t", "AZURE_AUTHORITY_HOST", platform.url("/").toString()));
      platform.identityAssigned = false;
      WorkspaceConfig msi = WorkspaceConfig.resolve(env(server, "ARM_USE_MSI", "true"), dir);
      AzureManagedIdentityCredentials refusedMsi = ((AzureManagedIdentityCredentials) msi.credentials()).toBuilder()
          .instanceMetadataEndpoint(platform.url("/metadata/identity/oauth2/token").toString()).build();
      observed.add(refusedMsi.toString());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).credentials(refusedMsi)
          .clock(time).sleeper(time).addEventSink(events).build()) {
        observeFailure(catchThrowable(() -> executor.job(job).runNow()));
      }
      run(server, job, env(server, "DATABRICKS_AUTH_TYPE", "azure-cli", "PATH", az.toString())); // two resolutions, then the run
      run(server, job, env(server, "DATABRICKS_AUTH_TYPE", "azure-cli", "PATH", az.toString())); // logged out
      run(server, job, env(server, "PATH", databricks.toString()));

      for (RecordedApiRequest request : server.journal().find("POST", "/jobs/run-now")) {
        String bearer = request.header("Authorization");
        if (bearer != null && request.responseCode() == 200) {
          secrets.add(bearer.substring("Bearer ".length()));          // the access tokens issued and used
        }
      }
      assertThat(server.journal().find("POST", "/jobs/run-now")).as("the successful flows reached the workspace")
          .filteredOn(r -> r.responseCode() == 200).hasSizeGreaterThanOrEqualTo(8);
      assertThat(server.journal().find("POST", "/oidc/v1/token")).as("refusals happened")
          .anySatisfy(r -> assertThat(r.responseCode()).isEqualTo(400));
    }

    events.events().forEach(e -> observed.add(EventCodec.toJson(e)));
    String everything = String.join("\n", observed) + "\n" + CapturedLogs.all();
    assertThat(CapturedLogs.count()).as("logging was active").isPositive();
    assertThat(everything).as("the failures were observed").contains("env-oidc", "github-oidc", "azure-msi",
        "azure-cli", "refused");
    for (String secret : secrets) {
      assertThat(everything).as("secret %s", secret.substring(0, Math.min(8, secret.length())) + "…")
          .doesNotContain(secret);
    }
  }
}
