package io.github.dbexec.auth.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
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

  /** Sleeps between attempts; tests pass one that does not wait. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final Pattern AADSTS = Pattern.compile("\\bAADSTS\\d{1,10}\\b");
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final OkHttpClient client;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration backoff;
  private final Sleeper sleeper;

  public TokenEndpoint(OkHttpClient client, Clock clock, int maxAttempts, Duration backoff, Sleeper sleeper) {
    this.client = client;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
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
    Request.Builder request = new Request.Builder().url(endpoint).post(form).header("Accept", "application/json");
    if (basicAuthorization != null) {
      request.header("Authorization", basicAuthorization);
    }
    Instant requestedAt = clock.instant();
    Map<String, Object> json = call(what, request.build());
    Object accessToken = json.get("access_token");
    if (!(accessToken instanceof String) || ((String) accessToken).isEmpty()) {
      throw new CredentialsException(what + ": " + endpoint + " answered without an access_token", false);
    }
    String value = (String) accessToken;
    if (!isHeaderSafe(value)) {
      throw new CredentialsException(what + ": " + endpoint + " answered with an access_token that is not"
          + " printable ASCII", false);
    }
    Duration lifetime = expiresIn(json.get("expires_in"));
    Duration ahead = refreshAhead.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshAhead;
    Instant expiresAt = requestedAt.plus(lifetime);
    return new AccessToken(value, expiresAt, expiresAt.minus(ahead));
  }

  /** GETs a JSON document, such as an OAuth authorization-server metadata document. */
  public Map<String, Object> getJson(String what, HttpUrl url) throws IOException {
    return call(what, new Request.Builder().url(url).get().header("Accept", "application/json").build());
  }

  private Map<String, Object> call(String what, Request request) throws IOException {
    HttpUrl url = request.url();
    for (int attempt = 1; ; attempt++) {
      LOG.trace("{}: {} {} (attempt {} of {})", what, request.method(), url, attempt, maxAttempts);
      CredentialsException failure;
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
        failure = new CredentialsException(what + ": " + url + " answered HTTP " + code + describeError(text)
            + advice(code), retryable);
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
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, e);
        LOG.trace("{}: could not reach {}: {}", what, url, e.toString());
      }
      if (!failure.isRetryable() || attempt >= maxAttempts) {
        LOG.debug("{} (attempt {} of {}, giving up)", failure.getMessage(), attempt, maxAttempts);
        throw failure;
      }
      Duration delay = backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
      LOG.debug("{} (attempt {} of {}); retrying in {} ms", failure.getMessage(), attempt, maxAttempts,
          delay.toMillis());
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

  private static Duration expiresIn(@Nullable Object value) {
    long seconds = -1;
    if (value instanceof Number) {
      seconds = ((Number) value).longValue();
    } else if (value instanceof String) {
      try {
        seconds = Long.parseLong(((String) value).trim()); // Entra ID v1 endpoints send a string
      } catch (NumberFormatException e) {
        seconds = -1;
      }
    }
    // RFC 6749 makes expires_in optional; assume a short life rather than forever
    return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofMinutes(5);
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

  private static String advice(int code) {
    if (code == 400 || code == 401 || code == 403) {
      return "; check the client id, client secret and tenant, and that the service principal may use the"
          + " workspace";
    }
    if (code == 404) {
      return "; check the host or token endpoint URL";
    }
    return "";
  }

  static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
