package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureServicePrincipalCredentialsTest {

  private static final String RESOURCE_ID =
      "/subscriptions/0000-1111/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/ws-prod";

  private final TestClock clock = new TestClock();
  private FakeTokenServer entra;

  @BeforeEach
  void start() throws Exception {
    entra = new FakeTokenServer();
  }

  @AfterEach
  void stop() throws Exception {
    entra.close();
  }

  private AzureServicePrincipalCredentials.Builder credentials() {
    return AzureServicePrincipalCredentials.builder()
        .tenantId("tenant-1")
        .clientId("sp-client")
        .clientSecret("sp-secret")
        .authority(entra.url("/"))
        .retryBackoff(Duration.ZERO);
  }

  private HeaderFactory configure(AzureServicePrincipalCredentials credentials) {
    return credentials.configure(AuthContext.builder().host("https://adb-1.7.azuredatabricks.net").clock(clock)
        .build());
  }

  @Test
  void headers_withoutResourceId_sendsDatabricksTokenOnly() throws Exception {
    HeaderFactory factory = configure(credentials().build());

    Map<String, String> headers = factory.headers();

    assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer azure-db-1"));
    RecordedRequest request = entra.server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/tenant-1/oauth2/token");
    assertThat(FakeTokenServer.form(request.getBody().utf8()))
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", "sp-client")
        .containsEntry("client_secret", "sp-secret")
        .containsEntry("resource", AzureServicePrincipalCredentials.AZURE_DATABRICKS_RESOURCE);
  }

  @Test
  void headers_withResourceId_addsManagementTokenAndResourceIdHeaders() throws Exception {
    HeaderFactory factory = configure(credentials().workspaceResourceId(RESOURCE_ID).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).startsWith("Bearer azure-db-");
    assertThat(headers.get("X-Databricks-Azure-SP-Management-Token")).startsWith("azure-mgmt-");
    assertThat(headers.get("X-Databricks-Azure-Workspace-Resource-Id")).isEqualTo(RESOURCE_ID);
    assertThat(entra.azureRequests).hasValue(2);
  }

  @Test
  void headers_repeatedThenNearExpiry_cachesThenRefreshes() throws Exception {
    HeaderFactory factory = configure(credentials().workspaceResourceId(RESOURCE_ID).build());
    factory.headers();
    factory.headers();
    int afterCached = entra.azureRequests.get();
    clock.advance(Duration.ofSeconds(3600 - 39));

    Map<String, String> headers = factory.headers();

    assertThat(afterCached).isEqualTo(2);
    assertThat(entra.azureRequests).hasValue(4);
    assertThat(headers.get("Authorization")).isIn("Bearer azure-db-3", "Bearer azure-db-4");
  }

  @Test
  void headers_wrongSecret_failsWithAadCodeButNoSecret() {
    HeaderFactory factory = configure(credentials().clientSecret("bad-secret-99").build());

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("AADSTS7000215")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bad-secret-99"));
  }

  @Test
  void headers_transient502_retried() throws Exception {
    HeaderFactory factory = configure(credentials().build());
    entra.failures.add(502);

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer azure-db-1");
    assertThat(entra.tokenJournal).hasSize(2);
  }

  @Test
  void build_malformedResourceId_failsNamingField() {
    assertThatThrownBy(() -> credentials().workspaceResourceId("/subscriptions/x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workspaceResourceId");
  }

  @Test
  void build_tenantWithSlash_failsNamingField() {
    assertThatThrownBy(() -> credentials().tenantId("a/b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenantId");
  }

  @Test
  void toString_anyCredentials_redactsSecret() {
    AzureServicePrincipalCredentials credentials = credentials().clientSecret("az-secret-55").build();

    String text = credentials.toString();

    assertThat(text).contains("tenant-1").doesNotContain("az-secret-55");
    assertThat(credentials.authType()).isEqualTo("azure-client-secret");
    assertThat(credentials.toBuilder().build()).isEqualTo(credentials);
  }
}
