package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every strategy's misconfiguration messages: the setting's name, what is wrong, the value unless secret. */
class CredentialsValidationTest {

  private static final Duration NEGATIVE = Duration.ofSeconds(-1);

  static Stream<Arguments> misconfigurations() {
    return Stream.of(
        arguments("m2m clientId", (ThrowingSupplier<?>) () -> m2m().clientId(" ").build(),
            "clientId must not be blank"),
        arguments("m2m clientSecret", (ThrowingSupplier<?>) () -> m2m().clientSecret(" \t").build(),
            "clientSecret must not be blank"),
        arguments("m2m scope", (ThrowingSupplier<?>) () -> m2m().scope(" ").build(), "scope must not be blank"),
        arguments("m2m refreshAhead", (ThrowingSupplier<?>) () -> m2m().refreshAhead(NEGATIVE).build(),
            "refreshAhead must not be negative, was PT-1S"),
        arguments("m2m retryBackoff", (ThrowingSupplier<?>) () -> m2m().retryBackoff(NEGATIVE).build(),
            "retryBackoff must not be negative, was PT-1S"),
        arguments("m2m maxAttempts", (ThrowingSupplier<?>) () -> m2m().maxAttempts(0).build(),
            "maxAttempts must be at least 1, was 0"),
        arguments("oidc clientId", (ThrowingSupplier<?>) () -> oidc().clientId(" ").build(),
            "clientId must not be blank (leave it unset instead)"),
        arguments("oidc accountId", (ThrowingSupplier<?>) () -> oidc().accountId("").build(),
            "accountId must not be blank (leave it unset instead)"),
        arguments("oidc audience", (ThrowingSupplier<?>) () -> oidc().audience(" ").build(),
            "audience must not be blank (leave it unset instead)"),
        arguments("oidc scope", (ThrowingSupplier<?>) () -> oidc().scope("").build(), "scope must not be blank"),
        arguments("oidc refreshAhead", (ThrowingSupplier<?>) () -> oidc().refreshAhead(NEGATIVE).build(),
            "refreshAhead must not be negative, was PT-1S"),
        arguments("oidc maxAttempts", (ThrowingSupplier<?>) () -> oidc().maxAttempts(-2).build(),
            "maxAttempts must be at least 1, was -2"),
        arguments("entra tenantId", (ThrowingSupplier<?>) () -> entra().tenantId(" ").build(),
            "tenantId must not be blank"),
        arguments("entra clientId", (ThrowingSupplier<?>) () -> entra().clientId(" ").build(),
            "clientId must not be blank"),
        arguments("entra clientSecret", (ThrowingSupplier<?>) () -> entra().clientSecret(" ").build(),
            "clientSecret must not be blank"),
        arguments("entra managementResource", (ThrowingSupplier<?>) () -> entra().managementResource(" ").build(),
            "managementResource must not be blank"),
        arguments("entra retryBackoff", (ThrowingSupplier<?>) () -> entra().retryBackoff(NEGATIVE).build(),
            "retryBackoff must not be negative, was PT-1S"),
        arguments("msi clientId", (ThrowingSupplier<?>) () -> AzureManagedIdentityCredentials.builder().clientId(" ")
            .build(), "clientId must not be blank (leave it unset instead)"),
        arguments("msi tenantId", (ThrowingSupplier<?>) () -> AzureManagedIdentityCredentials.builder().clientId("c")
            .workloadIdentity(Path.of("/var/run/token"), " ").build(),
            "tenantId must not be blank (leave it unset instead)"),
        arguments("msi identityHeader", (ThrowingSupplier<?>) () -> AzureManagedIdentityCredentials.builder()
            .appServiceIdentity("http://127.0.0.1:1/msi/token", " ").build(), "identityHeader must not be blank"),
        arguments("msi managementResource", (ThrowingSupplier<?>) () -> AzureManagedIdentityCredentials.builder()
            .managementResource("").build(), "managementResource must not be blank"),
        arguments("msi maxAttempts", (ThrowingSupplier<?>) () -> AzureManagedIdentityCredentials.builder()
            .maxAttempts(0).build(), "maxAttempts must be at least 1, was 0"),
        arguments("az command", (ThrowingSupplier<?>) () -> AzureCliCredentials.builder().command(" ").build(),
            "command must not be blank"),
        arguments("az tenantId", (ThrowingSupplier<?>) () -> AzureCliCredentials.builder().tenantId(" ").build(),
            "tenantId must not be blank (leave it unset instead)"),
        arguments("az managementResource", (ThrowingSupplier<?>) () -> AzureCliCredentials.builder()
            .managementResource(" ").build(), "managementResource must not be blank"),
        arguments("az refreshAhead", (ThrowingSupplier<?>) () -> AzureCliCredentials.builder().refreshAhead(NEGATIVE)
            .build(), "refreshAhead must not be negative, was PT-1S"),
        arguments("databricks command", (ThrowingSupplier<?>) () -> DatabricksCliCredentials.builder().command("")
            .build(), "command must not be blank"),
        arguments("databricks accountId", (ThrowingSupplier<?>) () -> DatabricksCliCredentials.builder()
            .accountId(" ").build(), "accountId must not be blank (leave it unset instead)"),
        arguments("databricks refreshAhead", (ThrowingSupplier<?>) () -> DatabricksCliCredentials.builder()
            .refreshAhead(NEGATIVE).build(), "refreshAhead must not be negative, was PT-1S"),
        arguments("pat token", (ThrowingSupplier<?>) () -> TokenCredentials.of(" \n"), "token must not be blank"),
        arguments("basic username", (ThrowingSupplier<?>) () -> new BasicCredentials(" ", "pw"),
            "username must not be blank"),
        arguments("env-oidc variable", (ThrowingSupplier<?>) () -> IdTokenSource.environmentVariable(" ", Map.of()),
            "variable must not be blank"),
        arguments("github-oidc requestToken", (ThrowingSupplier<?>) () -> IdTokenSource.githubActions(
            "http://127.0.0.1:1/token", " "), "requestToken must not be blank"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misconfigurations")
  void build_badSetting_failsWithMessageNamingIt(String name, ThrowingSupplier<?> build, String message) {
    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void build_optionalValuesWithWhitespace_keepsThemStripped() {
    OidcCredentials oidc = oidc().clientId(" sp-1 ").accountId("\tacc ").audience(" aud").build();
    AzureCliCredentials az = AzureCliCredentials.builder().tenantId(" tenant-1 ").build();
    DatabricksCliCredentials databricks = DatabricksCliCredentials.builder().accountId(" acc-2\n").build();
    AzureManagedIdentityCredentials msi = AzureManagedIdentityCredentials.builder().clientId(" mi ").build();

    assertThat(oidc.clientId()).isEqualTo("sp-1");
    assertThat(oidc.accountId()).isEqualTo("acc");
    assertThat(oidc.audience()).isEqualTo("aud");
    assertThat(az.tenantId()).isEqualTo("tenant-1");
    assertThat(databricks.accountId()).isEqualTo("acc-2");
    assertThat(msi.clientId()).isEqualTo("mi");
  }

  private static OAuthM2mCredentials.Builder m2m() {
    return OAuthM2mCredentials.builder().clientId("client").clientSecret("secret");
  }

  private static OidcCredentials.Builder oidc() {
    return OidcCredentials.builder().idTokenSource(IdTokenSource.environmentVariable("ID_TOKEN", Map.of()));
  }

  private static AzureServicePrincipalCredentials.Builder entra() {
    return AzureServicePrincipalCredentials.builder().tenantId("tenant").clientId("client").clientSecret("secret");
  }
}
