package io.github.dbexec.events.internal;

import io.github.dbexec.events.EventRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Formats a record as one logfmt line: {@code <type> v<version> creation_timestamp=<ms> key=value ...},
 * fields in record order. Values containing spaces, quotes, {@code =} or control characters, and empty
 * values, are double-quoted with {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t} escaped; the
 * line never contains a line break. Nested values are written as compact JSON.
 */
public final class Logfmt {
  private Logfmt() {}

  public static String format(EventRecord record) {
    StringBuilder line = new StringBuilder(128)
        .append(record.type()).append(" v").append(record.version())
        .append(" creation_timestamp=").append(record.creationTimestamp());
    for (Map.Entry<String, Object> field : record.fields().entrySet()) {
      line.append(' ').append(field.getKey()).append('=');
      Object value = field.getValue();
      String text = value instanceof Map || value instanceof List
          ? RecordJson.writeValue(value)
          : value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
      appendValue(line, text);
    }
    return line.toString();
  }

  private static void appendValue(StringBuilder line, String text) {
    if (!needsQuotes(text)) {
      line.append(text);
      return;
    }
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          line.append("\\\"");
          break;
        case '\\':
          line.append("\\\\");
          break;
        case '\n':
          line.append("\\n");
          break;
        case '\r':
          line.append("\\r");
          break;
        case '\t':
          line.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
      }
    }
    line.append('"');
  }

  private static boolean needsQuotes(String text) {
    if (text.isEmpty()) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }
}
