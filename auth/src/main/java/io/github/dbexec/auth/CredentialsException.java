package io.github.dbexec.auth;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Credentials could not be obtained: a token endpoint refused the credential or answered with an error or
 * something unreadable, an identity provider (GitHub Actions, Azure DevOps, Azure's metadata endpoint) could
 * not be reached, a command-line tool ({@code az}, {@code databricks}) is missing or not logged in, or a token
 * supplier returned nothing.
 *
 * <p>The message names the way of authenticating (its auth type, such as {@code github-oidc}), says what failed
 * and what to fix; it never holds a secret (no token, password, client secret or response body).
 *
 * <ul>
 *   <li>{@link #isRefused()}: the credential itself was refused, because a token endpoint answered HTTP 400, 401
 *       or 403 (a wrong client secret, an ID token no federation policy accepts, a disabled identity). Trying
 *       again with the same credential will not help; callers such as the executor report it as
 *       "unauthenticated".
 *   <li>{@link #isRetryable()}: the failure was transient (HTTP 429 or 5xx, a timeout, an unreachable endpoint),
 *       so trying again later may succeed.
 *   <li>Neither: something is misconfigured or missing (no CLI login, a missing file, an unreadable answer).
 * </ul>
 */
public class CredentialsException extends IOException {

  private static final long serialVersionUID = 1L;

  /** As {@link #isRetryable()} returns it. */
  private final boolean retryable;
  /** As {@link #isRefused()} returns it. */
  private final boolean refused;

  /**
   * Creates an exception for a failure that is not a refusal.
   *
   * @param message what failed; must not contain a secret
   * @param retryable whether trying again later may succeed
   */
  public CredentialsException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /**
   * Creates an exception with a cause, for a failure that is not a refusal.
   *
   * @param message what failed; must not contain a secret
   * @param retryable whether trying again later may succeed
   * @param cause the underlying failure, or {@code null}
   */
  public CredentialsException(String message, boolean retryable, @Nullable Throwable cause) {
    this(message, retryable, false, cause);
  }

  private CredentialsException(String message, boolean retryable, boolean refused, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.refused = refused;
  }

  /**
   * Creates an exception saying that a token endpoint refused the credential (HTTP 400, 401 or 403); it is not
   * retryable and {@link #isRefused()} is true.
   *
   * @param message what was refused and what to check; must not contain a secret
   * @param cause the underlying failure, or {@code null}
   * @return the exception, with {@link #isRefused()} true
   */
  public static CredentialsException refused(String message, @Nullable Throwable cause) {
    return new CredentialsException(message, false, true, cause);
  }

  /**
   * Whether trying again later may succeed (the failure was transient, such as HTTP 503 or a timeout).
   *
   * @return {@code true} if a later attempt may succeed
   */
  public boolean isRetryable() {
    return retryable;
  }

  /**
   * Whether a token endpoint refused the credential (HTTP 400, 401 or 403): the credential is wrong, expired or
   * not allowed to sign in, and asking again with it will not help.
   *
   * @return {@code true} if the credential itself was refused
   */
  public boolean isRefused() {
    return refused;
  }
}
