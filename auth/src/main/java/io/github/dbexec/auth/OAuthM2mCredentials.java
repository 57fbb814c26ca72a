package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.AccessToken;
import io.github.dbexec.auth.internal.CachedTokenSource;
import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.OidcEndpoints;
import io.github.dbexec.auth.internal.TokenEndpoint;
import io.github.dbexec.auth.internal.TokenHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates as a Databricks service principal with OAuth machine-to-machine (auth type
 * {@code oauth-m2m}): the OAuth 2.0 client-credentials grant, with the access token sent as
 * {@code Authorization: Bearer <token>}.
 *
 * <p>How it works: on first use the token endpoint is discovered from
 * {@code {host}/oidc/.well-known/oauth-authorization-server} (field {@code token_endpoint}, normally
 * {@code {host}/oidc/v1/token}) unless {@link Builder#tokenEndpoint(String)} sets it. A token is requested
 * with {@code grant_type=client_credentials&scope=all-apis}, the client id and secret in an HTTP Basic
 * header. The token (valid one hour at Databricks) is cached and refreshed {@link Builder#refreshAhead
 * refreshAhead} before it expires, by one caller at a time while the others keep using the current token;
 * when there is no valid token, concurrent callers wait for a single request. Connection failures,
 * timeouts, HTTP 429 and 5xx from the token endpoint are retried. Discovery and token requests use
 * {@link AuthContext#httpClient()}, so the proxy and TLS settings apply to them too.
 *
 * <p>Environment variables: {@code DATABRICKS_CLIENT_ID}, {@code DATABRICKS_CLIENT_SECRET}; profile keys:
 * {@code client_id}, {@code client_secret}. Immutable and thread-safe; {@code toString()} redacts the
 * secret.
 *
 * <pre>{@code
 * CredentialsStrategy credentials = OAuthM2mCredentials.builder()
 *     .clientId(System.getenv("DATABRICKS_CLIENT_ID"))
 *     .clientSecret(System.getenv("DATABRICKS_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 *
 * @param clientId the service principal's OAuth client id (its application id)
 * @param clientSecret the OAuth secret generated for the service principal; never shown
 * @param tokenEndpoint the token endpoint, or null to discover it from the workspace
 * @param scope the OAuth scope requested, {@code all-apis} by default
 * @param refreshAhead how long before expiry a token is refreshed (at most half its lifetime), 40 s by default
 * @param maxAttempts attempts per token or discovery request, including the first, 3 by default
 * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
 */
public record OAuthM2mCredentials(String clientId, String clientSecret, @Nullable HttpUrl tokenEndpoint,
    String scope, Duration refreshAhead, int maxAttempts, Duration retryBackoff) implements CredentialsStrategy {

  /**
   * Checks every setting; {@link #builder()} is the usual way to create credentials.
   *
   * @param clientId the service principal's OAuth client id (its application id)
   * @param clientSecret the OAuth secret generated for the service principal; never shown
   * @param tokenEndpoint the token endpoint, or null to discover it from the workspace
   * @param scope the OAuth scope requested, {@code all-apis} by default
   * @param refreshAhead how long before expiry a token is refreshed (at most half its lifetime), 40 s by default
   * @param maxAttempts attempts per token or discovery request, including the first, 3 by default
   * @param retryBackoff the wait before the second attempt, doubled for each further one, 500 ms by default
   * @throws NullPointerException naming the parameter if one other than {@code tokenEndpoint} is null
   * @throws IllegalArgumentException naming the setting: blank {@code clientId}, {@code clientSecret} or
   *     {@code scope}, negative {@code refreshAhead} or {@code retryBackoff}, {@code maxAttempts} below 1
   */
  public OAuthM2mCredentials {
    clientId = Objects.requireNonNull(clientId, "clientId").strip();
    Objects.requireNonNull(clientSecret, "clientSecret");
    scope = Objects.requireNonNull(scope, "scope").strip();
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Checks.notBlank(clientId, "clientId");
    Checks.notBlank(clientSecret, "clientSecret");
    Checks.notBlank(scope, "scope");
    Checks.refreshAndRetries(refreshAhead, maxAttempts, retryBackoff);
  }

  /**
   * Returns a new builder; {@code clientId} and {@code clientSecret} are required.
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
    Builder b = new Builder().clientId(clientId).clientSecret(clientSecret).scope(scope).refreshAhead(refreshAhead)
        .maxAttempts(maxAttempts).retryBackoff(retryBackoff);
    b.tokenEndpoint = tokenEndpoint;
    return b;
  }

  @Override
  public String authType() {
    return "oauth-m2m";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    TokenEndpoint endpoint = TokenEndpoint.of(context, maxAttempts, retryBackoff);
    String what = "OAuth M2M token for client " + clientId;
    AtomicReference<@Nullable HttpUrl> known = new AtomicReference<>(tokenEndpoint);
    CachedTokenSource tokens = new CachedTokenSource(what, () -> fetch(context, endpoint, what, known),
        context.clock());
    return TokenHeaders.bearer(tokens, "OAuthM2mHeaderFactory{clientId=" + clientId + "}");
  }

  /** Called under the token source's lock, so discovery also happens once at a time. */
  private AccessToken fetch(AuthContext context, TokenEndpoint endpoint, String what,
      AtomicReference<@Nullable HttpUrl> known) throws IOException {
    HttpUrl url = known.get();
    if (url == null) {
      url = OidcEndpoints.discover(endpoint, context.host(), "set OAuthM2mCredentials.builder().tokenEndpoint(..)");
      known.set(url);
    }
    FormBody form = new FormBody.Builder().add("grant_type", "client_credentials").add("scope", scope).build();
    return endpoint.requestToken(what, url, form, Credentials.basic(clientId, clientSecret, StandardCharsets.UTF_8),
        refreshAhead);
  }

  @Override
  public String toString() {
    return "OAuthM2mCredentials{clientId=" + clientId + ", clientSecret=" + Secrets.REDACTED
        + ", tokenEndpoint=" + (tokenEndpoint == null ? "discovered" : tokenEndpoint) + ", scope=" + scope
        + ", refreshAhead=" + refreshAhead + "}";
  }

  /** Mutable, not thread-safe builder of {@link OAuthM2mCredentials}. */
  public static final class Builder {
    private String clientId = "";
    private String clientSecret = "";
    private @Nullable HttpUrl tokenEndpoint;
    private String scope = "all-apis";
    private Duration refreshAhead = Duration.ofSeconds(40);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);

    private Builder() {}

    /**
     * The service principal's OAuth client id (application id). Required.
     *
     * @param clientId the service principal's OAuth client id (its application id)
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * The OAuth secret generated for the service principal. Required; never shown.
     *
     * @param clientSecret the OAuth secret generated for the service principal; never shown
     * @return this builder
     */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * The token endpoint, such as {@code https://adb-123.7.azuredatabricks.net/oidc/v1/token} or an account
     * endpoint {@code https://accounts.cloud.databricks.com/oidc/accounts/<account-id>/v1/token}. Default:
     * discovered from {@code {host}/oidc/.well-known/oauth-authorization-server}.
     *
     * @param tokenEndpoint the token endpoint's URL, not null; unset, it is discovered from the workspace
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder tokenEndpoint(String tokenEndpoint) {
      this.tokenEndpoint = HostUrls.parse(Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"), "tokenEndpoint");
      return this;
    }

    /**
     * The token endpoint as a URL. Default: discovered.
     *
     * @param tokenEndpoint the token endpoint, not null; unset, it is discovered from the workspace
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
     * Attempts per token or discovery request, including the first, for transient failures. Default 3.
     *
     * @param maxAttempts attempts per token or discovery request, including the first, 3 by default
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
     * @return the new {@link OAuthM2mCredentials}
     * @throws IllegalArgumentException naming the field: blank {@code clientId}, {@code clientSecret} or
     *     {@code scope}, negative {@code refreshAhead} or {@code retryBackoff}, {@code maxAttempts} below 1
     */
    public OAuthM2mCredentials build() {
      return new OAuthM2mCredentials(clientId, clientSecret, tokenEndpoint, scope, refreshAhead, maxAttempts,
          retryBackoff);
    }
  }
}
