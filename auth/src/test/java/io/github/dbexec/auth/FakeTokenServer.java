package io.github.dbexec.auth;

import java.io.IOException;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A MockWebServer answering Databricks OAuth discovery and token requests and Entra ID (v1) token requests.
 * Tokens are numbered: {@code m2m-1}, {@code m2m-2}, {@code azure-db-1}, {@code azure-mgmt-1}, ...
 */
final class FakeTokenServer implements AutoCloseable {

  static final String AZURE_DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

  final MockWebServer server = new MockWebServer();
  final AtomicInteger discoveryRequests = new AtomicInteger();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger azureRequests = new AtomicInteger();
  final List<RecordedRequest> tokenJournal = new CopyOnWriteArrayList<>();
  /** Scripted failures answered before any successful token response (status codes; 0 = drop connection). */
  final Deque<Integer> failures = new ConcurrentLinkedDeque<>();
  volatile String clientId = "sp-client";
  volatile String clientSecret = "sp-secret";
  volatile long expiresInSeconds = 3600;
  volatile String errorBody = "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";
  volatile Runnable beforeToken = () -> {};
  volatile String tokenPrefix = "m2m-";
  /** When set, requests without this Proxy-Authorization value get 407 (the server then acts as a proxy). */
  volatile String requiredProxyAuthorization;
  /** The base URL discovery advertises; default this server's URL. */
  volatile HttpUrl publicBase;
  /** CONNECT requests that were let through (the server acting as a tunnelling proxy). */
  final List<RecordedRequest> connects = new CopyOnWriteArrayList<>();
  /** Set by {@link #useHttpsBehindProxy}: connections start in plain text, as a proxy's do. */
  private volatile boolean tunnelProxy;
  /** Set on a connection's thread when its CONNECT was let through: the connection turns to TLS next. */
  private static final ThreadLocal<Boolean> TUNNEL_OPENED = ThreadLocal.withInitial(() -> false);

  // --- workload identity federation (RFC 8693 token exchange) and identity providers ---
  /** ID tokens the token-exchange grant accepts as subject tokens. */
  final java.util.Set<String> acceptedIdTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The client_id the exchange requires; null: requires that none is sent (account-wide federation). */
  volatile String exchangeClientId = "sp-fed";
  volatile int exchangeRefusalCode = 401;
  volatile String exchangePrefix = "oidc-";
  final AtomicInteger exchanges = new AtomicInteger();
  /** GitHub Actions' ID token endpoint ({@code /github/idtoken}): its request token and the ID token it issues. */
  volatile String githubRequestToken = "gh-request-token";
  volatile String githubIdToken = "gh-id-token";
  final List<RecordedRequest> identityJournal = new CopyOnWriteArrayList<>();
  /** Azure DevOps' OIDC endpoint ({@code .../oidctoken}): its access token and the ID token it issues. */
  volatile String adoAccessToken = "ado-access-token";
  volatile String adoIdToken = "ado-id-token";
  /** Requests to {@code /api/...}, the workspace API stand-in. */
  final List<RecordedRequest> apiJournal = new CopyOnWriteArrayList<>();
  /** The Retry-After value sent with scripted 429 and 503 answers; null sends none. */
  volatile String retryAfter;
  // --- Azure managed identity: instance metadata, App Service, AKS workload identity (Entra ID v2) ---
  final AtomicInteger managedIdentityRequests = new AtomicInteger();
  /** When false, the metadata endpoint answers 400 "Identity not found" (no identity assigned). */
  volatile boolean identityAssigned = true;
  volatile String identityHeader = "app-service-identity-header";
  volatile String federatedToken = "aks-service-account-token";
  volatile String workloadClientId = "aks-client";
  /** The clock for epoch expiries ({@code expires_on}). */
  volatile java.time.Clock clock = java.time.Clock.systemUTC();

  FakeTokenServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }

      /**
       * MockWebServer reads a connection's requests in plain text while peek() is in-tunnel, and turns the
       * connection to TLS at the first peek() that is not. A connection is served on one thread, so the thread
       * that just answered a CONNECT with 200 sees one peek() that is not in-tunnel (only processTunnelRequests
       * reads in-tunnel; other peeks read fields an in-tunnel answer leaves at their defaults).
       */
      @Override
      public MockResponse peek() {
        if (tunnelProxy && !TUNNEL_OPENED.get()) {
          return new MockResponse.Builder().inTunnel().build();
        }
        TUNNEL_OPENED.set(false);
        return new MockResponse.Builder().build();
      }
    });
    server.start();
  }

  /**
   * Makes this server an HTTPS workspace behind itself as a proxy: each connection is read in plain text
   * (a CONNECT, or an absolute-form request for an http:// target) until a CONNECT is let through, then turns
   * to TLS with this socket factory.
   */
  void useHttpsBehindProxy(javax.net.ssl.SSLSocketFactory sslSocketFactory) {
    server.useHttps(sslSocketFactory);
    tunnelProxy = true;
  }

  HttpUrl url(String path) {
    return server.url(path);
  }

  /** The path of a request in origin form ({@code GET /x}) or absolute form, as proxies receive. */
  static String path(RecordedRequest request) {
    String target = request.getRequestLine().split(" ")[1];
    HttpUrl absolute = HttpUrl.parse(target);
    return absolute != null ? absolute.encodedPath() : target.replaceAll("\\?.*", "");
  }

  private MockResponse answer(RecordedRequest request) {
    String path = path(request);
    String target = request.getRequestLine().split(" ")[1];
    boolean proxyRequest = "CONNECT".equals(request.getMethod()) || HttpUrl.parse(target) != null;
    String proxyAuthorization = requiredProxyAuthorization;
    if (proxyRequest && proxyAuthorization != null
        && !proxyAuthorization.equals(request.getHeaders().get("Proxy-Authorization"))) {
      return new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build();
    }
    if ("CONNECT".equals(request.getMethod())) {
      connects.add(request);
      TUNNEL_OPENED.set(true);
      return new MockResponse.Builder().inTunnel().clearHeaders().build();
    }
    if (path.equals("/oidc/.well-known/oauth-authorization-server")) {
      discoveryRequests.incrementAndGet();
      HttpUrl base = publicBase != null ? publicBase : url("/");
      return json(200, "{\"issuer\":\"" + base.resolve("/oidc") + "\",\"token_endpoint\":\""
          + base.resolve("/oidc/v1/token") + "\",\"grant_types_supported\":[\"client_credentials\"]}");
    }
    if (path.equals("/metadata/identity/oauth2/token")) {
      tokenJournal.add(request);
      MockResponse failure = scriptedFailure();
      if (failure != null) {
        return failure;
      }
      if (!"true".equals(request.getHeaders().get("Metadata")) || !identityAssigned) {
        return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}");
      }
      String resource = request.getUrl().queryParameter("resource");
      long expiresOn = clock.instant().getEpochSecond() + expiresInSeconds;
      return json(200, "{\"access_token\":\"msi-" + kind(resource) + "-" + managedIdentityRequests.incrementAndGet()
          + "\",\"expires_in\":\"" + expiresInSeconds + "\",\"expires_on\":\"" + expiresOn + "\",\"resource\":\""
          + resource + "\",\"token_type\":\"Bearer\"}");
    }
    if (path.equals("/msi/token")) {
      tokenJournal.add(request);
      if (!identityHeader.equals(request.getHeaders().get("X-IDENTITY-HEADER"))) {
        return json(401, "{\"error\":\"unauthorized\"}");
      }
      String resource = request.getUrl().queryParameter("resource");
      long expiresOn = clock.instant().getEpochSecond() + expiresInSeconds; // App Service sends expires_on only
      return json(200, "{\"access_token\":\"appsvc-" + kind(resource) + "-"
          + managedIdentityRequests.incrementAndGet() + "\",\"expires_on\":\"" + expiresOn + "\",\"resource\":\""
          + resource + "\",\"token_type\":\"Bearer\"}");
    }
    if (path.endsWith("/oauth2/v2.0/token")) {
      tokenJournal.add(request);
      Map<String, String> form = form(request.getBody().utf8());
      if (!federatedToken.equals(form.get("client_assertion")) || !workloadClientId.equals(form.get("client_id"))
          || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
        return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700213: No matching"
            + " federated identity record found\"}");
      }
      String scope = form.get("scope");
      String resource = scope.substring(0, scope.length() - "/.default".length());
      return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresInSeconds + ",\"access_token\":\"aks-"
          + kind(resource) + "-" + managedIdentityRequests.incrementAndGet() + "\"}");
    }
    if (path.startsWith("/api/")) {
      apiJournal.add(request);
      return json(200, "{\"jobs\":[]}");
    }
    if (path.equals("/github/idtoken")) {
      identityJournal.add(request);
      if (!("Bearer " + githubRequestToken).equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"message\":\"Bad credentials\"}");
      }
      return json(200, "{\"count\":1,\"value\":\"" + githubIdToken + "\"}");
    }
    if (path.endsWith("/oidctoken")) {
      identityJournal.add(request);
      if (!("Bearer " + adoAccessToken).equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"message\":\"TF400813: not authorized\"}");
      }
      return json(200, "{\"oidcToken\":\"" + adoIdToken + "\"}");
    }
    if (path.equals("/oidc/v1/token") || path.matches("/oidc/accounts/[^/]+/v1/token")) {
      tokenJournal.add(request);
      beforeToken.run();
      MockResponse failure = scriptedFailure();
      if (failure != null) {
        return failure;
      }
      Map<String, String> exchange = form(request.getBody().utf8());
      if ("urn:ietf:params:oauth:grant-type:token-exchange".equals(exchange.get("grant_type"))) {
        boolean clientOk = java.util.Objects.equals(exchangeClientId, exchange.get("client_id"));
        if (!"urn:ietf:params:oauth:token-type:jwt".equals(exchange.get("subject_token_type"))
            || !acceptedIdTokens.contains(exchange.get("subject_token")) || !clientOk) {
          return json(exchangeRefusalCode, "{\"error\":\"invalid_grant\",\"error_description\":\"subject "
              + exchange.get("subject_token") + " not trusted\"}");
        }
        int n = exchanges.incrementAndGet();
        return json(200, "{\"access_token\":\"" + exchangePrefix + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + expiresInSeconds + ",\"scope\":\"all-apis\"}");
      }
      if (!Credentials.basic(clientId, clientSecret).equals(request.getHeaders().get("Authorization"))) {
        return json(401, errorBody);
      }
      int n = tokenRequests.incrementAndGet();
      return json(200, "{\"access_token\":\"" + tokenPrefix + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
          + expiresInSeconds + ",\"scope\":\"all-apis\"}");
    }
    if (path.endsWith("/oauth2/token")) {
      tokenJournal.add(request);
      MockResponse failure = scriptedFailure();
      if (failure != null) {
        return failure;
      }
      Map<String, String> form = form(request.getBody().utf8());
      if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
        return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
            + " secret provided.\"}");
      }
      int n = azureRequests.incrementAndGet();
      String resource = form.get("resource");
      String kind = AZURE_DATABRICKS_RESOURCE.equals(resource) ? "db" : "mgmt";
      // Entra ID v1 sends expires_in as a string
      return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":\"" + expiresInSeconds + "\",\"resource\":\""
          + resource + "\",\"access_token\":\"azure-" + kind + "-" + n + "\"}");
    }
    return json(404, "{\"error_code\":\"ENDPOINT_NOT_FOUND\"}");
  }

  private static String kind(String resource) {
    return AZURE_DATABRICKS_RESOURCE.equals(resource) ? "db" : "mgmt";
  }

  private MockResponse scriptedFailure() {
    Integer code = failures.poll();
    if (code == null) {
      return null;
    }
    if (code == 0) {
      return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    }
    MockResponse response = json(code, code == 401 || code == 400 ? errorBody : "<html>gateway error</html>");
    String after = retryAfter;
    if (after != null && (code == 429 || code == 503)) {
      return response.newBuilder().setHeader("Retry-After", after).build();
    }
    return response;
  }

  static Map<String, String> form(String body) {
    Map<String, String> result = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        result.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return result;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
