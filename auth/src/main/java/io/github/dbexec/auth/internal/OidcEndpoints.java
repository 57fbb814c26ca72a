package io.github.dbexec.auth.internal;

import io.github.dbexec.auth.CredentialsException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a Databricks workspace or account issues OAuth tokens, as the Databricks SDKs find it. */
public final class OidcEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger(OidcEndpoints.class);

  private OidcEndpoints() {}

  /** Whether {@code host} is an account console ({@code https://accounts.cloud.databricks.com}, ...). */
  public static boolean isAccountHost(HttpUrl host) {
    String name = host.host().toLowerCase(Locale.ROOT);
    return name.startsWith("accounts.") || name.startsWith("accounts-dod.");
  }

  /** {@code {host}/oidc/accounts/{accountId}/v1/token}. */
  public static HttpUrl accountTokenEndpoint(HttpUrl host, String accountId) {
    return host.newBuilder().encodedPath("/").addPathSegments("oidc/accounts").addPathSegment(accountId)
        .addPathSegments("v1/token").query(null).fragment(null).build();
  }

  /**
   * Reads {@code token_endpoint} from {@code {host}/oidc/.well-known/oauth-authorization-server}.
   *
   * @param fix what the user can set instead, for the message when discovery finds nothing usable
   */
  public static HttpUrl discover(TokenEndpoint endpoint, HttpUrl host, String fix) throws IOException {
    HttpUrl discovery = host.newBuilder()
        .encodedPath("/oidc/.well-known/oauth-authorization-server").query(null).fragment(null).build();
    Map<String, Object> metadata = endpoint.getJson("OAuth endpoint discovery", discovery);
    Object value = metadata.get("token_endpoint");
    HttpUrl discovered = value instanceof String ? HttpUrl.parse((String) value) : null;
    if (discovered == null) {
      LOG.debug("OAuth endpoint discovery: {} has no valid token_endpoint", discovery);
      throw new CredentialsException("OAuth endpoint discovery: " + discovery + " has no valid token_endpoint; "
          + fix, false);
    }
    if (host.isHttps() && !discovered.isHttps()) {
      throw new CredentialsException("OAuth endpoint discovery: token_endpoint " + discovered + " is not https;"
          + " refusing to send credentials in clear text", false);
    }
    LOG.debug("Discovered OAuth token endpoint {} from {}", discovered, discovery);
    return discovered;
  }
}
