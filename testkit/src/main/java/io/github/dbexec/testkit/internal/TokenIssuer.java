package io.github.dbexec.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth machine-to-machine token endpoint ({@code POST /oidc/v1/token}, client-credentials grant, client
 * authenticated by HTTP Basic or by {@code client_id}/{@code client_secret} form fields) and the tokens it
 * issued, each valid until its expiry on the fake clock. Thread-safe.
 */
public final class TokenIssuer {
  private final Map<String, String> clients;
  private final long lifetimeMillis;
  private final Map<String, Long> issued = new HashMap<>();
  private long counter;

  public TokenIssuer(Map<String, String> clients, long lifetimeMillis) {
    this.clients = Map.copyOf(clients);
    this.lifetimeMillis = lifetimeMillis;
  }

  /** Whether any OAuth client is configured. */
  public boolean enabled() {
    return !clients.isEmpty();
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
      return oauthError(400, "unsupported_grant_type",
          "Only grant_type=client_credentials is supported by the fake, got " + grantType);
    }
    if (clientId == null || clientSecret == null || !clientSecret.equals(clients.get(clientId))) {
      return oauthError(401, "invalid_client", "Client authentication failed.");
    }
    String scope = first(form, "scope");
    String token = "fake-oauth-" + (++counter) + "-" + Long.toHexString(nowMillis);
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
