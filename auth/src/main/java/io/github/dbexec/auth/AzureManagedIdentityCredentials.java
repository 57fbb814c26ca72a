package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.AccessToken;
import io.github.dbexec.auth.internal.CachedTokenSource;
import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.IdTokenSources;
import io.github.dbexec.auth.internal.TokenEndpoint;
import io.github.dbexec.auth.internal.TokenHeaders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates to Azure Databricks with an Azure managed identity (auth type {@code azure-msi}): no secret is
 * configured, the platform the application runs on vouches for it.
 *
 * <p>Three platforms, chosen by what is set:
 *
 * <ul>
 *   <li><b>AKS workload identity</b>, when {@link Builder#federatedTokenFile federatedTokenFile} is set (AKS
 *       sets {@code AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID} and
 *       {@code AZURE_AUTHORITY_HOST}): the Kubernetes service-account token in that file is sent as a client
 *       assertion to {@code {authority}/{tenantId}/oauth2/v2.0/token} for the scope
 *       {@code 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default}. The file is read for each token.
 *   <li><b>App Service and Functions</b>, when {@link Builder#identityEndpoint identityEndpoint} is set
 *       ({@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}): {@code GET {identityEndpoint}?resource=..
 *       &api-version=2019-08-01} with the {@code X-IDENTITY-HEADER} header.
 *   <li><b>Virtual machines, scale sets, Container Instances</b> otherwise: the instance metadata endpoint,
 *       {@code GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=..}
 *       with {@code Metadata: true}, as the Databricks SDKs call it.
 * </ul>
 *
 * <p>{@link Builder#clientId clientId} selects a user-assigned identity (default: the system-assigned one).
 * When {@link Builder#workspaceResourceId workspaceResourceId} is set, a second token for the Azure management
 * endpoint is sent as {@code X-Databricks-Azure-SP-Management-Token} with
 * {@code X-Databricks-Azure-Workspace-Resource-Id}, so an identity that is a contributor on the workspace can
 * sign in before it was added to it. Tokens are cached and refreshed {@link Builder#refreshAhead refreshAhead}
 * before expiry; transient failures are retried, honouring {@code Retry-After}. Requests use
 * {@link AuthContext#httpClient()}, with its proxy: list {@code 169.254.169.254} in the proxy's non-proxy hosts,
 * since the metadata endpoint cannot be reached through a proxy.
 *
 * <p>Environment variables (see {@link WorkspaceConfig}): {@code ARM_USE_MSI=true}, {@code ARM_CLIENT_ID},
 * {@code DATABRICKS_AZURE_RESOURCE_ID}, and the platform's own listed above. Immutable and thread-safe;
 * {@code toString()} shows no secret.
 *
 * @param clientId the client id of a user-assigned identity, or null for the system-assigned identity
 * @param workspaceResourceId the workspace's Azure resource id, or null to send no management token
 * @param instanceMetadataEndpoint the instance metadata token endpoint, {@value #INSTANCE_METADATA_ENDPOINT} by
 *     default
 * @param identityEndpoint App Service's identity endpoint ({@code IDENTITY_ENDPOINT}), or null
 * @param identityHeader App Service's identity header value ({@code IDENTITY_HEADER}), set exactly when
 *     {@code identityEndpoint} is; a secret
 * @param federatedTokenFile AKS workload identity's token file ({@code AZURE_FEDERATED_TOKEN_FILE}), or null
 * @param tenantId the Entra ID tenant, required with {@code federatedTokenFile}, else null
 * @param authority the Entra ID authority for workload identity, {@value
 *     AzureServicePrincipalCredentials#DEFAULT_AUTHORITY} by default
 * @param managementResource the Azure management resource, {@value
 *     AzureServicePrincipalCredentials#DEFAULT_MANAGEMENT_RESOURCE} by default
 * @param refreshAhead how long before expiry tokens are refreshed (at most half their lifetime), 40 s by default
 * @param maxAttempts attempts per token request, including the first, 3 by default
 * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
 */
public record AzureManagedIdentityCredentials(@Nullable String clientId, @Nullable String workspaceResourceId,
    HttpUrl instanceMetadataEndpoint, @Nullable HttpUrl identityEndpoint, @Nullable String identityHeader,
    @Nullable Path federatedTokenFile, @Nullable String tenantId, HttpUrl authority, String managementResource,
    Duration refreshAhead, int maxAttempts, Duration retryBackoff) implements CredentialsStrategy {

  /** Azure's instance metadata service token endpoint. */
  public static final String INSTANCE_METADATA_ENDPOINT = "http://169.254.169.254/metadata/identity/oauth2/token";

  /**
   * Checks every setting; {@link #builder()} is the usual way to create credentials.
   *
   * @param clientId the client id of a user-assigned identity, or null for the system-assigned identity
   * @param workspaceResourceId the workspace's Azure resource id, or null to send no management token
   * @param instanceMetadataEndpoint the instance metadata token endpoint, {@value #INSTANCE_METADATA_ENDPOINT} by
   *     default
   * @param identityEndpoint App Service's identity endpoint ({@code IDENTITY_ENDPOINT}), or null
   * @param identityHeader App Service's identity header value ({@code IDENTITY_HEADER}), set exactly when
   *     {@code identityEndpoint} is; a secret
   * @param federatedTokenFile AKS workload identity's token file ({@code AZURE_FEDERATED_TOKEN_FILE}), or null
   * @param tenantId the Entra ID tenant, required with {@code federatedTokenFile}, else null
   * @param authority the Entra ID authority for workload identity, {@value
   *     AzureServicePrincipalCredentials#DEFAULT_AUTHORITY} by default
   * @param managementResource the Azure management resource, {@value
   *     AzureServicePrincipalCredentials#DEFAULT_MANAGEMENT_RESOURCE} by default
   * @param refreshAhead how long before expiry tokens are refreshed (at most half their lifetime), 40 s by default
   * @param maxAttempts attempts per token request, including the first, 3 by default
   * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
   * @throws NullPointerException naming the parameter if a non-nullable one is null
   * @throws IllegalArgumentException naming the setting: blank values, {@code identityEndpoint} without
   *     {@code identityHeader} (or the reverse), {@code federatedTokenFile} without {@code clientId} or
   *     {@code tenantId}, a malformed {@code workspaceResourceId}, negative durations, {@code maxAttempts} below 1
   */
  public AzureManagedIdentityCredentials {
    Objects.requireNonNull(instanceMetadataEndpoint, "instanceMetadataEndpoint");
    Objects.requireNonNull(authority, "authority");
    managementResource = Objects.requireNonNull(managementResource, "managementResource").strip();
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    clientId = Checks.optional(clientId, "clientId");
    workspaceResourceId = Checks.optional(workspaceResourceId, "workspaceResourceId");
    tenantId = Checks.optional(tenantId, "tenantId");
    if (identityHeader != null) {
      Checks.notBlank(identityHeader, "identityHeader");
    }
    if ((identityEndpoint == null) != (identityHeader == null)) {
      throw new IllegalArgumentException("identityEndpoint and identityHeader must be set together (App Service"
          + " sets IDENTITY_ENDPOINT and IDENTITY_HEADER)");
    }
    if (federatedTokenFile != null && (clientId == null || tenantId == null)) {
      throw new IllegalArgumentException("federatedTokenFile requires clientId and tenantId (AKS sets"
          + " AZURE_CLIENT_ID and AZURE_TENANT_ID)");
    }
    if (workspaceResourceId != null) {
      AzureServicePrincipalCredentials.checkResourceId(workspaceResourceId);
    }
    Checks.notBlank(managementResource, "managementResource");
    Checks.refreshAndRetries(refreshAhead, maxAttempts, retryBackoff);
  }

  /**
   * Returns a new builder; every setting has a default (the system-assigned identity via the metadata endpoint).
   *
   * @return a builder holding every default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these settings.
   *
   * @return a new builder; changing it leaves these credentials unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.clientId = clientId;
    b.workspaceResourceId = workspaceResourceId;
    b.instanceMetadataEndpoint = instanceMetadataEndpoint;
    b.identityEndpoint = identityEndpoint;
    b.identityHeader = identityHeader;
    b.federatedTokenFile = federatedTokenFile;
    b.tenantId = tenantId;
    b.authority = authority;
    b.managementResource = managementResource;
    b.refreshAhead = refreshAhead;
    b.maxAttempts = maxAttempts;
    b.retryBackoff = retryBackoff;
    return b;
  }

  /** Returns {@code "azure-msi"}. */
  @Override
  public String authType() {
    return "azure-msi";
  }

  /** Which platform's endpoint is used, for messages. */
  private String platform() {
    if (federatedTokenFile != null) {
      return "AKS workload identity";
    }
    return identityEndpoint != null ? "App Service identity endpoint" : "instance metadata endpoint";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    TokenEndpoint endpoint = TokenEndpoint.of(context, maxAttempts, retryBackoff);
    return TokenHeaders.azure(workspaceResourceId, managementResource,
        (resource, label) -> tokens(endpoint, resource, label, context),
        "AzureManagedIdentityHeaderFactory{" + platform() + "}");
  }

  private CachedTokenSource tokens(TokenEndpoint endpoint, String resource, String label, AuthContext context) {
    String what = "azure-msi: " + label + " token from the " + platform()
        + (clientId == null ? "" : " for client " + clientId);
    return new CachedTokenSource(what, () -> fetch(endpoint, resource, what), context.clock());
  }

  private AccessToken fetch(TokenEndpoint endpoint, String resource, String what) throws IOException {
    Path file = federatedTokenFile;
    if (file != null) {
      String assertion = IdTokenSources.readTokenFile(file, "azure-msi: the federated token file",
          "check AZURE_FEDERATED_TOKEN_FILE and the pod's azure.workload.identity/use label", "");
      HttpUrl url = authority.newBuilder().addPathSegment(Objects.requireNonNull(tenantId))
          .addPathSegments("oauth2/v2.0/token").build();
      FormBody form = new FormBody.Builder()
          .add("grant_type", "client_credentials")
          .add("client_id", Objects.requireNonNull(clientId))
          .add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
          .add("client_assertion", assertion)
          .add("scope", resource + "/.default") // a v1 resource ending in / keeps it: ...windows.net//.default
          .build();
      return endpoint.requestToken(what, new Request.Builder().url(url).post(form).build(),
          "; check that application " + clientId + " has a federated credential trusting this Kubernetes service"
              + " account, and the tenant", refreshAhead);
    }
    HttpUrl base = identityEndpoint != null ? identityEndpoint : instanceMetadataEndpoint;
    HttpUrl.Builder url = base.newBuilder()
        .addQueryParameter("api-version", identityEndpoint != null ? "2019-08-01" : "2018-02-01")
        .addQueryParameter("resource", resource);
    if (clientId != null) {
      url.addQueryParameter("client_id", clientId);
    }
    Request.Builder request = new Request.Builder().url(url.build()).get();
    if (identityEndpoint != null) {
      request.header("X-IDENTITY-HEADER", Objects.requireNonNull(identityHeader));
    } else {
      request.header("Metadata", "true");
    }
    return endpoint.requestToken(what, request.build(), "; check that " + (clientId == null
        ? "a system-assigned managed identity is enabled" : "the user-assigned identity " + clientId
        + " is assigned") + " on this " + (identityEndpoint != null ? "app" : "machine"), refreshAhead);
  }

  @Override
  public String toString() {
    return "AzureManagedIdentityCredentials{" + platform()
        + (clientId == null ? ", system-assigned" : ", clientId=" + clientId)
        + (identityEndpoint == null ? "" : ", identityEndpoint=" + identityEndpoint + ", identityHeader=<redacted>")
        + (federatedTokenFile == null ? "" : ", federatedTokenFile=" + federatedTokenFile + ", tenantId=" + tenantId)
        + (workspaceResourceId == null ? "" : ", workspaceResourceId=" + workspaceResourceId) + "}";
  }

  /** Mutable, not thread-safe builder of {@link AzureManagedIdentityCredentials}. */
  public static final class Builder {
    private @Nullable String clientId;
    private @Nullable String workspaceResourceId;
    private HttpUrl instanceMetadataEndpoint = HttpUrl.get(INSTANCE_METADATA_ENDPOINT);
    private @Nullable HttpUrl identityEndpoint;
    private @Nullable String identityHeader;
    private @Nullable Path federatedTokenFile;
    private @Nullable String tenantId;
    private HttpUrl authority = HttpUrl.get(AzureServicePrincipalCredentials.DEFAULT_AUTHORITY);
    private String managementResource = AzureServicePrincipalCredentials.DEFAULT_MANAGEMENT_RESOURCE;
    private Duration refreshAhead = Duration.ofSeconds(40);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);

    private Builder() {}

    /**
     * The client id of a user-assigned identity ({@code ARM_CLIENT_ID}). Default: the system-assigned identity.
     *
     * @param clientId the client id of a user-assigned identity, not null; unset, the system-assigned identity is used
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * The workspace's Azure resource id; when set, the management token is sent too. Not set by default.
     *
     * @param workspaceResourceId the workspace's Azure resource id, not null; unset, no management token is sent
     * @return this builder
     */
    public Builder workspaceResourceId(String workspaceResourceId) {
      this.workspaceResourceId = Objects.requireNonNull(workspaceResourceId, "workspaceResourceId");
      return this;
    }

    /**
     * The instance metadata token endpoint. Default {@value #INSTANCE_METADATA_ENDPOINT}; tests pass a local
     * server.
     *
     * @param instanceMetadataEndpoint the instance metadata token endpoint, {@value #INSTANCE_METADATA_ENDPOINT} by
     *     default
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder instanceMetadataEndpoint(String instanceMetadataEndpoint) {
      this.instanceMetadataEndpoint = HostUrls.parse(Objects.requireNonNull(instanceMetadataEndpoint,
          "instanceMetadataEndpoint"), "instanceMetadataEndpoint");
      return this;
    }

    /**
     * App Service's identity endpoint and header ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}); when
     * set, tokens come from there instead of the instance metadata endpoint. Not set by default.
     *
     * @param identityEndpoint App Service's identity endpoint ({@code IDENTITY_ENDPOINT}), not null
     * @param identityHeader App Service's identity header value ({@code IDENTITY_HEADER}), set exactly when
     *     {@code identityEndpoint} is; a secret
     * @return this builder
     * @throws IllegalArgumentException if {@code identityEndpoint} is not an http(s) URL
     */
    public Builder appServiceIdentity(String identityEndpoint, String identityHeader) {
      this.identityEndpoint = HostUrls.parse(Objects.requireNonNull(identityEndpoint, "identityEndpoint"),
          "identityEndpoint");
      this.identityHeader = Objects.requireNonNull(identityHeader, "identityHeader");
      return this;
    }

    /**
     * AKS workload identity: the projected service-account token file ({@code AZURE_FEDERATED_TOKEN_FILE}) and
     * the tenant ({@code AZURE_TENANT_ID}); needs {@link #clientId} ({@code AZURE_CLIENT_ID}). Not set by
     * default.
     *
     * @param federatedTokenFile AKS workload identity's token file ({@code AZURE_FEDERATED_TOKEN_FILE}), not null
     * @param tenantId the Entra ID tenant ({@code AZURE_TENANT_ID}), not null
     * @return this builder
     */
    public Builder workloadIdentity(Path federatedTokenFile, String tenantId) {
      this.federatedTokenFile = Objects.requireNonNull(federatedTokenFile, "federatedTokenFile");
      this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
      return this;
    }

    /**
     * The Entra ID authority for workload identity ({@code AZURE_AUTHORITY_HOST}). Default
     * {@value AzureServicePrincipalCredentials#DEFAULT_AUTHORITY}.
     *
     * @param authority the Entra ID authority for workload identity, {@value
     *     AzureServicePrincipalCredentials#DEFAULT_AUTHORITY} by default
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder authority(String authority) {
      this.authority = HostUrls.parse(Objects.requireNonNull(authority, "authority"), "authority");
      return this;
    }

    /**
     * The Azure management resource. Default {@value AzureServicePrincipalCredentials#DEFAULT_MANAGEMENT_RESOURCE}.
     *
     * @param managementResource the Azure management resource, {@value
     *     AzureServicePrincipalCredentials#DEFAULT_MANAGEMENT_RESOURCE} by default
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
     * @return the credentials, immutable
     * @throws IllegalArgumentException naming the setting, as the record's constructor
     */
    public AzureManagedIdentityCredentials build() {
      return new AzureManagedIdentityCredentials(clientId, workspaceResourceId, instanceMetadataEndpoint,
          identityEndpoint, identityHeader, federatedTokenFile, tenantId, authority, managementResource, refreshAhead,
          maxAttempts, retryBackoff);
    }
  }
}
