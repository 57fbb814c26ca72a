/**
 * dbexec's authentication to a Databricks workspace: credentials, where they come from, and the HTTP settings
 * (proxy, TLS) the token endpoints share with the Jobs API calls.
 *
 * <ul>
 *   <li>Credentials: {@link io.github.dbexec.auth.CredentialsStrategy} and its built-in strategies, one per
 *       Databricks {@code auth_type}: {@link io.github.dbexec.auth.TokenCredentials} (personal access token),
 *       {@link io.github.dbexec.auth.OAuthM2mCredentials} (OAuth client credentials of a service principal),
 *       {@link io.github.dbexec.auth.OidcCredentials} (workload identity federation),
 *       {@link io.github.dbexec.auth.AzureServicePrincipalCredentials},
 *       {@link io.github.dbexec.auth.AzureManagedIdentityCredentials},
 *       {@link io.github.dbexec.auth.AzureCliCredentials}, {@link io.github.dbexec.auth.DatabricksCliCredentials},
 *       {@link io.github.dbexec.auth.BasicCredentials} and
 *       {@link io.github.dbexec.auth.BearerTokenSupplierCredentials} (tokens the application obtains itself).
 *       Every strategy is an immutable value whose {@code toString()} redacts its secrets.
 *   <li>Resolution: {@link io.github.dbexec.auth.WorkspaceConfig} reads the host and credentials from
 *       environment variables ({@code DATABRICKS_HOST}, {@code DATABRICKS_TOKEN}, ...) and a
 *       {@code ~/.databrickscfg} profile, the way the Databricks SDKs and CLI do.
 *   <li>On the wire: a strategy's {@link io.github.dbexec.auth.HeaderFactory} supplies the
 *       {@code Authorization} header (and, for Azure, the {@code X-Databricks-Azure-SP-Management-Token} and
 *       {@code X-Databricks-Azure-Workspace-Resource-Id} headers); {@link io.github.dbexec.auth.CredentialsInterceptor}
 *       adds them to each OkHttp request. OAuth tokens are cached and refreshed before they expire.
 *   <li>Network: {@link io.github.dbexec.auth.ProxyConfig} and {@link io.github.dbexec.auth.TlsConfig}
 *       configure an {@link okhttp3.OkHttpClient.Builder}.
 *   <li>Failures: {@link io.github.dbexec.auth.CredentialsException} (a token could not be obtained; an
 *       {@link java.io.IOException}, so OkHttp reports it as the call's failure) and
 *       {@link io.github.dbexec.auth.ConfigurationException} (the environment or profile is incomplete or
 *       contradictory).
 * </ul>
 *
 * <p>Everything in this package is non-null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.github.dbexec.auth;

import org.jspecify.annotations.NullMarked;
