package io.github.dbexec.springboot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.springboot.DbexecProperties;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** How properties and the environment become a workspace, without a Spring context. */
class ExecutorSettingsTest {
  @TempDir Path home;

  @Test
  void resolve_noCredentialProperties_takesTheDatabricksEnvironment() {
    DbexecProperties properties = new DbexecProperties();

    ResolvedWorkspace workspace = ExecutorSettings.resolve(properties,
        Map.of("DATABRICKS_HOST", "https://adb-1.2.azuredatabricks.net", "DATABRICKS_TOKEN", "dapi-env-secret"), home);

    assertThat(workspace.host().toString()).isEqualTo("https://adb-1.2.azuredatabricks.net/");
    assertThat(workspace.authType()).isEqualTo("pat");
    assertThat(workspace.toString()).doesNotContain("dapi-env-secret");
  }

  @Test
  void resolve_hostPropertyAndEnvironmentCredentials_hostPropertyWins() {
    DbexecProperties properties = new DbexecProperties();
    properties.setHost("https://adb-9.9.azuredatabricks.net");

    ResolvedWorkspace workspace = ExecutorSettings.resolve(properties,
        Map.of("DATABRICKS_HOST", "https://adb-1.2.azuredatabricks.net", "DATABRICKS_TOKEN", "dapi-env"), home);

    assertThat(workspace.host().host()).isEqualTo("adb-9.9.azuredatabricks.net");
  }

  @Test
  void resolve_oauthProperties_oauthM2m() {
    DbexecProperties properties = new DbexecProperties();
    properties.setHost("adb-1.2.azuredatabricks.net");
    properties.getOauth().setClientId("sp-1");
    properties.getOauth().setClientSecret("oauth-secret");

    ResolvedWorkspace workspace = ExecutorSettings.resolve(properties, Map.of(), home);

    assertThat(workspace.authType()).isEqualTo("oauth-m2m");
    assertThat(workspace.host().scheme()).isEqualTo("https");
  }

  @Test
  void resolve_nothingAnywhere_failsNamingTheTokenPropertyAndWhatWasTried() {
    assertThatThrownBy(() -> ExecutorSettings.resolve(new DbexecProperties(), Map.of(), home))
        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
        .satisfies(e -> assertThat(((InvalidConfigurationPropertyValueException) e).getName()).isEqualTo("dbexec.token"))
        .hasMessageContaining("DATABRICKS_HOST");
  }

  @Test
  void resolve_tokenWithoutHost_failsNamingTheHostProperty() {
    DbexecProperties properties = new DbexecProperties();
    properties.setToken("dapi-x");

    assertThatThrownBy(() -> ExecutorSettings.resolve(properties, Map.of(), home))
        .isInstanceOf(InvalidConfigurationPropertyValueException.class).hasMessageContaining("dbexec.host")
        .hasMessageNotContaining("dapi-x");
  }

  @Test
  void kebab_builderSettingNames_becomePropertyNames() {
    assertThat(ExecutorSettings.kebab("readTimeout")).isEqualTo("read-timeout");
    assertThat(ExecutorSettings.kebab("maxSubmissionsInFlight")).isEqualTo("max-submissions-in-flight");
    assertThat(ExecutorSettings.kebab("host")).isEqualTo("host");
  }
}
