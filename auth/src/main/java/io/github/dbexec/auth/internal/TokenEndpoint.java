package io.github.dbexec.auth.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.dbexec.auth.AuthContext;
import io.github.dbexec.auth.CredentialsException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls OAuth 2.0 token endpoints (and discovery documents) with retries of transient failures.
 *
 * <p>Retried: connection failures and timeouts, HTTP 429 and 5xx, up to {@code maxAttempts} in all, with
 * exponential backoff from {@code backoff}. Not retried: other 4xx, unreadable answers. Neither request
 * bodies nor response bodies are ever logged or put in exception messages: only the endpoint, the HTTP
 * status and the OAuth {@code error} code (and an Entra ID {@code AADSTSnnnn} code) are.
 */
public final class TokenEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final Pattern AADSTS = Pattern.compile("\\bAADSTS\\d{1,10}\\b");
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final OkHttpClient client;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration backoff;
  private final AuthContext.Sleeper sleeper;

  /** The longest {@code Retry-After} honoured; a longer one is waited for this long. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  /** Advice for a refused OAuth client (M2M, Entra ID client secret). */
  public static final String CLIENT_ADVICE = "; check the client id, client secret and tenant, and that the"
      + " service principal may use the workspace";

  private TokenEndpoint(OkHttpClient client, Clock clock, int maxAttempts, Duration backoff,
      AuthContext.Sleeper sleeper) {
    this.client = client;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * Calls endpoints with the executor's HTTP client (its proxy and TLS settings), clock and sleeper.
   *
   * @param maxAttempts attempts per request, including the first
   * @param backoff the wait before the second attempt, doubled for each further one
   */
  public static TokenEndpoint of(AuthContext context, int maxAttempts, Duration backoff) {
    return new TokenEndpoint(context.httpClient(), context.clock(), maxAttempts, backoff, context.sleeper());
  }

  /**
   * Requests a token with a form-encoded POST.
   *
   * @param what what is being fetched, for messages (no secrets)
   * @param basicAuthorization an {@code Authorization: Basic ..} value for client authentication, or null
   * @param refreshAhead how long before expiry the token should be refreshed (capped at half its lifetime)
   */
  public AccessToken requestToken(String what, HttpUrl endpoint, FormBody form,
      @Nullable String basicAuthorization, Duration refreshAhead) throws IOException {
    Request.Builder request = new Request.Builder().url(endpoint).post(form);
    if (basicAuthorization != null) {
      request.header("Authorization", basicAuthorization);
    }
    return requestToken(what, request.build(), CLIENT_ADVICE, refreshAhead);
  }

  /**
   * Sends {@code request} and reads an OAuth-style token answer: {@code access_token}, and its lifetime from
   * {@code expires_in} (seconds, number or string) or {@code expires_on} (epoch seconds, as Azure's managed
   * identity endpoints send it).
   *
   * @param refusedAdvice appended to the message of a refusal (HTTP 400/401/403): what to check
   */
  public AccessToken requestToken(String what, Request request, String refusedAdvice, Duration refreshAhead)
      throws IOException {
    Instant requestedAt = clock.instant();
    Map<String, Object> json = call(what, withAccept(request), refusedAdvice);
    String shown = shown(request.url());
    Object accessToken = json.get("access_token");
    if (!(accessToken instanceof String) || ((String) accessToken).isEmpty()) {
      throw new CredentialsException(what + ": " + shown + " answered without an access_token", false);
    }
    String value = (String) accessToken;
    if (!isHeaderSafe(value)) {
      throw new CredentialsException(what + ": " + shown + " answered with an access_token that is not"
          + " printable ASCII", false);
    }
    Instant expiresAt = expiry(json, requestedAt);
    return AccessTokens.of(value, requestedAt, expiresAt, refreshAhead);
  }

  /** GETs a JSON document, such as an OAuth authorization-server metadata document. */
  public Map<String, Object> getJson(String what, HttpUrl url) throws IOException {
    return call(what, withAccept(new Request.Builder().url(url).get().build()), "; check the host or endpoint URL");
  }

  /** Sends {@code request} and returns its JSON object answer, with the retries and errors of token requests. */
  public Map<String, Object> json(String what, Request request, String refusedAdvice) throws IOException {
    return call(what, withAccept(request), refusedAdvice);
  }

  /** A URL as shown in messages and logs: without its query, which may carry identifiers callers gave. */
  public static String shown(HttpUrl url) {
    return url.newBuilder().query(null).fragment(null).build().toString();
  }

  private static Request withAccept(Request request) {
    return request.header("Accept") != null ? request : request.newBuilder().header("Accept", "application/json")
        .build();
  }

  private Map<String, Object> call(String what, Request request, String refusedAdvice) throws IOException {
    HttpUrl requestUrl = request.url();
    String url = shown(requestUrl);
    for (int attempt = 1; ; attempt++) {
      LOG.trace("{}: {} {} (attempt {} of {})", what, request.method(), url, attempt, maxAttempts);
      CredentialsException failure;
      Duration retryAfter = null;
      try (Response response = client.newCall(request).execute()) {
        ResponseBody body = response.body();
        String text = body == null ? "" : body.string();
        if (response.isSuccessful()) {
          try {
            Map<String, Object> json = JSON.fromJson(text);
            if (json == null) {
              throw new CredentialsException(what + ": " + url + " answered HTTP " + response.code()
                  + " with an empty JSON document", false);
            }
            LOG.trace("{}: {} answered HTTP {}", what, url, response.code());
            return json;
          } catch (JsonDataException | JsonEncodingException e) {
            throw new CredentialsException(what + ": " + url + " answered HTTP " + response.code()
                + " with a body that is not a JSON object (is the URL right, or is a proxy answering?)", false);
          }
        }
        int code = response.code();
        boolean retryable = code == 429 || code >= 500;
        String message = what + ": " + url + " answered HTTP " + code + describeError(text);
        if (code == 400 || code == 401 || code == 403) {
          failure = CredentialsException.refused(message + refusedAdvice, null);
        } else {
          failure = new CredentialsException(message + (code == 404 ? "; check the host or endpoint URL" : ""),
              retryable);
        }
        retryAfter = retryable ? retryAfter(response.header("Retry-After")) : null;
        LOG.trace("{}: {} answered HTTP {}{} (retryable: {})", what, url, code, describeError(text), retryable);
      } catch (CredentialsException e) {
        LOG.debug("{}", e.getMessage());
        throw e;
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        failure = new CredentialsException(what + ": " + url + " did not answer in time ("
            + e.getClass().getSimpleName() + ")", true, e);
        LOG.trace("{}: {} timed out", what, url);
      } catch (IOException e) {
        failure = new CredentialsException(what + ": could not reach " + url + " (" + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the network, the proxy settings and"
            + " that the endpoint runs here", true, e);
        LOG.trace("{}: could not reach {}: {}", what, url, e.toString());
      }
      if (!failure.isRetryable() || attempt >= maxAttempts) {
        LOG.debug("{} (attempt {} of {}, giving up)", failure.getMessage(), attempt, maxAttempts);
        throw failure;
      }
      Duration delay = retryAfter != null ? retryAfter : backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
      LOG.debug("{} (attempt {} of {}); retrying in {} ms{}", failure.getMessage(), attempt, maxAttempts,
          delay.toMillis(), retryAfter != null ? " as Retry-After asked" : "");
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException(what + ": interrupted while retrying");
        interrupted.initCause(failure);
        throw interrupted;
      }
    }
  }

  /** The expiry from {@code expires_in} (seconds from now) or {@code expires_on} (epoch seconds). */
  private static Instant expiry(Map<String, Object> json, Instant requestedAt) {
    long expiresIn = seconds(json.get("expires_in"));
    if (expiresIn > 0) {
      return requestedAt.plusSeconds(expiresIn);
    }
    long expiresOn = seconds(json.get("expires_on"));
    if (expiresOn > 0) {
      return Instant.ofEpochSecond(expiresOn);
    }
    // RFC 6749 makes expires_in optional; assume a short life rather than forever
    return requestedAt.plus(Duration.ofMinutes(5));
  }

  private static long seconds(@Nullable Object value) {
    if (value instanceof Number) {
      return ((Number) value).longValue();
    }
    if (value instanceof String) {
      try {
        return Long.parseLong(((String) value).trim()); // Entra ID v1 and managed identity endpoints send strings
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date, capped at {@link #MAX_RETRY_AFTER}; null if absent. */
  private @Nullable Duration retryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      try {
        Instant at = java.time.ZonedDateTime.parse(value.trim(),
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(clock.instant(), at);
      } catch (java.time.format.DateTimeParseException notADate) {
        return null;
      }
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  /** The OAuth error code (and Entra ID AADSTS code) of an error body; never the free-text description. */
  private static String describeError(String body) {
    StringBuilder s = new StringBuilder();
    try {
      Map<String, Object> json = JSON.fromJson(body);
      if (json != null) {
        Object error = json.get("error");
        if (error instanceof String && ERROR_CODE.matcher((String) error).matches()) {
          s.append(" (error: ").append(error);
          Object description = json.get("error_description");
          if (description instanceof String) {
            Matcher m = AADSTS.matcher((String) description);
            if (m.find()) {
              s.append(", ").append(m.group());
            }
          }
          s.append(')');
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: say nothing about the body
    }
    return s.toString();
  }

  /**
   * Whether {@code value} can go in an HTTP header value as is: printable ASCII only, no whitespace. (OkHttp
   * would otherwise reject it with a message quoting the value.)
   */
  public static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
