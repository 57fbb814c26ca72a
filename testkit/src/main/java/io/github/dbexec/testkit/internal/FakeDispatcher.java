package io.github.dbexec.testkit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MockWebServer dispatcher: journals every request, applies a matching fault, checks credentials,
 * routes to the Jobs API or the OAuth endpoints and turns errors into Databricks error bodies.
 *
 * <p>Admin requests ({@code /__fake/...}) skip the journal, faults, rate limits and authentication. A
 * request sent to this server as an HTTP proxy (absolute URL in the request line) is served like a direct
 * one, after a {@code Proxy-Authorization} check when proxy credentials are configured (407 otherwise).
 *
 * <p>Order per request: journal → fault (before handling, or after for LOSE_RESPONSE / TRUNCATED_BODY /
 * DELAY / 2xx EMPTY_BODY) → rate limit → authentication → poll hook for {@code runs/get} → handler.
 */
public final class FakeDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(FakeDispatcher.class);
  private static final String ADMIN_PREFIX = "/__fake/";
  private static final Pattern API_PATH = Pattern.compile("^/api/(2\\.[0-9])(/.*)$");
  private static final Pattern ACCOUNT_TOKEN = Pattern.compile("^POST /oidc/accounts/[^/]+/v1/token$");

  private final JobsApi jobsApi;
  private final Journal journal;
  private final Faults faults;
  private final RateLimiter rateLimiter;
  private final Authenticator authenticator;
  private final TokenIssuer tokenIssuer;
  private final LongSupplier clock;
  private final Runnable pollHook;
  private final Runnable drain;
  private final Supplier<String> baseUrl;
  private final long workspaceId;
  private final AdminHandler admin;
  private final @Nullable String proxyCredentials;
  private final Supplier<Map<String, Object>> hostMetadata;
  private final long maxRequestBodyBytes;

  public FakeDispatcher(JobsApi jobsApi, Journal journal, Faults faults, RateLimiter rateLimiter,
      Authenticator authenticator,
      TokenIssuer tokenIssuer, LongSupplier clock, Runnable pollHook, Runnable drain, Supplier<String> baseUrl,
      long workspaceId, AdminHandler admin, @Nullable String proxyCredentials,
      Supplier<Map<String, Object>> hostMetadata, long maxRequestBodyBytes) {
    this.jobsApi = jobsApi;
    this.journal = journal;
    this.faults = faults;
    this.rateLimiter = rateLimiter;
    this.authenticator = authenticator;
    this.tokenIssuer = tokenIssuer;
    this.clock = clock;
    this.pollHook = pollHook;
    this.drain = drain;
    this.baseUrl = baseUrl;
    this.workspaceId = workspaceId;
    this.admin = admin;
    this.proxyCredentials = proxyCredentials;
    this.hostMetadata = hostMetadata;
    this.maxRequestBodyBytes = maxRequestBodyBytes;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    drain.run();
    JournalEntry request = entry(recorded);
    // the handlers read the whole body; the journal keeps it cut to its per-entry limit
    String body = request.bodyTruncated() && recorded.getBodySize() <= maxRequestBodyBytes
        ? bodyOf(recorded).utf8() : request.body();
    MockResponse response = respond(request, body).build();
    // a connection dropped or stalled before the status line answers nothing
    boolean answered = response.getOnResponseStart() == null;
    request.response().set(answered ? response.getCode() : -1);
    return response;
  }

  /**
   * Closes the TCP connection, over HTTP/1.1 and HTTP/2 alike (MockWebServer's ShutdownConnection would send an
   * HTTP/2 GOAWAY instead, which a client may answer by retrying elsewhere).
   */
  private static SocketEffect closeSocket() {
    return new SocketEffect.CloseSocket(true, false, false);
  }

  private static ByteString bodyOf(RecordedRequest recorded) {
    ByteString body = recorded.getBody();
    return body == null ? ByteString.EMPTY : body;
  }

  private MockResponse.Builder respond(JournalEntry request, String body) {
    if (request.path().startsWith(ADMIN_PREFIX)) {
      return toMock(handleAdmin(request, body));
    }
    journal.add(request);
    if (request.viaProxy() && proxyCredentials != null
        && !proxyCredentials.equals(request.headers().get("Proxy-Authorization"))) {
      return toMock(ApiResponse.raw(407, "Proxy Authentication Required")
          .header("Proxy-Authenticate", "Basic realm=\"dbexec-testkit\""));
    }
    FaultSpec fault = faults.fire(request);
    if (fault != null) {
      LOG.debug("fault {} on {} {}", fault.action(), request.method(), request.path());
    }
    if (fault != null && !fault.action().handles(fault.status())) {
      return faultResponse(fault);
    }
    ApiResponse response = handle(request, body);
    request.response().errorCode(response.errorCode());
    if (fault == null) {
      return toMock(response);
    }
    switch (fault.action()) {
      case LOSE_RESPONSE:
        return new MockResponse.Builder().onResponseStart(closeSocket());
      case TRUNCATED_BODY: {
        String answer = response.body();
        ApiResponse cut = ApiResponse.raw(response.status(), answer.substring(0, answer.length() / 2));
        response.headers().forEach(cut::header);
        return withHeaders(toMock(cut), fault);
      }
      case DELAY:
        return withHeaders(toMock(response), fault).headersDelay(fault.millis(), TimeUnit.MILLISECONDS);
      case EMPTY_BODY:
        return faultResponse(fault);
      case DISCONNECT_DURING_BODY:
        // the connection is cut once half the body is written
        return withHeaders(toMock(response), fault).onResponseBody(closeSocket());
      default:
        throw new IllegalStateException(fault.action().name());
    }
  }

  private JournalEntry entry(RecordedRequest recorded) {
    HttpUrl url = recorded.getUrl();
    String target = recorded.getTarget();
    boolean viaProxy = target.startsWith("http://") || target.startsWith("https://");
    if (viaProxy) {
      // absolute-form request line: the client uses this server as its HTTP proxy
      HttpUrl absolute = HttpUrl.parse(target);
      if (absolute != null) {
        url = absolute;
      }
    }
    String path = url.encodedPath();
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, List.copyOf(url.queryParameterValues(name).stream()
          .map(v -> v == null ? "" : v).toList()));
    }
    Matcher matcher = API_PATH.matcher(path);
    String apiVersion = matcher.matches() ? matcher.group(1) : "";
    String method = recorded.getMethod().toUpperCase(java.util.Locale.ROOT);
    ByteString received = bodyOf(recorded);
    boolean truncated = received.size() > journal.maxBodyBytes() || recorded.getBodySize() > received.size();
    String body = received.substring(0, (int) Math.min(received.size(), journal.maxBodyBytes())).utf8();
    return new JournalEntry(journal.nextSequence(), method, path, apiVersion, Map.copyOf(query),
        recorded.getHeaders(), body, truncated, recorded.getBodySize(), clock.getAsLong(), new JournalEntry.ResponseSlot(), viaProxy);
  }

  private ApiResponse handle(JournalEntry request, String body) {
    try {
      if (!request.apiVersion().isEmpty()) {
        return handleApi(request, body);
      }
      return handleOther(request, body);
    } catch (ApiException e) {
      return e.toResponse();
    } catch (RuntimeException e) {
      LOG.warn("fake server failed on {} {}", request.method(), request.path(), e);
      return new ApiException(500, "INTERNAL_ERROR", "The fake server failed: " + e).toResponse();
    }
  }

  private ApiResponse handleAdmin(JournalEntry request, String body) {
    try {
      return admin.handle(new ApiRequest(request.method(), "", request.path().substring("/__fake".length()),
          request.query(), body));
    } catch (ApiException e) {
      return e.toResponse();
    } catch (RuntimeException e) {
      LOG.warn("fake server admin API failed on {} {}", request.method(), request.path(), e);
      return new ApiException(500, "INTERNAL_ERROR", "The fake server failed: " + e).toResponse();
    }
  }

  private ApiResponse handleApi(JournalEntry request, String body) {
    String endpoint = request.endpoint();
    if (!endpoint.startsWith("/jobs/") || !(request.apiVersion().equals("2.1")
        || request.apiVersion().equals("2.2"))) {
      throw new ApiException(404, "ENDPOINT_NOT_FOUND",
          "No API found for '" + request.method() + " " + request.path() + "'");
    }
    if (request.bodySize() > maxRequestBodyBytes) {
      // the Workspace API's wording for its 10 MiB cap (databrickslabs/migrate#247); assumed for the Jobs API
      throw new ApiException(400, "BAD_REQUEST", "Size exceeds " + maxRequestBodyBytes + " bytes");
    }
    long wait = rateLimiter.acquire(request, clock.getAsLong());
    if (wait > 0) {
      throw new ApiException(429, "REQUEST_LIMIT_EXCEEDED",
          "The request was rejected because of rate limiting on " + endpoint + ". Please retry after a while.")
          .header("Retry-After", Long.toString(Math.max(1, (wait + 999) / 1000)));
    }
    ApiException denied = authenticator.check(request.headers().get("Authorization"), clock.getAsLong());
    if (denied != null) {
      throw denied;
    }
    if (request.method().equals("GET") && endpoint.equals("/jobs/runs/get")) {
      pollHook.run();
    }
    try {
      return jobsApi.handle(new ApiRequest(request.method(), request.apiVersion(), endpoint, request.query(),
          body));
    } catch (ApiException e) {
      return e.toResponse(requestId(request));
    }
  }

  /** A request id for error details, derived from the arrival number (deterministic per server). */
  static String requestId(JournalEntry request) {
    return String.format(java.util.Locale.ROOT, "00000000-0000-4000-8000-%012d", request.sequence());
  }

  private ApiResponse handleOther(JournalEntry request, String body) {
    String route = request.method() + " " + request.path();
    if (route.equals("GET /oidc/.well-known/oauth-authorization-server")) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("issuer", baseUrl.get() + "/oidc");
      metadata.put("authorization_endpoint", baseUrl.get() + "/oidc/v1/authorize");
      metadata.put("token_endpoint", baseUrl.get() + "/oidc/v1/token");
      metadata.put("grant_types_supported", List.of("client_credentials", TokenIssuer.TOKEN_EXCHANGE));
      return ApiResponse.ok(metadata);
    }
    if (route.equals("GET /.well-known/databricks-config")) {
      return ApiResponse.ok(hostMetadata.get());
    }
    if (route.equals("POST /oidc/v1/token") || ACCOUNT_TOKEN.matcher(route).matches()) {
      return tokenIssuer.token(request.headers().get("Authorization"), form(body),
          clock.getAsLong());
    }
    throw new ApiException(404, "ENDPOINT_NOT_FOUND",
        "No API found for '" + request.method() + " " + request.path() + "'");
  }

  private static Map<String, List<String>> form(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    HttpUrl parsed = HttpUrl.parse("http://form/?" + body);
    if (parsed != null) {
      for (String name : parsed.queryParameterNames()) {
        form.put(name, parsed.queryParameterValues(name).stream().map(v -> v == null ? "" : v).toList());
      }
    }
    return form;
  }

  private MockResponse.Builder faultResponse(FaultSpec fault) {
    switch (fault.action()) {
      case RESPOND_ERROR:
        return withHeaders(toMock(new ApiException(fault.status(), fault.errorCode(), fault.message())
            .toResponse()), fault);
      case RATE_LIMITED: {
        long seconds = Math.max(0, (fault.millis() + 999) / 1000);
        ApiResponse response = new ApiException(429, "REQUEST_LIMIT_EXCEEDED", fault.message()).toResponse();
        response.header("Retry-After", Long.toString(seconds));
        return withHeaders(toMock(response), fault);
      }
      case DROP_CONNECTION:
        return new MockResponse.Builder().onResponseStart(closeSocket());
      case NO_RESPONSE:
        // the request is read and never answered; the connection stays open until the server closes
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE);
      case EMPTY_BODY:
        return withHeaders(toMock(ApiResponse.raw(fault.status(), "")), fault);
      default:
        throw new IllegalStateException(fault.action().name());
    }
  }

  private static MockResponse.Builder withHeaders(MockResponse.Builder response, FaultSpec fault) {
    fault.headers().forEach(response::setHeader);
    return response;
  }

  private MockResponse.Builder toMock(ApiResponse response) {
    MockResponse.Builder mock = new MockResponse.Builder().status(ReasonPhrases.statusLine(response.status()))
        .body(response.body());
    mock.setHeader("X-Databricks-Org-Id", Long.toString(workspaceId));
    response.headers().forEach(mock::setHeader);
    return mock;
  }
}
