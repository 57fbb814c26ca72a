package io.github.dbexec.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code Authorization} header of Jobs API requests.
 *
 * <ul>
 *   <li>No header, or not {@code Bearer <token>}: 401 {@code {"error_code": 401, "message":
 *       "Credential was not sent or was of an unsupported type for this API."}} (a number) with
 *       {@code WWW-Authenticate: Bearer realm="DatabricksRealm"}, as recorded from real workspaces
 *       (databricks/databricks-sdk-go#1158, PipedreamHQ/pipedream#20701).
 *   <li>A Bearer token that is not accepted: 403 {@code {"error_code": 403, "message": "Invalid access
 *       token."}} (a number, as observed from a real workspace in databricks/databricks-sdk-go#873), with
 *       {@code X-Databricks-Reason-Phrase: Invalid access token.}.
 * </ul>
 * With no configured tokens, any non-empty Bearer token is accepted. When Basic users are configured,
 * {@code Authorization: Basic base64(user:password)} is accepted for them and answered 401 UNAUTHENTICATED
 * "Invalid username or password." otherwise (wording UNVERIFIED; Databricks-managed passwords reached end
 * of life in 2024).
 */
public final class Authenticator {
  private final Set<String> tokens;
  private final Map<String, String> basicUsers;
  private final TokenIssuer issuer;

  public Authenticator(Set<String> tokens, Map<String, String> basicUsers, TokenIssuer issuer) {
    this.tokens = Set.copyOf(tokens);
    this.basicUsers = Map.copyOf(basicUsers);
    this.issuer = issuer;
  }

  /** Null when the header is acceptable, else the error to answer with. */
  public @Nullable ApiException check(@Nullable String authorization, long nowMillis) {
    if (!basicUsers.isEmpty() && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return checkBasic(authorization.substring(6).trim());
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      return new ApiException(401, 401, "Credential was not sent or was of an unsupported type for this API.")
          .header("WWW-Authenticate", "Bearer realm=\"DatabricksRealm\"");
    }
    String token = authorization.substring(7).trim();
    if (tokens.isEmpty() && !issuer.enabled()) {
      return null;
    }
    if (tokens.contains(token) || issuer.isValid(token, nowMillis)) {
      return null;
    }
    return new ApiException(403, 403, "Invalid access token.")
        .header("X-Databricks-Reason-Phrase", "Invalid access token.");
  }

  private @Nullable ApiException checkBasic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0 && decoded.substring(colon + 1).equals(basicUsers.get(decoded.substring(0, colon)))) {
        return null;
      }
    } catch (IllegalArgumentException e) {
      // malformed base64: rejected below
    }
    return new ApiException(401, "UNAUTHENTICATED", "Invalid username or password.");
  }
}
