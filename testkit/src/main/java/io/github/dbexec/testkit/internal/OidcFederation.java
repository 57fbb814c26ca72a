package io.github.dbexec.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The federation policies the fake trusts for the OAuth token-exchange grant (RFC 8693) and the check of a subject
 * token against them. The JWT's payload is read without verifying its signature: the fake trusts whoever holds a
 * token with the right claims. Immutable.
 */
public final class OidcFederation {

  /** One trusted issuer and audience, for the account (client id null) or for one service principal. */
  public record Policy(String issuer, String audience, @Nullable String clientId) {
    public Policy {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(audience, "audience");
    }
  }

  /** The claims read from a subject token. */
  record Claims(@Nullable String issuer, List<String> audiences, @Nullable Long expiresAtSeconds) {}

  private final List<Policy> policies;

  public OidcFederation(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  public boolean enabled() {
    return !policies.isEmpty();
  }

  /**
   * Null when a policy accepts {@code subjectToken} for {@code clientId} at {@code nowMillis}; otherwise the
   * {@code error_description} of the refusal (never quoting the token).
   */
  @Nullable String refusal(String subjectToken, @Nullable String clientId, long nowMillis) {
    Claims claims = claims(subjectToken);
    if (claims == null) {
      return "The subject token is not a JWT.";
    }
    if (claims.expiresAtSeconds() == null) {
      return "The subject token has no exp claim.";
    }
    if (nowMillis >= claims.expiresAtSeconds() * 1000) {
      return "The subject token has expired.";
    }
    String who = clientId == null ? "the account" : "service principal " + clientId;
    boolean issuerKnown = false;
    for (Policy policy : policies) {
      if (!Objects.equals(policy.clientId(), clientId) || !policy.issuer().equals(claims.issuer())) {
        continue;
      }
      issuerKnown = true;
      if (claims.audiences().contains(policy.audience())) {
        return null;
      }
    }
    return issuerKnown ? "No federation policy of " + who + " accepts the subject token's audience "
        + claims.audiences() + "." : "No federation policy of " + who + " trusts issuer '" + claims.issuer() + "'.";
  }

  /** The payload's claims, or null when the token is not a JWT with a JSON payload. */
  static @Nullable Claims claims(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    Object payload;
    try {
      payload = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
    if (!(payload instanceof Map<?, ?> map)) {
      return null;
    }
    Object iss = map.get("iss");
    Object aud = map.get("aud");
    List<String> audiences = aud instanceof String s ? List.of(s)
        : aud instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
        : List.of();
    Object exp = map.get("exp");
    return new Claims(iss instanceof String s ? s : null, audiences,
        exp instanceof Number n ? Long.valueOf(n.longValue()) : null);
  }

  static Map<String, Object> error(String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return body;
  }
}
