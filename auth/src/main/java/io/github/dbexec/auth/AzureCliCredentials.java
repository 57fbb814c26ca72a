package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.CachedTokenSource;
import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.ChildEnvironment;
import io.github.dbexec.auth.internal.CliTokens;
import io.github.dbexec.auth.internal.TokenHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates to Azure Databricks as the user (or identity) logged in to the Azure CLI (auth type
 * {@code azure-cli}): tokens come from running {@code az account get-access-token --resource
 * 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d --output json} (with {@code --tenant} when a tenant is set), as the
 * Databricks CLI and SDKs do. Meant for developers' machines and CI jobs that ran {@code az login}.
 *
 * <p>Each token is cached until {@link Builder#refreshAhead refreshAhead} before its expiry ({@code expires_on},
 * or the older {@code expiresOn} in local time); then {@code az} runs again, one process at a time, while other
 * callers keep the current token. A process that does not finish within {@link Builder#timeout timeout} is
 * stopped and reported as a retryable {@link CredentialsException}. When {@code az} is missing, or is not logged
 * in, the {@link CredentialsException} says so and what to run. When {@link Builder#workspaceResourceId
 * workspaceResourceId} is set, a management token is sent too, as for {@link AzureServicePrincipalCredentials}.
 *
 * <p>The process gets this JVM's environment plus the executor's proxy and trust settings: with a
 * {@link ProxyConfig}, {@code HTTPS_PROXY} and {@code HTTP_PROXY} (user and password included) and
 * {@code NO_PROXY}; with a {@link TlsConfig} that trusts other authorities, {@code REQUESTS_CA_BUNDLE} and
 * {@code SSL_CERT_FILE} naming a PEM bundle of every authority the executor trusts. Environment variables (see {@link WorkspaceConfig}): {@code ARM_TENANT_ID}, {@code DATABRICKS_AZURE_RESOURCE_ID};
 * {@code az} is looked up on {@code PATH}. Immutable and thread-safe.
 *
 * @param command the Azure CLI program, {@code az} (looked up on this JVM's {@code PATH}) or a path
 * @param tenantId the Entra ID tenant to request tokens in, or null for the CLI's default
 * @param workspaceResourceId the workspace's Azure resource id, or null to send no management token
 * @param managementResource the Azure management resource, {@value
 *     AzureServicePrincipalCredentials#DEFAULT_MANAGEMENT_RESOURCE} by default
 * @param timeout how long one {@code az} run may take, 30 s by default
 * @param refreshAhead how long before expiry a token is replaced (at most half its lifetime), 5 minutes by
 *     default
 */
public record AzureCliCredentials(String command, @Nullable String tenantId, @Nullable String workspaceResourceId,
    String managementResource, Duration timeout, Duration refreshAhead) implements CredentialsStrategy {

  /**
   * Checks every setting; {@link #builder()} is the usual way to create credentials.
   *
   * @param command the Azure CLI program, {@code az} (looked up on this JVM's {@code PATH}) or a path
   * @param tenantId the Entra ID tenant to request tokens in, or null for the CLI's default
   * @param workspaceResourceId the workspace's Azure resource id, or null to send no management token
   * @param managementResource the Azure management resource, {@value
   *     AzureServicePrincipalCredentials#DEFAULT_MANAGEMENT_RESOURCE} by default
   * @param timeout how long one {@code az} run may take, 30 s by default
   * @param refreshAhead how long before expiry a token is replaced (at most half its lifetime), 5 minutes by
   *     default
   * @throws NullPointerException naming the parameter if a non-nullable one is null
   * @throws IllegalArgumentException naming the setting: blank values, a malformed {@code workspaceResourceId},
   *     a {@code timeout} that is not positive, a negative {@code refreshAhead}
   */
  public AzureCliCredentials {
    command = Objects.requireNonNull(command, "command").strip();
    managementResource = Objects.requireNonNull(managementResource, "managementResource").strip();
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Checks.notBlank(command, "command");
    tenantId = Checks.optional(tenantId, "tenantId");
    if (workspaceResourceId != null) {
      workspaceResourceId = workspaceResourceId.strip();
      AzureServicePrincipalCredentials.checkResourceId(workspaceResourceId);
    }
    Checks.notBlank(managementResource, "managementResource");
    Checks.positive(timeout, "timeout");
    Checks.notNegative(refreshAhead, "refreshAhead");
  }

  /**
   * Returns a new builder; every setting has a default.
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
    Builder b = new Builder().command(command).managementResource(managementResource).timeout(timeout)
        .refreshAhead(refreshAhead);
    b.tenantId = tenantId;
    b.workspaceResourceId = workspaceResourceId;
    return b;
  }

  /** Returns {@code "azure-cli"}. */
  @Override
  public String authType() {
    return "azure-cli";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    Map<String, String> environment = ChildEnvironment.of(context.httpClient());
    return TokenHeaders.azure(workspaceResourceId, managementResource,
        (resource, label) -> new CachedTokenSource("azure-cli: " + label + " token", () -> CliTokens.azure(command,
            resource, tenantId, environment, timeout, refreshAhead, context.clock()), context.clock()),
        "AzureCliHeaderFactory{" + command + "}");
  }

  /** Mutable, not thread-safe builder of {@link AzureCliCredentials}. */
  public static final class Builder {
    private String command = "az";
    private @Nullable String tenantId;
    private @Nullable String workspaceResourceId;
    private String managementResource = AzureServicePrincipalCredentials.DEFAULT_MANAGEMENT_RESOURCE;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration refreshAhead = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * The Azure CLI program: a name looked up on {@code PATH}, or a path. Default {@code az}.
     *
     * @param command the Azure CLI program, {@code az} (looked up on this JVM's {@code PATH}) or a path
     * @return this builder
     */
    public Builder command(String command) {
      this.command = Objects.requireNonNull(command, "command");
      return this;
    }

    /**
     * The tenant to request tokens in ({@code --tenant}). Default: the CLI's current tenant.
     *
     * @param tenantId the Entra ID tenant to request tokens in, not null; unset, the Azure CLI's default tenant is used
     * @return this builder
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
      return this;
    }

    /**
     * The workspace's Azure resource id; when set, a management token is sent too. Not set by default.
     *
     * @param workspaceResourceId the workspace's Azure resource id, not null; unset, no management token is sent
     * @return this builder
     */
    public Builder workspaceResourceId(String workspaceResourceId) {
      this.workspaceResourceId = Objects.requireNonNull(workspaceResourceId, "workspaceResourceId");
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
     * How long one {@code az} run may take before it is stopped. Default 30 s.
     *
     * @param timeout how long one {@code az} run may take, 30 s by default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long before expiry a token is replaced (at most half its lifetime). Default 5 minutes.
     *
     * @param refreshAhead how long before expiry a token is replaced (at most half its lifetime), 5 minutes by
     *     default
     * @return this builder
     */
    public Builder refreshAhead(Duration refreshAhead) {
      this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
      return this;
    }

    /**
     * Builds the credentials.
     *
     * @return the credentials, immutable
     * @throws IllegalArgumentException naming the setting, as the record's constructor
     */
    public AzureCliCredentials build() {
      return new AzureCliCredentials(command, tenantId, workspaceResourceId, managementResource, timeout,
          refreshAhead);
    }
  }
}
