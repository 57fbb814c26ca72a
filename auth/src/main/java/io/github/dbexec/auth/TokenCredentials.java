package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.Checks;
import io.github.dbexec.auth.internal.TokenEndpoint;
import java.util.Map;
import java.util.Objects;

/**
 * Authenticates with a Databricks personal access token (auth type {@code pat}): every request carries
 * {@code Authorization: Bearer <token>}.
 *
 * <p>Environment variable: {@code DATABRICKS_TOKEN}; profile key: {@code token}. Immutable and thread-safe;
 * {@code toString()} never shows the token. Two instances are equal when their tokens are.
 *
 * <pre>{@code
 * CredentialsStrategy credentials = TokenCredentials.of(System.getenv("DATABRICKS_TOKEN"));
 * }</pre>
 *
 * @param token the personal access token, such as {@code dapi0123...}; leading and trailing whitespace (such
 *     as the line break of a token read from a file) is removed. A secret: never log it.
 */
public record TokenCredentials(String token) implements CredentialsStrategy {

  /**
   * Checks and strips the token.
   *
   * @param token the personal access token, such as {@code dapi0123...}; leading and trailing whitespace (such
   *     as the line break of a token read from a file) is removed. A secret: never log it.
   * @throws NullPointerException if {@code token} is null
   * @throws IllegalArgumentException if {@code token} is blank or holds anything but printable ASCII without
   *     spaces (the value is not shown)
   */
  public TokenCredentials {
    Objects.requireNonNull(token, "token");
    token = token.strip(); // a token read from a file often ends with a line break
    Checks.notBlank(token, "token");
    if (!TokenEndpoint.isHeaderSafe(token)) {
      throw new IllegalArgumentException("token must hold printable ASCII only, without spaces (value not shown)");
    }
  }

  /**
   * Returns credentials for a personal access token such as {@code dapi0123...}; the same as
   * {@code new TokenCredentials(token)}.
   *
   * @param token the personal access token, such as {@code dapi0123...}; leading and trailing whitespace (such
   *     as the line break of a token read from a file) is removed. A secret: never log it.
   * @return the credentials
   * @throws NullPointerException if {@code token} is null
   * @throws IllegalArgumentException if {@code token} is blank or holds anything but printable ASCII
   */
  public static TokenCredentials of(String token) {
    return new TokenCredentials(token);
  }

  /** Returns {@code "pat"}. */
  @Override
  public String authType() {
    return "pat";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
    return () -> headers;
  }

  @Override
  public String toString() {
    return "TokenCredentials{token=" + Secrets.REDACTED + "}";
  }
}
