package io.github.dbexec.auth;

import okhttp3.HttpUrl;

/** Parsing of workspace URLs given as text. */
final class HostUrls {

  private HostUrls() {}

  /**
   * Parses {@code text} as an HTTP(S) URL; a value without a scheme gets {@code https://}.
   *
   * @throws IllegalArgumentException naming {@code field} when the value is not a URL
   */
  static HttpUrl parse(String text, String field) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
    HttpUrl url = HttpUrl.parse(withScheme);
    if (url == null) {
      throw new IllegalArgumentException(field + " is not an http(s) URL: '" + trimmed + "'");
    }
    return url;
  }
}
