package io.github.dbexec.internal;

import io.github.dbexec.auth.AzureServicePrincipalCredentials;
import io.github.dbexec.auth.BasicCredentials;
import io.github.dbexec.auth.CredentialsStrategy;
import io.github.dbexec.auth.OAuthM2mCredentials;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.auth.TokenCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The project's one redaction routine: every text core puts into an exception message, a log line or an event goes
 * through {@link #redact}. It removes the executor's own configured secrets literally (the token given to the
 * builder, and every credential the executor has sent in an {@code Authorization} header — a PAT, an OAuth or Entra
 * ID access token, a basic-auth password), whatever their format, and anything that looks like a credential by
 * pattern: Databricks personal access tokens ({@code dapi...}), JSON Web Tokens, {@code Bearer}/{@code Basic}
 * values and {@code password=}/{@code token=}/{@code client_secret=} style pairs. Thread-safe.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "***";

  private static final int MAX_SECRETS = 64;
  private static final int MIN_SECRET_LENGTH = 4;
  private static final int SNIPPET_CHARS = 200;
  private static final Pattern PAT = Pattern.compile("\\bdapi[0-9a-zA-Z-]{4,}");
  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
  private static final Pattern AUTH = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{4,}");
  private static final Pattern PAIR = Pattern.compile(
      "(?i)(\"?\\b(?:password|passwd|access_token|refresh_token|client_secret|secret|token)\"?\\s*[:=]\\s*\"?)"
          + "[^\\s\",}&]{4,}");

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private volatile @Nullable String lastAuthorization;

  private Redactor() {}

  /** A redactor that knows no secret yet (patterns only until {@link #addSecret} is called). */
  public static Redactor create() {
    return new Redactor();
  }

  /** Remembers {@code secret} so that it is removed literally from every later text; short values are ignored. */
  public void addSecret(@Nullable String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH || secrets.size() >= MAX_SECRETS) {
      return;
    }
    secrets.add(secret);
  }

  /**
   * Remembers the literal secrets of the configured credentials and proxy, before any request is sent: a token, an
   * OAuth or Entra ID client secret, a basic-auth password (and its {@code Basic} encoding), a proxy password.
   * Credentials of other kinds (tokens from a CLI, a managed identity, a supplier) are learnt from the
   * {@code Authorization} header they produce ({@link #addAuthorization}).
   */
  public void addCredentials(@Nullable CredentialsStrategy credentials, @Nullable ProxyConfig proxy) {
    if (credentials instanceof TokenCredentials t) {
      addSecret(t.token());
    } else if (credentials instanceof OAuthM2mCredentials o) {
      addSecret(o.clientSecret());
    } else if (credentials instanceof AzureServicePrincipalCredentials a) {
      addSecret(a.clientSecret());
    } else if (credentials instanceof BasicCredentials b) {
      addSecret(b.password());
      addSecret(Base64.getEncoder().encodeToString((b.username() + ":" + b.password())
          .getBytes(StandardCharsets.UTF_8)));
    }
    if (proxy != null) {
      addSecret(proxy.password());
    }
  }

  /**
   * Remembers the credential in an {@code Authorization} header value: the token of {@code Bearer <token>}, the
   * password (and the encoded form) of {@code Basic <base64(user:password)>}. Cheap when the value repeats.
   */
  public void addAuthorization(@Nullable String headerValue) {
    if (headerValue == null || headerValue.equals(lastAuthorization)) {
      return;
    }
    lastAuthorization = headerValue;
    int space = headerValue.indexOf(' ');
    String credential = space < 0 ? headerValue : headerValue.substring(space + 1).trim();
    addSecret(credential);
    if (space > 0 && headerValue.regionMatches(true, 0, "Basic", 0, 5)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon >= 0) {
          addSecret(decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // nothing more to learn
      }
    }
  }

  /** {@code text} with every known secret and everything that looks like a credential replaced by {@value #MASK}. */
  public String redact(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String result = text;
    for (String secret : secrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return redactPatterns(result);
  }

  /** {@code text} with everything that looks like a credential masked, for places that know no configured secret. */
  public static String redactPatterns(String text) {
    String result = PAT.matcher(text).replaceAll(MASK);
    result = JWT.matcher(result).replaceAll(MASK);
    result = AUTH.matcher(result).replaceAll("$1$2" + MASK);
    return PAIR.matcher(result).replaceAll("$1" + MASK);
  }

  /** A single-line, bounded, redacted excerpt of a body, in quotes, for messages. */
  public String snippet(String body) {
    String oneLine = redact(body.replaceAll("\\s+", " ").trim());
    return oneLine.length() <= SNIPPET_CHARS
        ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, SNIPPET_CHARS) + "…\"";
  }
}
