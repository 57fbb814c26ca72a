package io.github.dbexec.auth;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Credentials could not be obtained: a token endpoint rejected the client, answered with an error or
 * something unreadable, or a token supplier returned nothing.
 *
 * <p>The message says what failed and what to check; it never holds a secret (no token, password,
 * client secret or response body). {@link #isRetryable()} tells transient failures (the token endpoint
 * answered 429 or 5xx, or could not be reached) from permanent ones (HTTP 400/401/403, an invalid client,
 * a malformed response).
 */
public class CredentialsException extends IOException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * Creates an exception.
   *
   * @param message what failed; must not contain a secret
   * @param retryable whether trying again later may succeed
   */
  public CredentialsException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what failed; must not contain a secret
   * @param retryable whether trying again later may succeed
   * @param cause the underlying failure, or {@code null}
   */
  public CredentialsException(String message, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed (the failure was transient, such as HTTP 503 or a timeout). */
  public boolean isRetryable() {
    return retryable;
  }
}
