package io.github.dbexec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** The {@code User-Agent} dbexec sends: {@code [product/version ]dbexec/<version> jvm/<version> os/<name>}. */
public final class UserAgent {
  private UserAgent() {}

  /** dbexec's own version, from the build; {@code 0.0.0} when unknown. */
  public static String dbexecVersion() {
    try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "0.0.0";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "0.0.0");
      return v.startsWith("${") ? "0.0.0" : v;
    } catch (IOException e) {
      return "0.0.0";
    }
  }

  /** The header value, with the caller's product first when given. */
  public static String value(@Nullable String product, @Nullable String productVersion) {
    StringBuilder s = new StringBuilder();
    if (product != null) {
      s.append(product).append('/').append(productVersion == null ? "0.0.0" : productVersion).append(' ');
    }
    s.append("dbexec/").append(dbexecVersion());
    s.append(" jvm/").append(token(System.getProperty("java.version", "unknown")));
    s.append(" os/").append(os());
    return s.toString();
  }

  private static String os() {
    String name = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return "linux";
    }
    if (name.contains("mac") || name.contains("darwin")) {
      return "darwin";
    }
    if (name.contains("win")) {
      return "windows";
    }
    return token(name);
  }

  /** {@code s} with every character outside {@code [A-Za-z0-9._+-]} replaced by {@code -} (no regex: cold start). */
  private static String token(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
          || c == '_' || c == '+' || c == '-';
      if (!ok) {
        chars[i] = '-';
      }
    }
    return new String(chars);
  }
}
