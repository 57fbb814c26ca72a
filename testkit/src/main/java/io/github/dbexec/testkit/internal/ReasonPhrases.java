package io.github.dbexec.testkit.internal;

import java.util.Map;

/**
 * The standard HTTP reason phrases (RFC 9110 §15, plus 429 from RFC 6585), as real servers put them in the
 * status line ({@code HTTP/1.1 400 Bad Request}); MockWebServer would write its own class names
 * ({@code Client Error}), which a client that falls back to the phrase would then show.
 */
final class ReasonPhrases {
  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
      Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
      Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Timeout"),
      Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(411, "Length Required"),
      Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"),
      Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private ReasonPhrases() {}

  /** The status line for a status code, e.g. {@code HTTP/1.1 400 Bad Request}. */
  static String statusLine(int status) {
    String phrase = PHRASES.get(status);
    return "HTTP/1.1 " + status + (phrase == null ? "" : " " + phrase);
  }
}
