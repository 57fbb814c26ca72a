package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** azure-msi on a VM (metadata endpoint), App Service and AKS workload identity, against local stand-ins. */
class AzureManagedIdentityCredentialsTest {

  private static final String RESOURCE_ID =
      "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Databricks/workspaces/ws-1";

  @TempDir
  Path home;

  private FakeTokenServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeTokenServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Map<String, String> environment(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABRICKS_HOST", server.url("/").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** The metadata endpoint is a link-local address; tests point the resolved credentials at the stand-in. */
  private AzureManagedIdentityCredentials onStandIn(WorkspaceConfig config) {
    return ((AzureManagedIdentityCredentials) config.credentials()).toBuilder()
        .instanceMetadataEndpoint(server.url("/metadata/identity/oauth2/token").toString()).build();
  }

  @Test
  void instanceMetadata_resolvedFromArmUseMsi_sendsWorkspaceAndManagementTokens() throws Exception {
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("ARM_USE_MSI", "true", "ARM_CLIENT_ID",
        "mi-client", "DATABRICKS_AZURE_RESOURCE_ID", RESOURCE_ID), home);
    Workspace workspace = new Workspace(server, onStandIn(config));

    RecordedRequest sent = workspace.sent();

    assertThat(config.authType()).isEqualTo("azure-msi");
    assertThat(((AzureManagedIdentityCredentials) config.credentials()).instanceMetadataEndpoint())
        .isEqualTo(HttpUrl.get("http://169.254.169.254/metadata/identity/oauth2/token"));
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer msi-db-1");
    assertThat(sent.getHeaders().get("X-Databricks-Azure-SP-Management-Token")).isEqualTo("msi-mgmt-2");
    assertThat(sent.getHeaders().get("X-Databricks-Azure-Workspace-Resource-Id")).isEqualTo(RESOURCE_ID);
    RecordedRequest imds = server.tokenJournal.get(0);
    assertThat(imds.getMethod()).isEqualTo("GET");
    assertThat(imds.getHeaders().get("Metadata")).isEqualTo("true");
    assertThat(imds.getUrl().queryParameter("api-version")).isEqualTo("2018-02-01");
    assertThat(imds.getUrl().queryParameter("resource")).isEqualTo("2ff814a6-3304-4ab8-85cb-cd0e6f879c1d");
    assertThat(imds.getUrl().queryParameter("client_id")).isEqualTo("mi-client");
    assertThat(server.tokenJournal.get(1).getUrl().queryParameter("resource"))
        .isEqualTo("https://management.core.windows.net/");
  }

  @Test
  void instanceMetadata_beforeExpiry_refreshes() throws Exception {
    Workspace workspace = new Workspace(server, onStandIn(WorkspaceConfig.resolve(environment("ARM_USE_MSI",
        "true"), home)));
    assertThat(workspace.authorizationSent()).isEqualTo("Bearer msi-db-1");

    workspace.clock.advance(Duration.ofMinutes(59).plusSeconds(30));
    String refreshed = workspace.authorizationSent();

    assertThat(refreshed).isEqualTo("Bearer msi-db-2");
    assertThat(server.tokenJournal.get(0).getUrl().queryParameter("client_id")).isNull();
  }

  @Test
  void appService_resolvedFromIdentityEndpoint_sendsIdentityHeaderAndReadsExpiresOn() throws Exception {
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("ARM_USE_MSI", "true",
        "IDENTITY_ENDPOINT", server.url("/msi/token").toString(), "IDENTITY_HEADER", "app-service-identity-header"),
        home);
    Workspace workspace = new Workspace(server, config.credentials());

