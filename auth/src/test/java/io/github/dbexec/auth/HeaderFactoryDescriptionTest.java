package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each token strategy's header factory shows in {@code toString()}: what it is, never a secret. */
class HeaderFactoryDescriptionTest {

  private static final AuthContext CONTEXT = AuthContext.builder().host("https://adb-1.7.azuredatabricks.net")
      .build();

  @Test
  void configure_bearerStrategies_describeClientOrCommand() {
    HeaderFactory m2m = OAuthM2mCredentials.builder().clientId("sp-1").clientSecret("m2m-secret").build()
        .configure(CONTEXT);
    HeaderFactory oidc = OidcCredentials.builder().idTokenSource(IdTokenSource.environmentVariable("ID_TOKEN",
        Map.of())).clientId("sp-2").build().configure(CONTEXT);
    HeaderFactory oidcWithoutClient = OidcCredentials.builder().idTokenSource(IdTokenSource.file(
        Path.of("/var/run/token"))).build().configure(CONTEXT);
    HeaderFactory databricks = DatabricksCliCredentials.builder().command("/opt/databricks").build()
        .configure(CONTEXT);

    assertThat(m2m).hasToString("OAuthM2mHeaderFactory{clientId=sp-1}");
    assertThat(oidc).hasToString("OidcHeaderFactory{env-oidc, clientId=sp-2}");
    assertThat(oidcWithoutClient).hasToString("OidcHeaderFactory{file-oidc}");
    assertThat(databricks).hasToString("DatabricksCliHeaderFactory{/opt/databricks}");
  }

  @Test
  void configure_azureStrategies_describeClientPlatformOrCommand() {
    String resourceId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Databricks/workspaces/w";
    HeaderFactory entra = AzureServicePrincipalCredentials.builder().tenantId("t").clientId("sp-3")
        .clientSecret("entra-secret").workspaceResourceId(resourceId).build().configure(CONTEXT);
    HeaderFactory appService = AzureManagedIdentityCredentials.builder()
        .appServiceIdentity("http://127.0.0.1:1/msi/token", "identity-header-secret").build().configure(CONTEXT);
    HeaderFactory aks = AzureManagedIdentityCredentials.builder().clientId("mi-1")
        .workloadIdentity(Path.of("/var/run/token"), "t").workspaceResourceId(resourceId).build().configure(CONTEXT);
    HeaderFactory az = AzureCliCredentials.builder().command("/usr/bin/az").build().configure(CONTEXT);

    assertThat(entra).hasToString("AzureServicePrincipalHeaderFactory{clientId=sp-3}");
    assertThat(appService).hasToString("AzureManagedIdentityHeaderFactory{App Service identity endpoint}");
    assertThat(aks).hasToString("AzureManagedIdentityHeaderFactory{AKS workload identity}");
    assertThat(az).hasToString("AzureCliHeaderFactory{/usr/bin/az}");
  }
}
