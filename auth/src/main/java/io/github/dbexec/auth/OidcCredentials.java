package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.AccessToken;
import io.github.dbexec.auth.internal.CachedTokenSource;
import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.OidcEndpoints;
import io.github.dbexec.auth.internal.TokenEndpoint;
import io.github.dbexec.auth.internal.TokenHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates with workload identity federation: an ID token the platform issues (GitHub Actions, Azure
 * DevOps, Kubernetes, any OIDC provider) is exchanged for a Databricks OAuth token, so no Databricks secret is
 * stored anywhere. Auth types {@code env-oidc}, {@code file-oidc}, {@code github-oidc} and
 * {@code azure-devops-oidc}, after the {@link IdTokenSource}.
 *
 * <p>How it works, as in the Databricks SDKs: the token endpoint is {@link Builder#tokenEndpoint} when set;
 * otherwise, for an account console host ({@code https://accounts.cloud.databricks.com}) with an
 * {@link Builder#accountId accountId}, {@code {host}/oidc/accounts/{accountId}/v1/token}; otherwise the
 * workspace's, discovered from {@code {host}/oidc/.well-known/oauth-authorization-server} (normally
 * {@code {host}/oidc/v1/token}). The ID token is requested for an audience: {@link Builder#audience} when set,
 * else the account id on an account host, else the token endpoint's URL. It is then exchanged with an RFC 8693
 * token-exchange request ({@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange},
 * {@code subject_token_type=urn:ietf:params:oauth:token-type:jwt}, {@code scope}, and {@code client_id} when a
 * {@link Builder#clientId clientId} is set: the service principal whose federation policy trusts the ID token;
 * without one, an account-wide federation policy must). Any standard token-exchange endpoint works.
 *
 * <p>The Databricks token is cached and refreshed {@link Builder#refreshAhead refreshAhead} before expiry (a
 * new ID token is obtained each time). Transient failures (429 with its {@code Retry-After}, 5xx, timeouts) are
 * retried; a refused ID token fails with a {@link CredentialsException} whose {@link
 * CredentialsException#isRefused()} is true. Requests use {@link AuthContext#httpClient()}, so the proxy and TLS
 * settings apply.
 *
 * <p>Environment variables (see {@link WorkspaceConfig}): {@code DATABRICKS_CLIENT_ID},
 * {@code DATABRICKS_ACCOUNT_ID}, {@code DATABRICKS_TOKEN_AUDIENCE}, plus each source's own. Immutable and
 * thread-safe; {@code toString()} shows no token.
 *
 * <pre>{@code
 * CredentialsStrategy credentials = OidcCredentials.builder()
 *     .idTokenSource(IdTokenSource.file(Path.of("/var/run/secrets/tokens/databricks")))
 *     .clientId("6f1c...")                      // the service principal with the federation policy
 *     .build();
 * }</pre>
 *
 * @param idTokenSource where the ID token comes from
 * @param clientId the service principal's client (application) id, or null for an account-wide federation policy
 * @param accountId the Databricks account id, used for account console hosts; null for workspaces
 * @param audience the ID token's audience, or null for the default described above
 * @param tokenEndpoint the token endpoint, or null to find it as described above
 * @param scope the OAuth scope requested, {@code all-apis} by default
 * @param refreshAhead how long before expiry a token is refreshed (at most half its lifetime), 40 s by default
 * @param maxAttempts attempts per request, including the first, 3 by default
 * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
 */
public record OidcCredentials(IdTokenSource idTokenSource, @Nullable String clientId, @Nullable String accountId,
    @Nullable String audience, @Nullable HttpUrl tokenEndpoint, String scope, Duration refreshAhead,
    int maxAttempts, Duration retryBackoff) implements CredentialsStrategy {

  /** {@code grant_type} of RFC 8693 token exchange. */
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  /** {@code subject_token_type} of a JWT. */
  static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

  /**
   * Checks every setting; {@link #builder()} is the usual way to create credentials.
   *
   * @param idTokenSource where the ID token comes from
   * @param clientId the service principal's client (application) id, or null for an account-wide federation policy
   * @param accountId the Databricks account id, used for account console hosts; null for workspaces
   * @param audience the ID token's audience, or null for the default described above
   * @param tokenEndpoint the token endpoint, or null to find it as described above
   * @param scope the OAuth scope requested, {@code all-apis} by default
   * @param refreshAhead how long before expiry a token is refreshed (at most half its lifetime), 40 s by default
   * @param maxAttempts attempts per request, including the first, 3 by default
   * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
   * @throws NullPointerException naming the parameter if {@code idTokenSource}, {@code scope},
   *     {@code refreshAhead} or {@code retryBackoff} is null
   * @throws IllegalArgumentException naming the setting: a blank {@code clientId}, {@code accountId},
   *     {@code audience} or {@code scope}, negative durations, {@code maxAttempts} below 1
   */
  public OidcCredentials {
    Objects.requireNonNull(idTokenSource, "idTokenSource");
    clientId = Checks.optional(clientId, "clientId");
    accountId = Checks.optional(accountId, "accountId");
    audience = Checks.optional(audience, "audience");
    scope = Objects.requireNonNull(scope, "scope").strip();
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Checks.notBlank(scope, "scope");
    Checks.refreshAndRetries(refreshAhead, maxAttempts, retryBackoff);
  }

  /**
   * Returns a new builder; {@code idTokenSource} is required.
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
    Builder b = new Builder().idTokenSource(idTokenSource).scope(scope).refreshAhead(refreshAhead)
        .maxAttempts(maxAttempts).retryBackoff(retryBackoff);
    b.clientId = clientId;
    b.accountId = accountId;
    b.audience = audience;
    b.tokenEndpoint = tokenEndpoint;
    return b;
  }

  /** The {@link IdTokenSource#authType()} of the source: {@code env-oidc}, {@code github-oidc}, ... */
  @Override
  public String authType() {
    return idTokenSource.authType();
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    TokenEndpoint endpoint = TokenEndpoint.of(context, maxAttempts, retryBackoff);
    String what = authType() + ": token exchange" + (clientId == null ? "" : " for client " + clientId);
    AtomicReference<@Nullable HttpUrl> discovered = new AtomicReference<>(tokenEndpoint);
    CachedTokenSource tokens = new CachedTokenSource(what, () -> fetch(context, endpoint, what, discovered),
        context.clock());
    return TokenHeaders.bearer(tokens, "OidcHeaderFactory{" + authType() + (clientId == null ? ""
        : ", clientId=" + clientId) + "}");
  }

  /** Called under the token source's lock: one exchange (and discovery, done once) at a time. */
  private AccessToken fetch(AuthContext context, TokenEndpoint endpoint, String what,
      AtomicReference<@Nullable HttpUrl> known) throws IOException {
    HttpUrl host = context.host();
    boolean accountHost = OidcEndpoints.isAccountHost(host);
    HttpUrl url = known.get();
    if (url == null) {
      if (accountHost) {
        if (accountId == null) {
          throw new CredentialsException(authType() + ": " + host + " is an account console; set"
              + " DATABRICKS_ACCOUNT_ID (or OidcCredentials.builder().accountId(..))", false);
        }
        url = OidcEndpoints.accountTokenEndpoint(host, accountId);
      } else {
        url = OidcEndpoints.discover(endpoint, host, "set OidcCredentials.builder().tokenEndpoint(..)");
      }
      known.set(url);
    }
    String effectiveAudience = audience != null ? audience
        : accountHost && accountId != null ? accountId : url.toString();
    String idToken = idTokenSource.idToken(effectiveAudience, context);
    FormBody.Builder form = new FormBody.Builder()
        .add("grant_type", TOKEN_EXCHANGE)
        .add("subject_token", idToken)
        .add("subject_token_type", JWT)
        .add("scope", scope);
    if (clientId != null) {
      form.add("client_id", clientId);
    }
    Request request = new Request.Builder().url(url).post(form.build()).build();
    return endpoint.requestToken(what, request, "; check that a federation policy"
        + (clientId == null ? " of the account" : " of service principal " + clientId) + " accepts ID tokens of"
        + " this issuer and subject with audience '" + effectiveAudience + "'", refreshAhead);
  }

  @Override
  public String toString() {
    return "OidcCredentials{" + idTokenSource + (clientId == null ? "" : ", clientId=" + clientId)
        + (accountId == null ? "" : ", accountId=" + accountId) + (audience == null ? "" : ", audience=" + audience)
        + ", tokenEndpoint=" + (tokenEndpoint == null ? "discovered" : tokenEndpoint) + ", scope=" + scope + "}";
  }

  /** Mutable, not thread-safe builder of {@link OidcCredentials}. */
  public static final class Builder {
    private @Nullable IdTokenSource idTokenSource;
    private @Nullable String clientId;
    private @Nullable String accountId;
    private @Nullable String audience;
    private @Nullable HttpUrl tokenEndpoint;
    private String scope = "all-apis";
    private Duration refreshAhead = Duration.ofSeconds(40);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);

    private Builder() {}

    /**
     * Where the ID token comes from. Required.
     *
     * @param idTokenSource where the ID token comes from
     * @return this builder
     */
    public Builder idTokenSource(IdTokenSource idTokenSource) {
      this.idTokenSource = Objects.requireNonNull(idTokenSource, "idTokenSource");
      return this;
    }

    /**
     * The client (application) id of the service principal whose federation policy trusts the ID token. Not set
     * by default: an account-wide federation policy must then trust it.
     *
     * @param clientId the service principal's client (application) id, not null; unset, an account-wide federation
     *     policy applies
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * The Databricks account id; needed for account console hosts. Not set by default.
     *
     * @param accountId the Databricks account id, used for account console hosts; not null (leave unset for workspaces)
     * @return this builder
     */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /**
     * The audience requested for the ID token. Default: the account id on an account console host, otherwise the
     * token endpoint's URL (the Databricks SDKs' rule).
     *
     * @param audience the ID token's audience, not null; unset, the default above applies
     * @return this builder
     */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /**
     * The token-exchange endpoint, such as {@code https://adb-123.7.azuredatabricks.net/oidc/v1/token}. Default:
     * found as described in {@link OidcCredentials}.
     *
     * @param tokenEndpoint the token endpoint's URL, not null; unset, it is found as {@link OidcCredentials} describes
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder tokenEndpoint(String tokenEndpoint) {
      this.tokenEndpoint = HostUrls.parse(Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"), "tokenEndpoint");
      return this;
    }

    /**
     * The token-exchange endpoint as a URL. Default: found as described in {@link OidcCredentials}.
     *
     * @param tokenEndpoint the token endpoint, not null; unset, it is found as {@link OidcCredentials} describes
     * @return this builder
     */
    public Builder tokenEndpoint(HttpUrl tokenEndpoint) {
      this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      return this;
    }

    /**
     * The OAuth scope requested. Default {@code all-apis}.
     *
     * @param scope the OAuth scope requested, {@code all-apis} by default
     * @return this builder
     */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * How long before expiry a token is refreshed; at most half the token's lifetime is used. Default 40 s.
     *
     * @param refreshAhead how long before expiry a token is refreshed (at most half its lifetime), 40 s by default
     * @return this builder
     */
    public Builder refreshAhead(Duration refreshAhead) {
      this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
      return this;
    }

    /**
     * Attempts per request, including the first, for transient failures. Default 3.
     *
     * @param maxAttempts attempts per request, including the first, 3 by default
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The wait before the second attempt, doubled for each further one; a {@code Retry-After} of up to 60 s
     * replaces it. Default 500 ms.
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
     * @return the new {@link OidcCredentials}
     * @throws IllegalArgumentException naming the setting: {@code idTokenSource is required}, blank values,
     *     negative durations, {@code maxAttempts} below 1
     */
    public OidcCredentials build() {
      IdTokenSource source = idTokenSource;
      if (source == null) {
        throw new IllegalArgumentException("idTokenSource is required");
      }
      return new OidcCredentials(source, clientId, accountId, audience, tokenEndpoint, scope, refreshAhead,
          maxAttempts, retryBackoff);
    }
  }
}
