package io.github.dbexec.auth;

/** Helpers for handling secret values without leaking them. */
final class Secrets {

  /** What {@code toString()} shows instead of a secret. */
  static final String REDACTED = "<redacted>";

  private Secrets() {}

  /** Shows whether a secret is set without showing it. */
  static String presence(Object secret) {
    return secret == null ? "<none>" : REDACTED;
  }
}
