package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.IdTokenSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link OidcCredentials} get the ID token (a JWT issued by the platform the application runs on) that
 * they exchange for a Databricks token: an environment variable, a file, GitHub Actions or Azure DevOps
 * Pipelines, or an implementation of your own.
 *
 * <p>Implementations are immutable and thread-safe, and their {@code toString()} shows no token. An
 * implementation of your own may call any identity provider; it should throw {@link CredentialsException} with a
 * message that says what to fix.
 */
public interface IdTokenSource {

  /**
   * The auth type of {@link OidcCredentials} using this source, as the Databricks CLI and SDKs name it in
   * {@code DATABRICKS_AUTH_TYPE}: {@code env-oidc}, {@code file-oidc}, {@code github-oidc},
   * {@code azure-devops-oidc}; your own sources may return any name.
   *
   * @return the auth type, such as {@code github-oidc}
   */
  String authType();

  /**
   * Returns a fresh ID token for {@code audience}. Called each time a Databricks token is needed (about once an
   * hour), under a lock, so at most one call at a time per executor.
   *
   * @param audience the audience the token exchange expects (see {@link OidcCredentials}); sources whose
   *     tokens have a fixed audience ignore it
   * @param context the HTTP client (with the proxy and TLS settings), the clock and the sleeper
   * @return the ID token, never blank; a secret
   * @throws CredentialsException when no token can be obtained; the message names the source and what to fix
   * @throws IOException when an identity provider cannot be reached
   */
  String idToken(String audience, AuthContext context) throws IOException;

  /**
   * An ID token held in an environment variable (auth type {@code env-oidc}); read each time a token is needed.
   *
   * @param variable the variable's name, {@code DATABRICKS_OIDC_TOKEN} by default in {@link WorkspaceConfig}
   * @param environment the environment, usually {@code System.getenv()}
   * @return a source reading the variable
   */
  static IdTokenSource environmentVariable(String variable, Map<String, String> environment) {
    return new IdTokenSources.Environment(variable, Map.copyOf(Objects.requireNonNull(environment,
        "environment")));
  }

  /**
   * An ID token held in a file (auth type {@code file-oidc}), such as a Kubernetes projected service-account
   * token; read each time a token is needed, so a platform that rotates the file is followed.
   *
   * @param path the file holding the token, not null
   * @return a source reading the file
   */
  static IdTokenSource file(Path path) {
    return new IdTokenSources.File(path);
  }

  /**
   * An ID token from GitHub Actions (auth type {@code github-oidc}): a GET of the job's request URL with
   * {@code &audience=<audience>} and the request token as a bearer token. The workflow needs
   * {@code permissions: id-token: write}.
   *
   * @param requestUrl the value of {@code ACTIONS_ID_TOKEN_REQUEST_URL}
   * @param requestToken the value of {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}; a secret
   * @return a source calling GitHub's token service
   * @throws IllegalArgumentException if {@code requestUrl} is not an http(s) URL (the value is shown) or
   *     {@code requestToken} is blank
   */
  static IdTokenSource githubActions(String requestUrl, String requestToken) {
    return new IdTokenSources.GitHubActions(HostUrls.parse(Objects.requireNonNull(requestUrl, "requestUrl"),
        "requestUrl"), requestToken);
  }

  /**
   * An ID token from an Azure DevOps pipeline (auth type {@code azure-devops-oidc}): a POST to
   * {@code {collectionUri}/{projectId}/_apis/distributedtask/hubs/{hostType}/plans/{planId}/jobs/{jobId}/oidctoken}
   * with the pipeline's access token, as the Databricks SDKs do. The pipeline must expose
   * {@code SYSTEM_ACCESSTOKEN} to the step.
   *
   * @param environment the pipeline's environment, holding {@code SYSTEM_ACCESSTOKEN},
   *     {@code SYSTEM_TEAMFOUNDATIONCOLLECTIONURI}, {@code SYSTEM_TEAMPROJECTID}, {@code SYSTEM_HOSTTYPE},
   *     {@code SYSTEM_PLANID} and {@code SYSTEM_JOBID}
   * @return a source calling Azure DevOps' token service
   * @throws IllegalArgumentException naming every missing variable
   */
  static IdTokenSource azureDevOps(Map<String, String> environment) {
    return IdTokenSources.AzureDevOps.fromEnvironment(Objects.requireNonNull(environment, "environment"));
  }
}
