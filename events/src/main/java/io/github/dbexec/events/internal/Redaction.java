package io.github.dbexec.events.internal;

import java.util.regex.Pattern;

/**
 * A last line of defence against secrets in free text: masks Databricks personal access tokens
 * ({@code dapi...}), {@code Bearer}/{@code Basic} credentials and {@code password=}/{@code token=}/
 * {@code secret=} style pairs. Callers must still not put secrets in messages; this only catches mistakes.
 */
public final class Redaction {
  private static final String MASK = "██";
  private static final Pattern PAT = Pattern.compile("\\bdapi[0-9a-zA-Z-]{8,}");
  private static final Pattern AUTH = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{4,}");
  private static final Pattern PAIR = Pattern.compile(
      "(?i)\\b(password|passwd|token|secret|client_secret|access_token|refresh_token)(\"?\\s*[:=]\\s*\"?)[^\\s\",}&]+");

  private Redaction() {}

  public static String redact(String text) {
    String result = PAT.matcher(text).replaceAll(MASK);
    result = AUTH.matcher(result).replaceAll("$1 " + MASK);
    return PAIR.matcher(result).replaceAll("$1$2" + MASK);
  }
}
