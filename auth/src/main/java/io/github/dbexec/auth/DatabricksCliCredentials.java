package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.CachedTokenSource;
import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.ChildEnvironment;
import io.github.dbexec.auth.internal.CliTokens;
import io.github.dbexec.auth.internal.OidcEndpoints;
import io.github.dbexec.auth.internal.TokenHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates as the user logged in with the Databricks CLI (auth type {@code databricks-cli}, OAuth U2M):
 * tokens come from running {@code databricks auth token --host <host>} (with {@code --account-id} for an
 * account console), which returns the CLI's cached token for that host and refreshes it when needed, as the
 * Databricks SDKs do. Log in once with {@code databricks auth login --host <host>}.
 *
 * <p>Each token is cached until {@link Builder#refreshAhead refreshAhead} before its {@code expiry}; then the CLI
 * runs again, one process at a time, while other callers keep the current token. A run that does not finish
 * within {@link Builder#timeout timeout} is stopped (a retryable {@link CredentialsException}). When the CLI is
 * missing, has no login for the host, or is the legacy Python CLI, the {@link CredentialsException} says so and
 * what to run.
 *
 * <p>The process gets this JVM's environment plus the executor's proxy and trust settings, as for
 * {@link AzureCliCredentials} ({@code HTTPS_PROXY}, {@code NO_PROXY}, {@code SSL_CERT_FILE}). Environment variables (see {@link WorkspaceConfig}): {@code DATABRICKS_CLI_PATH}
 * (else {@code databricks} on {@code PATH}), {@code DATABRICKS_ACCOUNT_ID}. Immutable and thread-safe.
 *
 * @param command the Databricks CLI program, {@code databricks} (looked up on this JVM's {@code PATH}) or a path
 * @param accountId the account id, passed for account console hosts; null for workspaces
 * @param timeout how long one CLI run may take, 30 s by default
 * @param refreshAhead how long before expiry a token is replaced (at most half its lifetime), 5 minutes by
 *     default
 */
public record DatabricksCliCredentials(String command, @Nullable String accountId, Duration timeout,
    Duration refreshAhead) implements CredentialsStrategy {

  /**
   * Checks every setting; {@link #builder()} is the usual way to create credentials.
   *
   * @param command the Databricks CLI program, {@code databricks} (looked up on this JVM's {@code PATH}) or a path
   * @param accountId the account id, passed for account console hosts; null for workspaces
   * @param timeout how long one CLI run may take, 30 s by default
   * @param refreshAhead how long before expiry a token is replaced (at most half its lifetime), 5 minutes by
   *     default
   * @throws NullPointerException naming the parameter if a non-nullable one is null
   * @throws IllegalArgumentException naming the setting: a blank {@code command} or {@code accountId}, a
   *     {@code timeout} that is not positive, a negative {@code refreshAhead}
   */
  public DatabricksCliCredentials {
    command = Objects.requireNonNull(command, "command").strip();
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Checks.notBlank(command, "command");
    accountId = Checks.optional(accountId, "accountId");
    Checks.positive(timeout, "timeout");
    Checks.notNegative(refreshAhead, "refreshAhead");
  }

  /**
   * Returns a new builder; every setting has a default.
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
    Builder b = new Builder().command(command).timeout(timeout).refreshAhead(refreshAhead);
    b.accountId = accountId;
    return b;
  }

  /** Returns {@code "databricks-cli"}. */
  @Override
  public String authType() {
    return "databricks-cli";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    String account = OidcEndpoints.isAccountHost(context.host()) ? accountId : null;
    Map<String, String> environment = ChildEnvironment.of(context.httpClient());
    CachedTokenSource tokens = new CachedTokenSource("databricks-cli: token for " + context.host(),
        () -> CliTokens.databricks(command, context.host(), account, environment, timeout, refreshAhead,
            context.clock()), context.clock());
    return TokenHeaders.bearer(tokens, "DatabricksCliHeaderFactory{" + command + "}");
  }

  /** Mutable, not thread-safe builder of {@link DatabricksCliCredentials}. */
  public static final class Builder {
    private String command = "databricks";
    private @Nullable String accountId;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration refreshAhead = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * The Databricks CLI program: a name looked up on {@code PATH}, or a path. Default {@code databricks}.
     *
     * @param command the Databricks CLI program, {@code databricks} (looked up on this JVM's {@code PATH}) or a path
     * @return this builder
     */
    public Builder command(String command) {
      this.command = Objects.requireNonNull(command, "command");
      return this;
    }

    /**
     * The account id, passed as {@code --account-id} for account console hosts. Not set by default.
     *
     * @param accountId the account id, passed to the CLI for account console hosts; not null (leave unset for
     *     workspaces)
     * @return this builder
     */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /**
     * How long one CLI run may take before it is stopped. Default 30 s.
     *
     * @param timeout how long one CLI run may take, 30 s by default
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
     * @return the new {@link DatabricksCliCredentials}
     * @throws IllegalArgumentException naming the setting, as the record's constructor
     */
    public DatabricksCliCredentials build() {
      return new DatabricksCliCredentials(command, accountId, timeout, refreshAhead);
    }
  }
}
