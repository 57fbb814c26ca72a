package io.github.dbexec.auth;

import java.util.List;

/**
 * The workspace host or credentials could not be resolved from environment variables and
 * {@code ~/.databrickscfg} ({@link WorkspaceConfig#resolve}).
 *
 * <p>The message lists what was tried, in order, and what each way to authenticate was missing; it names
 * environment variables, profile keys and files, and never holds a secret value.
 */
public final class ConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What was tried, as {@link #attempts()} returns it. */
  private final List<String> attempts;

  /**
   * Creates an exception.
   *
   * @param message what failed and what to do; must not contain a secret
   * @param attempts what was tried, one line each (may be empty)
   */
  public ConfigurationException(String message, List<String> attempts) {
    super(attempts.isEmpty() ? message : message + "\n  - " + String.join("\n  - ", attempts));
    this.attempts = List.copyOf(attempts);
  }

  /**
   * What was tried, one line each, in order; no secret values.
   *
   * @return an unmodifiable list, in the order tried
   */
  public List<String> attempts() {
    return attempts;
  }
}
