package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import okhttp3.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates with a user name and password (auth type {@code basic}): every request carries
 * {@code Authorization: Basic base64(username:password)}, as the "Username/Password" credentials of
 * StreamSets Data Collector's Databricks executor did.
 *
 * <p>Databricks-managed passwords reached end of life on 2024-07-10, so most workspaces reject this;
 * prefer {@link OAuthM2mCredentials} or {@link TokenCredentials}. A warning saying so is logged once per
 * executor, when the strategy is configured. Environment variables: {@code DATABRICKS_USERNAME},
 * {@code DATABRICKS_PASSWORD}; profile keys: {@code username}, {@code password}.
 *
 * <p>Immutable and thread-safe; {@code toString()} shows the user name and redacts the password.
 *
 * @param username the user name, such as {@code ana@example.com}; not blank, without {@code ':'}
 * @param password the password; not empty. A secret: never log it.
 */
public record BasicCredentials(String username, String password) implements CredentialsStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(BasicCredentials.class);

  /**
   * Checks the user name and password.
   *
   * @param username the user name, such as {@code ana@example.com}; not blank, without {@code ':'}
   * @param password the password; not empty. A secret: never log it.
   * @throws NullPointerException naming the parameter if one is null
   * @throws IllegalArgumentException if {@code username} is blank or contains {@code ':'} (the value is not
   *     shown), or {@code password} is empty
   */
  public BasicCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Checks.notBlank(username, "username");
    if (username.indexOf(':') >= 0) {
      // the value is not shown: "user:password" pasted as the user name would leak the password
      throw new IllegalArgumentException("username must not contain ':' (HTTP Basic authentication; value not"
          + " shown)");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
  }

  /**
   * Returns credentials for {@code username} and {@code password}; the same as the constructor.
   *
   * @param username the user name, such as {@code ana@example.com}; not blank, without {@code ':'}
   * @param password the password; not empty. A secret: never log it.
   * @return the credentials
   * @throws NullPointerException naming the parameter if one is null
   * @throws IllegalArgumentException if {@code username} is blank or contains {@code ':'}, or {@code password}
   *     is empty
   */
  public static BasicCredentials of(String username, String password) {
    return new BasicCredentials(username, password);
  }

  /** Returns {@code "basic"}. */
  @Override
  public String authType() {
    return "basic";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    LOG.warn("Using basic authentication (user name and password) for user '{}' on {}: Databricks retired"
        + " Databricks-managed passwords on 2024-07-10 and most workspaces reject them. Prefer OAuth M2M"
        + " (OAuthM2mCredentials) or a personal access token (TokenCredentials).", username, context.host());
    Map<String, String> headers = Map.of("Authorization", Credentials.basic(username, password,
        StandardCharsets.UTF_8));
    return () -> headers;
  }

  @Override
  public String toString() {
    return "BasicCredentials{username=" + username + ", password=" + Secrets.REDACTED + "}";
  }
}
