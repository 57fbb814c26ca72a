package io.github.dbexec.auth;

import java.util.Map;
import java.util.Objects;

/**
 * Authenticates with a Databricks personal access token (auth type {@code pat}): every request carries
 * {@code Authorization: Bearer <token>}.
 *
 * <p>Immutable and thread-safe; {@code toString()} never shows the token. Environment variable:
 * {@code DATABRICKS_TOKEN}; profile key: {@code token}.
 *
 * <pre>{@code
 * CredentialsStrategy credentials = TokenCredentials.of(System.getenv("DATABRICKS_TOKEN"));
 * }</pre>
 */
public final class TokenCredentials implements CredentialsStrategy {

  private final String token;

  private TokenCredentials(String token) {
    this.token = token;
  }

  /**
   * Returns credentials for a personal access token such as {@code dapi0123...}. Leading and trailing
   * whitespace (such as the line break of a token read from a file) is removed.
   *
   * @throws NullPointerException if {@code token} is null
   * @throws IllegalArgumentException if {@code token} is blank or contains anything but printable ASCII
   */
  public static TokenCredentials of(String token) {
    Objects.requireNonNull(token, "token");
    String stripped = token.strip(); // a token read from a file often ends with a line break
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    if (!Secrets.isHeaderSafe(stripped)) {
      throw new IllegalArgumentException(
          "token must hold printable ASCII only, without spaces (value not shown)");
    }
    return new TokenCredentials(stripped);
  }

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
  public boolean equals(Object o) {
    return o instanceof TokenCredentials && ((TokenCredentials) o).token.equals(token);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }

  @Override
  public String toString() {
    return "TokenCredentials{token=" + Secrets.REDACTED + "}";
  }
}