    String first = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofMinutes(59));
    String cached = workspace.authorizationSent();
    workspace.clock.advance(Duration.ofSeconds(40));
    String refreshed = workspace.authorizationSent();

    assertThat(first).isEqualTo("Bearer appsvc-db-1");
    assertThat(cached).isEqualTo("Bearer appsvc-db-1");
    assertThat(refreshed).isEqualTo("Bearer appsvc-db-2");
    RecordedRequest appService = server.tokenJournal.get(0);
    assertThat(appService.getHeaders().get("X-IDENTITY-HEADER")).isEqualTo("app-service-identity-header");
    assertThat(appService.getUrl().queryParameter("api-version")).isEqualTo("2019-08-01");
    assertThat(config.describe()).contains("IDENTITY_ENDPOINT").doesNotContain("app-service-identity-header");
  }

  @Test
  void aksWorkloadIdentity_resolvedFromFederatedTokenFile_sendsClientAssertion() throws Exception {
    Path tokenFile = home.resolve("azure-identity-token");
    Files.writeString(tokenFile, "aks-service-account-token\n");
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(),
        "AZURE_CLIENT_ID", "aks-client", "AZURE_TENANT_ID", "tenant-1",
        "AZURE_AUTHORITY_HOST", server.url("/").toString(), "DATABRICKS_AZURE_RESOURCE_ID", RESOURCE_ID), home);
    Workspace workspace = new Workspace(server, config.credentials());

    RecordedRequest sent = workspace.sent();
    Files.writeString(tokenFile, "aks-service-account-token"); // the kubelet rotates the file
    workspace.clock.advance(Duration.ofMinutes(59).plusSeconds(30));
    String refreshed = workspace.authorizationSent();

    assertThat(config.authType()).isEqualTo("azure-msi");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer aks-db-1");
    assertThat(refreshed).startsWith("Bearer aks-db-").isNotEqualTo("Bearer aks-db-1");
    assertThat(sent.getHeaders().get("X-Databricks-Azure-SP-Management-Token")).isEqualTo("aks-mgmt-2");
    RecordedRequest entra = server.tokenJournal.get(0);
    assertThat(entra.getTarget()).isEqualTo("/tenant-1/oauth2/v2.0/token");
    assertThat(FakeTokenServer.form(entra.getBody().utf8()))
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", "aks-client")
        .containsEntry("client_assertion", "aks-service-account-token")
        .containsEntry("scope", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default");
    assertThat(FakeTokenServer.form(server.tokenJournal.get(1).getBody().utf8()))
        .containsEntry("scope", "https://management.core.windows.net//.default");
  }

  @Test
  void aksWorkloadIdentity_federationNotTrusted_failsRefusedWithEntraCode() throws Exception {
    Path tokenFile = home.resolve("azure-identity-token");
    Files.writeString(tokenFile, "some-other-service-account-token");
    Workspace workspace = new Workspace(server, WorkspaceConfig.resolve(environment(
        "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(), "AZURE_CLIENT_ID", "aks-client",
        "AZURE_TENANT_ID", "tenant-1", "AZURE_AUTHORITY_HOST", server.url("/").toString()), home).credentials());

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRefused()).isTrue())
        .hasMessageContaining("azure-msi")
        .hasMessageContaining("AKS workload identity")
        .hasMessageContaining("AADSTS700213")
        .hasMessageContaining("federated credential")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("some-other-service-account-token"));
  }

  /** AKS workload identity with {@code tokenFile}, the stand-in as authority. */
  private Workspace aks(Path tokenFile) {
    return new Workspace(server, AzureManagedIdentityCredentials.builder().clientId("aks-client")
        .workloadIdentity(tokenFile, "tenant-1").authority(server.url("/").toString()).build());
  }

  @Test
  void aksWorkloadIdentity_emptyTokenFile_failsSayingItIsEmptyWithoutCallingEntra() throws Exception {
    Path tokenFile = Files.writeString(home.resolve("azure-identity-token"), " \n");
    Workspace workspace = aks(tokenFile);

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessage("azure-msi: the federated token file " + tokenFile + " is empty");
    assertThat(server.tokenJournal).isEmpty();
  }

  @Test
  void aksWorkloadIdentity_missingTokenFile_failsNamingVariableAndLabel() throws Exception {
    Path tokenFile = home.resolve("absent-token");
    Workspace workspace = aks(tokenFile);

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessage("azure-msi: the federated token file " + tokenFile + " does not exist; check"
            + " AZURE_FEDERATED_TOKEN_FILE and the pod's azure.workload.identity/use label");
    assertThat(server.tokenJournal).isEmpty();
  }

  @Test
  void instanceMetadata_noIdentityAssigned_failsRefusedNamingWhatToAssign() throws Exception {
    server.identityAssigned = false;
    Workspace workspace = new Workspace(server, onStandIn(WorkspaceConfig.resolve(environment("ARM_USE_MSI", "true",
        "ARM_CLIENT_ID", "mi-client"), home)));

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRefused()).isTrue())
        .hasMessageContaining("azure-msi")
        .hasMessageContaining("instance metadata endpoint")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("user-assigned identity mi-client is assigned");
  }

  @Test
  void instanceMetadata_unreachable_failsRetryableNamingEndpoint() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String closed = gone.url("/metadata/identity/oauth2/token").toString();
    gone.close();
    AzureManagedIdentityCredentials credentials = AzureManagedIdentityCredentials.builder()
        .instanceMetadataEndpoint(closed).maxAttempts(1).build();
    Workspace workspace = new Workspace(server, credentials);

    assertThatThrownBy(workspace.headers::headers)
        .isInstanceOfSatisfying(CredentialsException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("azure-msi")
        .hasMessageContaining("could not reach " + closed);
  }

  @Test
  void instanceMetadata_serviceUnavailableWithRetryAfter_waitsAsAsked() throws Exception {
    server.failures.add(503);
    server.retryAfter = "3";
    Workspace workspace = new Workspace(server, onStandIn(WorkspaceConfig.resolve(environment("ARM_USE_MSI",
        "true"), home)));

    String authorization = workspace.authorizationSent();

    assertThat(authorization).isEqualTo("Bearer msi-db-1");
    assertThat(workspace.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void resolve_withoutArmUseMsi_skipsManagedIdentity() {
    assertThatThrownBy(() -> WorkspaceConfig.resolve(environment("ARM_CLIENT_ID", "mi-client"), home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("azure-msi: needs ARM_USE_MSI=true");
  }

  @Test
  void resolve_forcedWithFederatedFileButNoTenant_failsNamingTenantVariables() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "azure-msi", "AZURE_FEDERATED_TOKEN_FILE",
        "/var/run/secrets/azure/tokens/azure-identity-token", "AZURE_CLIENT_ID", "aks-client");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth type azure-msi")
        .hasMessageContaining("AZURE_TENANT_ID or ARM_TENANT_ID");
  }

  @Test
  void resolve_forcedWithIdentityEndpointButNoHeader_failsNamingHeader() {
    Map<String, String> env = environment("DATABRICKS_AUTH_TYPE", "azure-msi", "IDENTITY_ENDPOINT",
        "http://127.0.0.1:41741/msi/token");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("IDENTITY_HEADER (IDENTITY_ENDPOINT is set)");
  }

  @Test
  void resolve_msiAndClientSecretBothComplete_prefersMsiAsTheSdksDo() {
    WorkspaceConfig config = WorkspaceConfig.resolve(environment("ARM_USE_MSI", "true", "ARM_TENANT_ID", "t",
        "ARM_CLIENT_ID", "c", "ARM_CLIENT_SECRET", "s"), home);

    assertThat(config.authType()).isEqualTo("azure-msi");
  }

  @Test
  void build_federatedTokenFileWithoutClientId_failsNamingSettings() {
    assertThatThrownBy(() -> AzureManagedIdentityCredentials.builder()
        .workloadIdentity(Path.of("/var/run/token"), "tenant-1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("federatedTokenFile requires clientId and tenantId");
  }

  @Test
  void toString_appService_redactsIdentityHeader() {
    AzureManagedIdentityCredentials credentials = AzureManagedIdentityCredentials.builder()
        .appServiceIdentity("http://127.0.0.1:1/msi/token", "secret-identity-header").clientId("mi-client").build();

    assertThat(credentials.toString()).contains("App Service", "mi-client").doesNotContain("secret-identity-header");
  }
}
