package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceConfigTest {

  private static final AuthContext CONTEXT = AuthContext.builder().host("https://workspace.example.com").build();

  @TempDir
  Path home;

  private void writeConfig(String text) throws Exception {
    Files.writeString(home.resolve(".databrickscfg"), text);
  }

  @Test
  void resolve_hostAndTokenInEnvironment_patWithoutConfigFile() throws Exception {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "adb-1.7.azuredatabricks.net", "DATABRICKS_TOKEN", "dapi-env");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.host().toString()).isEqualTo("https://adb-1.7.azuredatabricks.net/");
    assertThat(config.authType()).isEqualTo("pat");
    assertThat(config.credentials()).isEqualTo(TokenCredentials.of("dapi-env"));
    assertThat(config.profile()).isNull();
    assertThat(config.describe()).contains("DATABRICKS_HOST").contains("token from DATABRICKS_TOKEN")
        .doesNotContain("dapi-env");
  }

  @Test
  void resolve_defaultProfileOnly_readsFile() throws Exception {
    writeConfig("; my workspaces\n[DEFAULT]\nhost = https://dbc-1.cloud.databricks.com\ntoken = dapi-file\n");

    WorkspaceConfig config = WorkspaceConfig.resolve(Map.of(), home);

    assertThat(config.host().host()).isEqualTo("dbc-1.cloud.databricks.com");
    assertThat(config.credentials().configure(CONTEXT).headers()).containsEntry("Authorization", "Bearer dapi-file");
    assertThat(config.profile()).isEqualTo("DEFAULT");
    assertThat(config.configFile()).isEqualTo(home.resolve(".databrickscfg"));
    assertThat(config.describe()).contains("'token' in profile [DEFAULT]").doesNotContain("dapi-file");
  }

  @Test
  void resolve_environmentAndProfile_environmentWinsPerAttribute() throws Exception {
    writeConfig("[DEFAULT]\nhost = https://from-file.example.com\ntoken = dapi-file\n");
    Map<String, String> env = Map.of("DATABRICKS_TOKEN", "dapi-env");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.host().host()).isEqualTo("from-file.example.com");
    assertThat(config.credentials()).isEqualTo(TokenCredentials.of("dapi-env"));
  }

  @Test
  void resolve_namedProfileAndConfigFileVariable_usesThatProfile() throws Exception {
    Path file = Files.writeString(home.resolve("custom.cfg"), "[DEFAULT]\nhost = https://default.example.com\n"
        + "token = dapi-default\n\n[prod]\nhost: https://prod.example.com\nclient_id = sp-prod\n"
        + "client_secret = sp-prod-secret\n");
    Map<String, String> env = Map.of("DATABRICKS_CONFIG_FILE", file.toString(), "DATABRICKS_CONFIG_PROFILE", "prod");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.host().host()).isEqualTo("prod.example.com");
    assertThat(config.authType()).isEqualTo("oauth-m2m");
    assertThat(config.credentials()).isEqualTo(OAuthM2mCredentials.builder().clientId("sp-prod")
        .clientSecret("sp-prod-secret").build());
    assertThat(config.profile()).isEqualTo("prod");
  }

  @Test
  void resolve_configFileWithTilde_expandsHome() throws Exception {
    Files.writeString(home.resolve("dbx.cfg"), "[DEFAULT]\nhost = h.example.com\ntoken = t\n");

    WorkspaceConfig config = WorkspaceConfig.resolve(Map.of("DATABRICKS_CONFIG_FILE", "~/dbx.cfg"), home);

    assertThat(config.configFile()).isEqualTo(home.resolve("dbx.cfg"));
  }

  @Test
  void resolve_tokenAndClientCredentials_defaultChainPrefersPat() throws Exception {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "h.example.com", "DATABRICKS_TOKEN", "t",
        "DATABRICKS_CLIENT_ID", "c", "DATABRICKS_CLIENT_SECRET", "s");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.authType()).isEqualTo("pat");
  }

  @Test
  void resolve_authTypeForced_usesThatType() throws Exception {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "h.example.com", "DATABRICKS_TOKEN", "t",
        "DATABRICKS_CLIENT_ID", "c", "DATABRICKS_CLIENT_SECRET", "s", "DATABRICKS_AUTH_TYPE", "oauth-m2m");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.authType()).isEqualTo("oauth-m2m");
  }

  @Test
  void resolve_usernameAndPassword_basic() throws Exception {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "h.example.com", "DATABRICKS_USERNAME", "ana",
        "DATABRICKS_PASSWORD", "pw-secret");

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.credentials()).isEqualTo(BasicCredentials.of("ana", "pw-secret"));
  }

  @Test
  void resolve_armVariables_azureClientSecretWithResourceId() throws Exception {
    String resourceId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/ws";
    Map<String, String> env = Map.of("DATABRICKS_HOST", "adb-1.7.azuredatabricks.net", "ARM_TENANT_ID", "t1",
        "ARM_CLIENT_ID", "c1", "ARM_CLIENT_SECRET", "arm-secret", "DATABRICKS_AZURE_RESOURCE_ID", resourceId);

    WorkspaceConfig config = WorkspaceConfig.resolve(env, home);

    assertThat(config.authType()).isEqualTo("azure-client-secret");
    AzureServicePrincipalCredentials azure = (AzureServicePrincipalCredentials) config.credentials();
    assertThat(azure.tenantId()).isEqualTo("t1");
    assertThat(azure.clientId()).isEqualTo("c1");
    assertThat(azure.workspaceResourceId()).isEqualTo(resourceId);
    assertThat(config.describe()).doesNotContain("arm-secret");
  }

  @Test
  void resolve_nothingUsable_failsListingWhatWasTriedWithoutSecrets() throws Exception {
    writeConfig("[DEFAULT]\nhost = https://h.example.com\nusername = ana\n");
    Map<String, String> env = new HashMap<>();
    env.put("DATABRICKS_CLIENT_SECRET", "lonely-secret-1");
    env.put("ARM_CLIENT_SECRET", "lonely-secret-2");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("No Databricks credentials found for https://h.example.com/")
        .hasMessageContaining("pat: needs DATABRICKS_TOKEN / token")
        .hasMessageContaining("basic: needs DATABRICKS_PASSWORD / password (username set by 'username' in profile")
        .hasMessageContaining("oauth-m2m: needs DATABRICKS_CLIENT_ID / client_id (client_secret set by"
            + " DATABRICKS_CLIENT_SECRET)")
        .hasMessageContaining("azure-client-secret: needs")
        .hasMessageContaining(home.resolve(".databrickscfg").toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("lonely-secret"))
        .satisfies(e -> assertThat(((ConfigurationException) e).attempts()).hasSizeGreaterThanOrEqualTo(5));
  }

  @Test
  void resolve_noHost_failsNamingDatabricksHost() {
    assertThatThrownBy(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_TOKEN", "t"), home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DATABRICKS_HOST")
        .hasMessageContaining("config file")
        .hasMessageContaining("not found");
  }

  @Test
  void resolve_namedProfileMissing_failsListingProfiles() throws Exception {
    writeConfig("[DEFAULT]\nhost = h\ntoken = t\n[dev]\nhost = d\ntoken = t\n");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_CONFIG_PROFILE", "prod"), home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("[prod]")
        .hasMessageContaining("[DEFAULT, dev]");
  }

  @Test
  void resolve_namedConfigFileMissing_fails() {
    Map<String, String> env = Map.of("DATABRICKS_CONFIG_FILE", home.resolve("nope.cfg").toString(),
        "DATABRICKS_HOST", "h", "DATABRICKS_TOKEN", "t");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("nope.cfg")
        .hasMessageContaining("DATABRICKS_CONFIG_FILE");
  }

  @Test
  void resolve_unknownAuthType_failsListingSupported() {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "h", "DATABRICKS_TOKEN", "t",
        "DATABRICKS_AUTH_TYPE", "google-id");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("google-id")
        .hasMessageContaining("oauth-m2m");
  }

  @Test
  void resolve_forcedAuthTypeIncomplete_failsNamingMissingAttribute() {
    Map<String, String> env = Map.of("DATABRICKS_HOST", "h", "DATABRICKS_TOKEN", "tok-secret-9",
        "DATABRICKS_AUTH_TYPE", "oauth-m2m", "DATABRICKS_CLIENT_ID", "c");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(env, home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("oauth-m2m")
        .hasMessageContaining("DATABRICKS_CLIENT_SECRET")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-secret-9"));
  }

  @Test
  void resolve_blankEnvironmentValue_fallsBackToProfile() throws Exception {
    writeConfig("[DEFAULT]\nhost = https://h.example.com\ntoken = dapi-file\n");

    WorkspaceConfig config = WorkspaceConfig.resolve(Map.of("DATABRICKS_TOKEN", "  "), home);

    assertThat(config.credentials()).isEqualTo(TokenCredentials.of("dapi-file"));
  }

  @Test
  void resolve_profileDoesNotInheritDefault_failsForIncompleteProfile() throws Exception {
    writeConfig("[DEFAULT]\ntoken = dapi-default\n[prod]\nhost = https://prod.example.com\n");

    assertThatThrownBy(() -> WorkspaceConfig.resolve(Map.of("DATABRICKS_CONFIG_PROFILE", "prod"), home))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pat: needs DATABRICKS_TOKEN");
  }
}
