package io.github.dbexec.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth token endpoint ({@code POST /oidc/v1/token}, and the account's
 * {@code /oidc/accounts/{account_id}/v1/token}): the client-credentials grant (client authenticated by HTTP Basic
 * or by {@code client_id}/{@code client_secret} form fields) and the token-exchange grant of workload identity
 * federation (checked against {@link OidcFederation}); and the tokens it issued, each valid until its expiry on the
 * fake clock. Thread-safe.
 */
public final class TokenIssuer {
  /** {@code grant_type} of RFC 8693 token exchange. */
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  /** The only {@code subject_token_type} Databricks accepts. */
  static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

  private final Map<String, String> clients;
  private final OidcFederation federation;
  private final long lifetimeMillis;
  private final Map<String, Long> issued = new HashMap<>();
  private long counter;

  public TokenIssuer(Map<String, String> clients, long lifetimeMillis) {
    this(clients, new OidcFederation(List.of()), lifetimeMillis);
  }

  public TokenIssuer(Map<String, String> clients, OidcFederation federation, long lifetimeMillis) {
    this.clients = Map.copyOf(clients);
    this.federation = federation;
    this.lifetimeMillis = lifetimeMillis;
  }

  /** Whether any OAuth client or federation policy is configured. */
  public boolean enabled() {
    return !clients.isEmpty() || federation.enabled();
  }

  public synchronized boolean isValid(String token, long nowMillis) {
    Long expiresAt = issued.get(token);
    return expiresAt != null && nowMillis < expiresAt;
  }

  public synchronized void clear() {
    issued.clear();
  }

  /** Answers a token request. Errors use the OAuth error shape {@code {"error", "error_description"}}. */
  public synchronized ApiResponse token(@Nullable String authorization, Map<String, List<String>> form,
      long nowMillis) {
    if (TOKEN_EXCHANGE.equals(first(form, "grant_type"))) {
      return exchange(form, nowMillis);
    }
    String clientId = null;
    String clientSecret = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
            StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon >= 0) {
          clientId = decoded.substring(0, colon);
          clientSecret = decoded.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        return oauthError(401, "invalid_client", "Malformed Basic authorization header.");
      }
    } else {
      clientId = first(form, "client_id");
      clientSecret = first(form, "client_secret");
    }
    String grantType = first(form, "grant_type");
    if (!"client_credentials".equals(grantType)) {
      return oauthError(400, "unsupported_grant_type", "Only grant_type=client_credentials and " + TOKEN_EXCHANGE
          + " are supported by the fake, got " + grantType);
    }
    if (clientId == null || clientSecret == null || !clientSecret.equals(clients.get(clientId))) {
      return oauthError(401, "invalid_client", "Client authentication failed.");
    }
    return issue("fake-oauth-", first(form, "scope"), nowMillis);
  }

  /**
   * The token-exchange grant: {@code subject_token} (a JWT whose payload is read without checking its signature),
   * {@code subject_token_type} JWT, optional {@code client_id} (a service principal's federation policy; without
   * it, the account's), {@code scope}. A refusal is 400 {@code invalid_request}, the code RFC 8693 section 2.2.2
   * prescribes (what a real workspace sends is not recorded).
   */
  private ApiResponse exchange(Map<String, List<String>> form, long nowMillis) {
    if (!federation.enabled()) {
      return oauthError(400, "unsupported_grant_type",
          "The fake trusts no OIDC issuer; configure FakeJobsServer.Builder.trustOidcIssuer(..).");
    }
    String subjectToken = first(form, "subject_token");
    if (subjectToken == null || subjectToken.isBlank()) {
      return oauthError(400, "invalid_request", "subject_token is required.");
    }
    if (!JWT.equals(first(form, "subject_token_type"))) {
      return oauthError(400, "invalid_request", "subject_token_type must be " + JWT + ".");
    }
    String clientId = first(form, "client_id");
    String refusal = federation.refusal(subjectToken.strip(), clientId == null || clientId.isBlank() ? null
        : clientId, nowMillis);
    if (refusal != null) {
      return oauthError(400, "invalid_request", refusal);
    }
    return issue("fake-oidc-", first(form, "scope"), nowMillis);
  }

  private ApiResponse issue(String prefix, @Nullable String scope, long nowMillis) {
    String token = prefix + (++counter) + "-" + Long.toHexString(nowMillis);
    issued.put(token, nowMillis + lifetimeMillis);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetimeMillis / 1000);
    body.put("scope", scope == null ? "all-apis" : scope);
    return ApiResponse.ok(body);
  }

  private static @Nullable String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static ApiResponse oauthError(int status, String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return ApiResponse.json(status, body);
  }
}
