package io.github.dbexec.auth;

/** Helpers for handling secret values without leaking them. */
final class Secrets {

  /** What {@code toString()} shows instead of a secret. */
  static final String REDACTED = "<redacted>";

  private Secrets() {}

  /**
   * Whether {@code value} can go in an HTTP header value as is: printable ASCII only, no whitespace. (OkHttp
   * would otherwise reject it with a message quoting the value.)
   */
  static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Shows whether a secret is set without showing it. */
  static String presence(Object secret) {
    return secret == null ? "<none>" : REDACTED;
  }
}
