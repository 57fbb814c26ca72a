package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.AccessToken;
import io.github.dbexec.auth.internal.CachedTokenSource;
import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.TokenEndpoint;
import io.github.dbexec.auth.internal.TokenHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates as a Microsoft Entra ID (Azure AD) service principal with a client secret (auth type
 * {@code azure-client-secret}), for Azure Databricks workspaces.
 *
 * <p>Tokens come from the client-credentials grant at {@code {authority}/{tenantId}/oauth2/token}: one for
 * the Azure Databricks resource ({@code 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d}), sent as
 * {@code Authorization: Bearer <token>}. When {@link Builder#workspaceResourceId(String)} is set, a second
 * token for the Azure management endpoint is sent as {@code X-Databricks-Azure-SP-Management-Token} together
 * with {@code X-Databricks-Azure-Workspace-Resource-Id}, which lets a service principal that is a
 * contributor on the workspace resource, but not yet a workspace user, sign in. Both tokens are cached and
 * refreshed {@link Builder#refreshAhead refreshAhead} (default 40 s) before they expire, one refresh at a
 * time; transient failures are retried. Token requests use {@link AuthContext#httpClient()}, so the proxy and
 * TLS settings apply to Entra ID too.
 *
 * <p>Environment variables: {@code ARM_TENANT_ID}, {@code ARM_CLIENT_ID}, {@code ARM_CLIENT_SECRET},
 * {@code DATABRICKS_AZURE_RESOURCE_ID}; profile keys {@code azure_tenant_id}, {@code azure_client_id},
 * {@code azure_client_secret}, {@code azure_workspace_resource_id}. Immutable and thread-safe;
 * {@code toString()} redacts the secret.
 *
 * <pre>{@code
 * CredentialsStrategy credentials = AzureServicePrincipalCredentials.builder()
 *     .tenantId(System.getenv("ARM_TENANT_ID"))
 *     .clientId(System.getenv("ARM_CLIENT_ID"))
 *     .clientSecret(System.getenv("ARM_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 *
 * @param tenantId the Entra ID tenant (directory) id, a GUID or a domain such as {@code contoso.onmicrosoft.com}
 * @param clientId the service principal's application (client) id
 * @param clientSecret the service principal's client secret value (not its id); never shown
 * @param authority the Entra ID authority, {@value #DEFAULT_AUTHORITY} by default
 * @param workspaceResourceId the workspace's Azure resource id, or null to send no management token
 * @param managementResource the Azure management resource for the management token,
 *     {@value #DEFAULT_MANAGEMENT_RESOURCE} by default
 * @param refreshAhead how long before expiry tokens are refreshed (at most half their lifetime), 40 s by default
 * @param maxAttempts attempts per token request, including the first, 3 by default
 * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
 */
public record AzureServicePrincipalCredentials(String tenantId, String clientId, String clientSecret,
    HttpUrl authority, @Nullable String workspaceResourceId, String managementResource, Duration refreshAhead,
    int maxAttempts, Duration retryBackoff) implements CredentialsStrategy {

  /** The application id of the Azure Databricks resource, the audience of workspace tokens. */
  public static final String AZURE_DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

  /** The default authority, Microsoft Entra ID in the Azure public cloud. */
  public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/";

  /** The default Azure management resource, for the management token. */
  public static final String DEFAULT_MANAGEMENT_RESOURCE = "https://management.core.windows.net/";

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9.\\-]{1,128}");
  private static final Pattern RESOURCE_ID = Pattern.compile(
      "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Databricks/workspaces/[^/]+",
      Pattern.CASE_INSENSITIVE);

  /**
   * Checks every setting; {@link #builder()} is the usual way to create credentials.
   *
   * @param tenantId the Entra ID tenant (directory) id, a GUID or a domain such as {@code contoso.onmicrosoft.com}
   * @param clientId the service principal's application (client) id
   * @param clientSecret the service principal's client secret value (not its id); never shown
   * @param authority the Entra ID authority, {@value #DEFAULT_AUTHORITY} by default
   * @param workspaceResourceId the workspace's Azure resource id, or null to send no management token
   * @param managementResource the Azure management resource for the management token,
   *     {@value #DEFAULT_MANAGEMENT_RESOURCE} by default
   * @param refreshAhead how long before expiry tokens are refreshed (at most half their lifetime), 40 s by default
   * @param maxAttempts attempts per token request, including the first, 3 by default
   * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
   * @throws NullPointerException naming the parameter if one other than {@code workspaceResourceId} is null
   * @throws IllegalArgumentException naming the setting: blank or malformed {@code tenantId}, blank
   *     {@code clientId} or {@code clientSecret}, a {@code workspaceResourceId} that is not a
   *     Microsoft.Databricks workspace resource id, negative durations, {@code maxAttempts} below 1
   */
  public AzureServicePrincipalCredentials {
    tenantId = Objects.requireNonNull(tenantId, "tenantId").strip();
    clientId = Objects.requireNonNull(clientId, "clientId").strip();
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(authority, "authority");
    workspaceResourceId = workspaceResourceId == null ? null : workspaceResourceId.strip();
    managementResource = Objects.requireNonNull(managementResource, "managementResource").strip();
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Checks.notBlank(tenantId, "tenantId");
    if (!TENANT.matcher(tenantId).matches()) {
      throw new IllegalArgumentException("tenantId must be a tenant GUID or domain, was '" + tenantId + "'");
    }
    Checks.notBlank(clientId, "clientId");
    Checks.notBlank(clientSecret, "clientSecret");
    if (workspaceResourceId != null) {
      checkResourceId(workspaceResourceId);
    }
    Checks.notBlank(managementResource, "managementResource");
    Checks.refreshAndRetries(refreshAhead, maxAttempts, retryBackoff);
  }

  /** Fails naming {@code workspaceResourceId} unless it is a Microsoft.Databricks workspace resource id. */
  static void checkResourceId(String workspaceResourceId) {
    if (!RESOURCE_ID.matcher(workspaceResourceId).matches()) {
      throw new IllegalArgumentException("workspaceResourceId must look like /subscriptions/<id>/resourceGroups/"
          + "<group>/providers/Microsoft.Databricks/workspaces/<name>, was '" + workspaceResourceId + "'");
    }
  }

  /**
   * Returns a new builder; {@code tenantId}, {@code clientId} and {@code clientSecret} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these settings.
   *
   * @return a new builder holding these values; changing it leaves this value unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder().tenantId(tenantId).clientId(clientId).clientSecret(clientSecret).authority(authority)
        .managementResource(managementResource).refreshAhead(refreshAhead).maxAttempts(maxAttempts)
        .retryBackoff(retryBackoff);
    if (workspaceResourceId != null) {
      b.workspaceResourceId(workspaceResourceId);
    }
    return b;
  }

  @Override
  public String authType() {
    return "azure-client-secret";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    TokenEndpoint endpoint = TokenEndpoint.of(context, maxAttempts, retryBackoff);
    HttpUrl tokenUrl = authority.newBuilder().addPathSegment(tenantId).addPathSegment("oauth2")
        .addPathSegment("token").build();
    return TokenHeaders.azure(workspaceResourceId, managementResource,
        (resource, label) -> tokens(endpoint, tokenUrl, resource, label, context),
        "AzureServicePrincipalHeaderFactory{clientId=" + clientId + "}");
  }

  private CachedTokenSource tokens(TokenEndpoint endpoint, HttpUrl tokenUrl, String resource, String label,
      AuthContext context) {
    String what = "Entra ID " + label + " token for client " + clientId;
    return new CachedTokenSource(what, () -> fetch(endpoint, tokenUrl, resource, what), context.clock());
  }

  private AccessToken fetch(TokenEndpoint endpoint, HttpUrl tokenUrl, String resource, String what)
      throws IOException {
    FormBody form = new FormBody.Builder()
        .add("grant_type", "client_credentials")
        .add("client_id", clientId)
        .add("client_secret", clientSecret)
        .add("resource", resource)
        .build();
    return endpoint.requestToken(what, tokenUrl, form, null, refreshAhead);
  }

  @Override
  public String toString() {
    return "AzureServicePrincipalCredentials{tenantId=" + tenantId + ", clientId=" + clientId
        + ", clientSecret=" + Secrets.REDACTED + ", authority=" + authority
        + (workspaceResourceId == null ? "" : ", workspaceResourceId=" + workspaceResourceId) + "}";
  }

  /** Mutable, not thread-safe builder of {@link AzureServicePrincipalCredentials}. */
  public static final class Builder {
    private String tenantId = "";
    private String clientId = "";
    private String clientSecret = "";
    private HttpUrl authority = Objects.requireNonNull(HttpUrl.parse(DEFAULT_AUTHORITY));
    private @Nullable String workspaceResourceId;
    private String managementResource = DEFAULT_MANAGEMENT_RESOURCE;
    private Duration refreshAhead = Duration.ofSeconds(40);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);

    private Builder() {}

    /**
     * The Entra ID tenant (directory) id, a GUID or a domain such as {@code contoso.onmicrosoft.com}. Required.
     *
     * @param tenantId the Entra ID tenant (directory) id, a GUID or a domain such as {@code contoso.onmicrosoft.com}
     * @return this builder
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
      return this;
    }

    /**
     * The service principal's application (client) id. Required.
     *
     * @param clientId the service principal's application (client) id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * The service principal's client secret value (not its id). Required; never shown.
     *
     * @param clientSecret the service principal's client secret value (not its id); never shown
     * @return this builder
     */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * The Entra ID authority: {@value #DEFAULT_AUTHORITY} by default; {@code https://login.microsoftonline.us/}
     * for Azure Government, {@code https://login.chinacloudapi.cn/} for Azure China, or a local server in
     * tests.
     *
     * @param authority the Entra ID authority, {@value #DEFAULT_AUTHORITY} by default
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder authority(String authority) {
      return authority(HostUrls.parse(Objects.requireNonNull(authority, "authority"), "authority"));
    }

    /**
     * The Entra ID authority as a URL. Default {@value #DEFAULT_AUTHORITY}.
     *
     * @param authority the Entra ID authority, {@value #DEFAULT_AUTHORITY} by default
     * @return this builder
     */
    public Builder authority(HttpUrl authority) {
      this.authority = Objects.requireNonNull(authority, "authority");
      return this;
    }

    /**
     * The workspace's Azure resource id,
     * {@code /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Databricks/workspaces/<name>}.
     * When set, requests also carry the management token and this id. Not set by default.
     *
     * @param workspaceResourceId the workspace's Azure resource id, not null; unset, no management token is sent
     * @return this builder
     */
    public Builder workspaceResourceId(String workspaceResourceId) {
      this.workspaceResourceId = Objects.requireNonNull(workspaceResourceId, "workspaceResourceId");
      return this;
    }

    /**
     * The Azure management resource for the management token: {@value #DEFAULT_MANAGEMENT_RESOURCE} by
     * default ({@code https://management.core.usgovcloudapi.net/} in Azure Government).
     *
     * @param managementResource the Azure management resource for the management token,
     *     {@value #DEFAULT_MANAGEMENT_RESOURCE} by default
     * @return this builder
     */
    public Builder managementResource(String managementResource) {
      this.managementResource = Objects.requireNonNull(managementResource, "managementResource");
      return this;
    }

    /**
     * How long before expiry tokens are refreshed (at most half their lifetime). Default 40 s.
     *
     * @param refreshAhead how long before expiry tokens are refreshed (at most half their lifetime), 40 s by default
     * @return this builder
     */
    public Builder refreshAhead(Duration refreshAhead) {
      this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
      return this;
    }

    /**
     * Attempts per token request, including the first, for transient failures. Default 3.
     *
     * @param maxAttempts attempts per token request, including the first, 3 by default
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The wait before the second attempt, doubled for each further one. Default 500 ms.
     *
     * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
     * @return this builder
     */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
      return this;
    }

    /**
     * Builds the credentials.
     *
     * @return the new {@link AzureServicePrincipalCredentials}
     * @throws IllegalArgumentException naming the field: blank or malformed {@code tenantId}, blank
     *     {@code clientId} or {@code clientSecret}, a {@code workspaceResourceId} that is not a
     *     Microsoft.Databricks workspace resource id, negative durations, {@code maxAttempts} below 1
     */
    public AzureServicePrincipalCredentials build() {
      return new AzureServicePrincipalCredentials(tenantId, clientId, clientSecret, authority, workspaceResourceId,
          managementResource, refreshAhead, maxAttempts, retryBackoff);
    }
  }
}
