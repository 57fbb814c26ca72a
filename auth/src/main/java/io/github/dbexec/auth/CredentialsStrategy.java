package io.github.dbexec.auth;

/**
 * A way to authenticate to a Databricks workspace: a personal access token, OAuth machine-to-machine,
 * an Azure service principal, and so on.
 *
 * <p>Strategies are immutable, thread-safe configuration values; their {@code toString()} redacts every
 * secret. An executor calls {@link #configure(AuthContext)} once, when it is built, and then asks the
 * returned {@link HeaderFactory} for headers before each request. Built-in strategies:
 *
 * <ul>
 *   <li>{@link TokenCredentials} ({@code pat}): a personal access token;
 *   <li>{@link BasicCredentials} ({@code basic}): user name and password (retired by Databricks);
 *   <li>{@link OAuthM2mCredentials} ({@code oauth-m2m}): a service principal's OAuth client credentials;
 *   <li>{@link AzureServicePrincipalCredentials} ({@code azure-client-secret}): a Microsoft Entra ID
 *       service principal;
 *   <li>{@link OidcCredentials} ({@code env-oidc}, {@code file-oidc}, {@code github-oidc},
 *       {@code azure-devops-oidc}): workload identity federation, an ID token exchanged for a Databricks token;
 *   <li>{@link AzureManagedIdentityCredentials} ({@code azure-msi}): an Azure managed identity (VM, App
 *       Service, AKS workload identity);
 *   <li>{@link AzureCliCredentials} ({@code azure-cli}): the Azure CLI's login;
 *   <li>{@link DatabricksCliCredentials} ({@code databricks-cli}): the Databricks CLI's login (OAuth U2M);
 *   <li>{@link BearerTokenSupplierCredentials} ({@code external}): tokens the application obtains itself.
 * </ul>
 *
 * <p>{@link WorkspaceConfig} picks one from environment variables and {@code ~/.databrickscfg}.
 */
public interface CredentialsStrategy {

  /**
   * The name of this way to authenticate, as Databricks clients spell it in {@code auth_type} /
   * {@code DATABRICKS_AUTH_TYPE}: {@code "pat"}, {@code "basic"}, {@code "oauth-m2m"}, {@code "databricks-cli"},
   * {@code "github-oidc"}, {@code "azure-devops-oidc"}, {@code "env-oidc"}, {@code "file-oidc"},
   * {@code "azure-msi"}, {@code "azure-client-secret"}, {@code "azure-cli"}, or {@code "external"} for a token
   * supplier.
   *
   * @return the {@code auth_type} name, never blank
   */
  String authType();

  /**
   * Prepares the header factory one executor uses for all its requests.
   *
   * <p>Called once per executor. Implementations start nothing eagerly: token endpoints are first called
   * by {@link HeaderFactory#headers()}. Token requests use {@link AuthContext#httpClient()}, so they go
   * through the same proxy and TLS settings as the Jobs API calls.
   *
   * @param context the workspace host, the HTTP client for token endpoints, and the clock
   * @return a thread-safe header factory, never null
   */
  HeaderFactory configure(AuthContext context);
}
