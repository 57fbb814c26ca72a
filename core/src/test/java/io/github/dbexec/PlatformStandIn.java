package io.github.dbexec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local stand-in for the platforms a workload runs on: GitHub Actions' ID token URL ({@code /github/idtoken}),
 * Azure DevOps' OIDC endpoint ({@code .../oidctoken}), Azure's instance metadata endpoint
 * ({@code /metadata/identity/oauth2/token}), App Service's identity endpoint ({@code /msi/token}) and Entra ID's v2
 * token endpoint for AKS workload identity ({@code /{tenant}/oauth2/v2.0/token}). ID tokens are unsigned JWTs with
 * the issuer of the platform; access tokens are numbered ({@code msi-1}, {@code appsvc-2}, {@code aks-3}, ...).
 */
final class PlatformStandIn implements AutoCloseable {
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  static final String ADO_ISSUER = "https://vstoken.dev.azure.com/org-1234";
  static final String ADO_AUDIENCE = "api://AzureADTokenExchange";
  static final String GITHUB_REQUEST_TOKEN = "ghs-REQUEST-token-5566";
  static final String ADO_ACCESS_TOKEN = "ado-SYSTEM-accesstoken-7788";
  static final String IDENTITY_HEADER = "appsvc-IDENTITY-header-9900";
  static final String AKS_ASSERTION = "aks-SERVICE-account-token-1122";

  final MockWebServer server = new MockWebServer();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> issuedIdTokens = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final Clock clock;
  /** When false, the managed identity endpoints answer 400 "Identity not found". */
  volatile boolean identityAssigned = true;
  volatile long expiresInSeconds = 3600;

  PlatformStandIn(Clock clock) throws IOException {
    this.clock = clock;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        return answer(request);
      }
    });
    server.start();
  }

  HttpUrl url(String path) {
    return server.url(path);
  }

  /** An unsigned JWT (header.payload.signature); the fake Jobs server reads the payload only. */
  static String jwt(String issuer, String audience, String subject, long expiresAtEpochSecond) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"exp\":"
        + expiresAtEpochSecond + "}";
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk";
  }

  List<RecordedRequest> requestsTo(String pathSuffix) {
    return requests.stream().filter(r -> r.getUrl().encodedPath().endsWith(pathSuffix)).toList();
  }

  private MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    long now = clock.instant().getEpochSecond();
    if (path.equals("/github/idtoken")) {
      if (!("Bearer " + GITHUB_REQUEST_TOKEN).equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"message\":\"Bad credentials\"}");
      }
      String idToken = jwt(GITHUB_ISSUER, url.queryParameter("audience"), "repo:my-org/app:ref:refs/heads/main",
          now + 300);
      issuedIdTokens.add(idToken);
      return json(200, "{\"count\":1,\"value\":\"" + idToken + "\"}");
    }
    if (path.endsWith("/oidctoken")) {
      if (!("Bearer " + ADO_ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"message\":\"TF400813: not authorized\"}");
      }
      String idToken = jwt(ADO_ISSUER, ADO_AUDIENCE, "sc://org/project/connection", now + 600);
      issuedIdTokens.add(idToken);
      return json(200, "{\"oidcToken\":\"" + idToken + "\"}");
    }
    if (path.equals("/metadata/identity/oauth2/token") || path.equals("/msi/token")) {
      boolean appService = path.equals("/msi/token");
      boolean authorized = appService ? IDENTITY_HEADER.equals(request.getHeaders().get("X-IDENTITY-HEADER"))
          : "true".equals(request.getHeaders().get("Metadata"));
      if (!authorized || !identityAssigned) {
        return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}");
      }
      return json(200, "{\"access_token\":\"" + (appService ? "appsvc-" : "msi-") + counter.incrementAndGet()
          + "\",\"expires_on\":\"" + (now + expiresInSeconds) + "\",\"resource\":\""
          + url.queryParameter("resource") + "\",\"token_type\":\"Bearer\"}");
    }
    if (path.endsWith("/oauth2/v2.0/token")) {
      String body = request.getBody().utf8();
      if (!body.contains("client_assertion=" + AKS_ASSERTION)) {
        return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700213: No matching federated"
            + " identity record found\"}");
      }
      return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresInSeconds + ",\"access_token\":\"aks-"
          + counter.incrementAndGet() + "\"}");
    }
    return json(404, "{\"message\":\"no such endpoint in the stand-in\"}");
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
