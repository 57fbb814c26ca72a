package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint is reached through the same authenticating proxy and TLS settings as the workspace.
 * The workspace host name does not resolve, so every request can only succeed through the proxy.
 */
class TokenEndpointThroughProxyTest {

  private static final TestCertificates CERTS = new TestCertificates();

  private FakeTokenServer proxyAndWorkspace;

  @BeforeEach
  void start() throws Exception {
    proxyAndWorkspace = new FakeTokenServer();
    proxyAndWorkspace.requiredProxyAuthorization = Credentials.basic("svc-proxy", "proxy-pass");
  }

  @AfterEach
  void stop() throws Exception {
    proxyAndWorkspace.close();
  }

  private OkHttpClient client(TlsConfig tls) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5));
    ProxyConfig.builder()
        .host(proxyAndWorkspace.server.getHostName())
        .port(proxyAndWorkspace.server.getPort())
        .username("svc-proxy")
        .password("proxy-pass")
        .build()
        .applyTo(builder);
    tls.applyTo(builder);
    return builder.build();
  }

  @Test
  void oauthM2m_httpsWorkspaceBehindAuthenticatingProxy_tokenFetchedThroughTunnel() throws Exception {
    proxyAndWorkspace.useHttpsBehindProxy(CERTS.serverHandshake(CERTS.server("workspace.invalid")).sslSocketFactory());
    proxyAndWorkspace.publicBase = HttpUrl.get("https://workspace.invalid/");
    OkHttpClient client = client(TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build());
    HeaderFactory factory = OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("sp-secret")
        .retryBackoff(Duration.ZERO).build()
        .configure(AuthContext.builder().host("https://workspace.invalid").httpClient(client).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThat(proxyAndWorkspace.connects).isNotEmpty().allSatisfy(connect -> {
      assertThat(connect.getRequestLine()).isEqualTo("CONNECT workspace.invalid:443 HTTP/1.1");
      assertThat(connect.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("svc-proxy", "proxy-pass"));
    });
    assertThat(proxyAndWorkspace.discoveryRequests).hasValue(1);
    assertThat(proxyAndWorkspace.tokenJournal).singleElement()
        .satisfies(token -> assertThat(token.getHandshake().tlsVersion()).isNotNull());
  }

  @Test
  void jobsApiCall_wiredAsCoreDoes_carriesOAuthTokenThroughProxyAndTls() throws Exception {
    proxyAndWorkspace.useHttpsBehindProxy(CERTS.serverHandshake(CERTS.server("workspace.invalid")).sslSocketFactory());
    proxyAndWorkspace.publicBase = HttpUrl.get("https://workspace.invalid/");
    OkHttpClient base = client(TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build());
    HeaderFactory headers = OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("sp-secret").build()
        .configure(AuthContext.builder().host("https://workspace.invalid").httpClient(base).build());
    OkHttpClient api = base.newBuilder().addInterceptor(CredentialsInterceptor.of(headers)).build();

    try (Response response = api.newCall(new Request.Builder()
        .url("https://workspace.invalid/api/2.2/jobs/get?job_id=1").build()).execute()) {
      assertThat(response.code()).isEqualTo(200); // the fake stands in for the workspace API under /api/
    }

    RecordedRequest apiRequest = null;
    for (int i = 0; i < proxyAndWorkspace.server.getRequestCount(); i++) {
      RecordedRequest request = proxyAndWorkspace.server.takeRequest();
      if (FakeTokenServer.path(request).equals("/api/2.2/jobs/get")) {
        apiRequest = request;
      }
    }
    assertThat(apiRequest).isNotNull();
    assertThat(apiRequest.getHeaders().get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThat(apiRequest.getHandshake().tlsVersion()).isNotNull();
    assertThat(proxyAndWorkspace.tokenJournal).hasSize(1);
  }

  @Test
  void oauthM2m_tokenEndpointWithUntrustedCertificate_failsAsCredentialsExceptionExplainingTrust()
      throws Exception {
    proxyAndWorkspace.useHttpsBehindProxy(CERTS.serverHandshake(CERTS.server("workspace.invalid")).sslSocketFactory());
    OkHttpClient.Builder base = client(TlsConfig.builder().build()).newBuilder();
    HeaderFactory factory = OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("sp-secret")
        .maxAttempts(1).build()
        .configure(AuthContext.builder().host("https://workspace.invalid").httpClient(base.build()).build());
    OkHttpClient api = base.addInterceptor(CredentialsInterceptor.of(factory)).build();

    assertThatThrownBy(() -> api.newCall(new Request.Builder().url("https://workspace.invalid/api/2.2/jobs/list")
        .build()).execute())
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("OAuth endpoint discovery")
        .hasMessageContaining("not signed by a trusted certificate authority");
  }

  @Test
  void oauthM2m_httpWorkspaceBehindAuthenticatingProxy_tokenRequestSentToProxy() throws Exception {
    proxyAndWorkspace.publicBase = HttpUrl.get("http://workspace.invalid/");
    HeaderFactory factory = OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("sp-secret")
        .retryBackoff(Duration.ZERO).build()
        .configure(AuthContext.builder().host("http://workspace.invalid").httpClient(client(TlsConfig.builder()
            .build())).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThat(proxyAndWorkspace.tokenJournal).singleElement().satisfies(token -> {
      assertThat(token.getRequestLine()).isEqualTo("POST http://workspace.invalid/oidc/v1/token HTTP/1.1");
      assertThat(token.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("svc-proxy", "proxy-pass"));
    });
  }

  @Test
  void azure_entraIdBehindAuthenticatingProxy_tokenRequestSentToProxy() throws Exception {
    HeaderFactory factory = AzureServicePrincipalCredentials.builder().tenantId("t1").clientId("sp-client")
        .clientSecret("sp-secret").authority("http://login.invalid/").retryBackoff(Duration.ZERO).build()
        .configure(AuthContext.builder().host("https://adb-1.7.azuredatabricks.net")
            .httpClient(client(TlsConfig.builder().build())).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer azure-db-1");
    assertThat(proxyAndWorkspace.tokenJournal).singleElement().satisfies(token ->
        assertThat(token.getRequestLine()).isEqualTo("POST http://login.invalid/t1/oauth2/token HTTP/1.1"));
  }

  @Test
  void githubOidc_httpsWorkspaceBehindAuthenticatingProxy_idTokenAndExchangeThroughTunnel() throws Exception {
    proxyAndWorkspace.useHttpsBehindProxy(CERTS.serverHandshake(CERTS.server("workspace.invalid")).sslSocketFactory());
    proxyAndWorkspace.publicBase = HttpUrl.get("https://workspace.invalid/");
    proxyAndWorkspace.acceptedIdTokens.add("gh-id-token");
    proxyAndWorkspace.exchangeClientId = null;
    OkHttpClient client = client(TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build());
    HeaderFactory factory = OidcCredentials.builder()
        .idTokenSource(IdTokenSource.githubActions("https://workspace.invalid/github/idtoken?api-version=2.0",
            "gh-request-token"))
        .build()
        .configure(AuthContext.builder().host("https://workspace.invalid").httpClient(client).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer oidc-1");
    assertThat(proxyAndWorkspace.connects).isNotEmpty().allSatisfy(connect ->
        assertThat(connect.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("svc-proxy", "proxy-pass")));
    assertThat(proxyAndWorkspace.identityJournal).singleElement()
        .satisfies(github -> assertThat(github.getHandshake().tlsVersion()).isNotNull());
    assertThat(proxyAndWorkspace.tokenJournal).singleElement()
        .satisfies(token -> assertThat(token.getHandshake().tlsVersion()).isNotNull());
  }

  @Test
  void managedIdentity_appServiceEndpointBehindAuthenticatingProxy_tokenFetchedThroughTunnel() throws Exception {
    proxyAndWorkspace.useHttpsBehindProxy(CERTS.serverHandshake(CERTS.server("workspace.invalid")).sslSocketFactory());
    OkHttpClient client = client(TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build());
    HeaderFactory factory = AzureManagedIdentityCredentials.builder()
        .appServiceIdentity("https://workspace.invalid/msi/token", "app-service-identity-header")
        .build()
        .configure(AuthContext.builder().host("https://workspace.invalid").httpClient(client).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer appsvc-db-1");
    assertThat(proxyAndWorkspace.connects).isNotEmpty();
    assertThat(proxyAndWorkspace.tokenJournal).singleElement()
        .satisfies(token -> assertThat(token.getHandshake().tlsVersion()).isNotNull());
  }
}
