package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.TokenEndpoint;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates with bearer tokens the application obtains itself (auth type {@code external}), such as
 * tokens from a secret manager, a workload-identity exchange, or another SDK.
 *
 * <p>The supplier is called before <em>every</em> request, from any thread, so it must be thread-safe and
 * should cache and refresh its token itself. It returns the token alone ({@code "eyJ..."}); a leading
 * {@code "Bearer "} is tolerated and removed. Each request carries {@code Authorization: Bearer <token>}.
 *
 * <p>When the supplier returns null or a blank value, or throws, the request fails with a
 * {@link CredentialsException}: retryable when the supplier threw an {@link UncheckedIOException}, not
 * retryable otherwise. The supplier's exception is attached as the cause; its message is not copied.
 *
 * <pre>{@code
 * CredentialsStrategy credentials = BearerTokenSupplierCredentials.of(vault::currentDatabricksToken);
 * }</pre>
 *
 * <p>Two instances are equal when their suppliers are (for lambdas and method references: the same object).
 *
 * @param supplier returns the current token, or null when it has none; called before every request
 */
public record BearerTokenSupplierCredentials(Supplier<@Nullable String> supplier) implements CredentialsStrategy {

  /**
   * Checks the supplier.
   *
   * @param supplier returns the current token, or null when it has none; called before every request
   * @throws NullPointerException if {@code supplier} is null
   */
  public BearerTokenSupplierCredentials {
    Objects.requireNonNull(supplier, "supplier");
  }

  /**
   * Returns credentials calling {@code supplier} for the token before each request; the same as the
   * constructor.
   *
   * @param supplier returns the current token, or null when it has none; called before every request
   * @return the credentials
   * @throws NullPointerException if {@code supplier} is null
   */
  public static BearerTokenSupplierCredentials of(Supplier<@Nullable String> supplier) {
    return new BearerTokenSupplierCredentials(supplier);
  }

  /** Returns {@code "external"}. */
  @Override
  public String authType() {
    return "external";
  }

  @Override
  public HeaderFactory configure(AuthContext context) {
    Objects.requireNonNull(context, "context");
    return () -> {
      String token;
      try {
        token = supplier.get();
      } catch (UncheckedIOException e) {
        throw new CredentialsException("the bearer token supplier failed (" + e.getClass().getSimpleName()
            + "); see the cause", true, e);
      } catch (RuntimeException e) {
        throw new CredentialsException("the bearer token supplier failed (" + e.getClass().getName()
            + "); see the cause", false, e);
      }
      if (token == null || token.isBlank()) {
        throw new CredentialsException("the bearer token supplier returned no token", false);
      }
      String value = token.strip();
      if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        value = value.substring(7).strip();
      }
      if (!TokenEndpoint.isHeaderSafe(value)) {
        throw new CredentialsException("the bearer token supplier returned a token that is not printable ASCII"
            + " without spaces (value not shown)", false);
      }
      return Map.of("Authorization", "Bearer " + value);
    };
  }

  @Override
  public String toString() {
    return "BearerTokenSupplierCredentials{supplier=" + supplier.getClass().getName() + "}";
  }
}
