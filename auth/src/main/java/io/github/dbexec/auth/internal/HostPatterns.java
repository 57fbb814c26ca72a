package io.github.dbexec.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matches host names against proxy-bypass patterns written the JVM way ({@code http.nonProxyHosts}:
 * {@code *.corp.example|localhost|10.*}) or the curl way ({@code NO_PROXY}: {@code .corp.example,localhost}).
 *
 * <p>Rules, case-insensitive: {@code *} alone matches every host; a leading {@code *.} or {@code .} matches
 * the domain itself and every subdomain; a plain name matches itself and its subdomains; a trailing
 * {@code *} matches by prefix ({@code 10.*}, {@code 192.168.*}); an IPv4 CIDR range ({@code 10.0.0.0/8})
 * matches IPv4 literals inside it; a {@code :port} suffix and IPv6 brackets are ignored. Immutable.
 */
public final class HostPatterns {

  private final List<String> patterns;

  private HostPatterns(List<String> patterns) {
    this.patterns = patterns;
  }

  /** Returns a matcher for {@code patterns}, normalising each; blank patterns are dropped. */
  public static HostPatterns of(List<String> patterns) {
    List<String> normalised = new ArrayList<>();
    for (String pattern : patterns) {
      String p = normalise(pattern);
      if (!p.isEmpty()) {
        normalised.add(p);
      }
    }
    return new HostPatterns(List.copyOf(normalised));
  }

  /** Splits a list written with {@code separatorRegex} (such as {@code "\\|"} or {@code ","}). */
  public static List<String> split(String list, String separatorRegex) {
    List<String> result = new ArrayList<>();
    for (String part : list.split(separatorRegex)) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        result.add(trimmed);
      }
    }
    return result;
  }

  /** Whether {@code host} matches any pattern. */
  public boolean matches(String host) {
    String h = stripBrackets(host.toLowerCase(Locale.ROOT));
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (String p : patterns) {
      if (matches(p, h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String pattern, String host) {
    if (pattern.equals("*")) {
      return true;
    }
    int slash = pattern.indexOf('/');
    if (slash > 0) {
      return inIpv4Range(pattern.substring(0, slash), pattern.substring(slash + 1), host);
    }
    if (pattern.endsWith("*")) {
      return host.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    String domain = pattern;
    if (domain.startsWith("*.")) {
      domain = domain.substring(2);
    } else if (domain.startsWith(".")) {
      domain = domain.substring(1);
    }
    return host.equals(domain) || host.endsWith("." + domain);
  }

  /** Whether {@code host} is an IPv4 literal inside {@code network}/{@code prefixLength} (CIDR). */
  private static boolean inIpv4Range(String network, String prefixLength, String host) {
    long net = ipv4(network);
    long address = ipv4(host);
    int bits;
    try {
      bits = Integer.parseInt(prefixLength);
    } catch (NumberFormatException e) {
      return false;
    }
    if (net < 0 || address < 0 || bits < 0 || bits > 32) {
      return false;
    }
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (net & mask) == (address & mask);
  }

  /** The IPv4 address as an unsigned number, or -1 when {@code text} is not a dotted-quad literal. */
  private static long ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  private static String normalise(String pattern) {
    String p = pattern.trim().toLowerCase(Locale.ROOT);
    if (p.startsWith("[")) {
      int close = p.indexOf(']');
      return close > 0 ? p.substring(1, close) : p;
    }
    int colon = p.indexOf(':');
    if (colon >= 0 && colon == p.lastIndexOf(':')) {
      p = p.substring(0, colon); // host:port; several colons means a bare IPv6 address
    }
    return p;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The normalised patterns. */
  public List<String> patterns() {
    return patterns;
  }
}
