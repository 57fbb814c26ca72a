package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {

  private static final TestCertificates CERTS = new TestCertificates();

  private final MockWebServer proxy = new MockWebServer();

  @AfterEach
  void stop() throws Exception {
    proxy.close();
  }

  private static OkHttpClient client(ProxyConfig proxyConfig, TlsConfig tls) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    proxyConfig.applyTo(builder);
    tls.applyTo(builder);
    return builder.build();
  }

  private ProxyConfig.Builder proxyAt() throws IOException {
    proxy.start();
    return ProxyConfig.builder().host(proxy.getHostName()).port(proxy.getPort());
  }

  @Test
  void applyTo_httpsTargetAndProxyAsks407_tunnelsWithBasicCredentials() throws Exception {
    proxy.useHttps(CERTS.serverHandshake(CERTS.server("workspace.example.com")).sslSocketFactory());
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
        .inTunnel().build());
    proxy.enqueue(new MockResponse.Builder().inTunnel().clearHeaders().build());
    proxy.enqueue(new MockResponse.Builder().body("jobs").build());
    ProxyConfig config = proxyAt().username("svc-etl").password("proxy-pa55").build();
    OkHttpClient client = client(config, TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build());

    try (Response response = client.newCall(new Request.Builder()
        .url("https://workspace.example.com/api/2.2/jobs/list").build()).execute()) {
      assertThat(response.body().string()).isEqualTo("jobs");
    }

    RecordedRequest firstConnect = proxy.takeRequest();
    RecordedRequest secondConnect = proxy.takeRequest();
    RecordedRequest tunnelled = proxy.takeRequest();
    assertThat(firstConnect.getRequestLine()).isEqualTo("CONNECT workspace.example.com:443 HTTP/1.1");
    assertThat(firstConnect.getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(secondConnect.getRequestLine()).isEqualTo("CONNECT workspace.example.com:443 HTTP/1.1");
    assertThat(secondConnect.getHeaders().get("Proxy-Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("svc-etl", "proxy-pa55"));
    assertThat(tunnelled.getMethod() + " " + tunnelled.getTarget()).isEqualTo("GET /api/2.2/jobs/list");
    assertThat(tunnelled.getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(tunnelled.getHandshake().tlsVersion()).isNotNull();
  }

  @Test
  void applyTo_httpsTargetAndProxyRejectsCredentials_failsWithoutLooping() throws Exception {
    proxy.useHttps(CERTS.serverHandshake(CERTS.server("workspace.example.com")).sslSocketFactory());
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
        .inTunnel().build());
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
        .inTunnel().build());
    ProxyConfig config = proxyAt().username("svc-etl").password("wrong-pa55").build();
    OkHttpClient client = client(config, TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build());
    Request request = new Request.Builder().url("https://workspace.example.com/api/2.2/jobs/list").build();

    assertThatThrownBy(() -> client.newCall(request).execute())
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pa55"));
    assertThat(proxy.getRequestCount()).isEqualTo(2);
  }

  @Test
  void applyTo_httpTargetAndProxyAsks407_resendsWithCredentials() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    proxy.enqueue(new MockResponse.Builder().body("ok").build());
    ProxyConfig config = proxyAt().username("svc-etl").password("proxy-pa55").build();
    OkHttpClient client = client(config, TlsConfig.builder().build());

    try (Response response = client.newCall(new Request.Builder().url("http://workspace.example.com/x").build())
        .execute()) {
      assertThat(response.code()).isEqualTo(200);
    }

    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
    RecordedRequest second = proxy.takeRequest();
    assertThat(second.getRequestLine()).isEqualTo("GET http://workspace.example.com/x HTTP/1.1");
    assertThat(second.getHeaders().get("Proxy-Authorization")).isEqualTo(okhttp3.Credentials.basic("svc-etl", "proxy-pa55"));
  }

  @Test
  void applyTo_proxyWithoutCredentialsAsks407_returns407() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    OkHttpClient client = client(proxyAt().build(), TlsConfig.builder().build());

    try (Response response = client.newCall(new Request.Builder().url("http://workspace.example.com/x").build())
        .execute()) {
      assertThat(response.code()).isEqualTo(407);
    }

    assertThat(proxy.getRequestCount()).isEqualTo(1);
  }

  @Test
  void applyTo_nonProxyHost_connectsDirectly() throws Exception {
    MockWebServer target = new MockWebServer();
    target.enqueue(new MockResponse.Builder().body("direct").build());
    target.start();
    try {
      ProxyConfig config = proxyAt().nonProxyHosts(List.of("*.corp.example", "localhost")).build();
      OkHttpClient client = client(config, TlsConfig.builder().build());

      try (Response response = client.newCall(new Request.Builder()
          .url(target.url("/x").newBuilder().host("localhost").build()).build()).execute()) {
        assertThat(response.body().string()).isEqualTo("direct");
      }

      assertThat(target.getRequestCount()).isEqualTo(1);
      assertThat(proxy.getRequestCount()).isZero();
    } finally {
      target.close();
    }
  }

  @Test
  void fromSystemProperties_jvmProperties_readsHostPortUserAndNonProxyHosts() {
    Properties properties = new Properties();
    properties.setProperty("https.proxyHost", "proxy.corp.example");
    properties.setProperty("https.proxyPort", "3128");
    properties.setProperty("http.nonProxyHosts", "localhost|*.corp.example");
    properties.setProperty("https.proxyUser", "svc");
    properties.setProperty("https.proxyPassword", "pw-123");

    ProxyConfig config = ProxyConfig.fromSystemProperties(properties);

    assertThat(config.host()).isEqualTo("proxy.corp.example");
    assertThat(config.port()).isEqualTo(3128);
    assertThat(config.username()).isEqualTo("svc");
    assertThat(config.nonProxyHosts()).containsExactly("localhost", "*.corp.example");
    assertThat(config.toString()).doesNotContain("pw-123");
  }

  @Test
  void fromSystemProperties_noProxyHost_null() {
    ProxyConfig config = ProxyConfig.fromSystemProperties(new Properties());

    assertThat(config).isNull();
  }

  @Test
  void fromSystemProperties_noPort_defaults443() {
    Properties properties = new Properties();
    properties.setProperty("https.proxyHost", "proxy.corp.example");

    ProxyConfig config = ProxyConfig.fromSystemProperties(properties);

    assertThat(config.port()).isEqualTo(443);
  }

  @Test
  void fromEnvironment_httpsProxyWithCredentials_decodesUserAndPassword() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://svc%40corp:p%3Ass@proxy.corp.example:8080",
        "NO_PROXY", "localhost, .internal.example,10.0.0.1:8443");

    ProxyConfig config = ProxyConfig.fromEnvironment(env);

    assertThat(config.host()).isEqualTo("proxy.corp.example");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.username()).isEqualTo("svc@corp");
    assertThat(config.nonProxyHosts()).containsExactly("localhost", ".internal.example", "10.0.0.1:8443");
    assertThat(config).isEqualTo(ProxyConfig.builder().host("proxy.corp.example").port(8080).username("svc@corp")
        .password("p:ss").nonProxyHosts(List.of("localhost", ".internal.example", "10.0.0.1:8443")).build());
  }

  @Test
  void fromEnvironment_lowerCaseWithoutScheme_readsHostAndPort() {
    ProxyConfig config = ProxyConfig.fromEnvironment(Map.of("https_proxy", "proxy:3128", "no_proxy", "*"));

    assertThat(config.host()).isEqualTo("proxy");
    assertThat(config.port()).isEqualTo(3128);
    assertThat(config.nonProxyHosts()).containsExactly("*");
  }

  @Test
  void fromEnvironment_socksProxy_failsWithoutShowingValue() {
    assertThatThrownBy(() -> ProxyConfig.fromEnvironment(Map.of("HTTPS_PROXY", "socks5://u:topsecret@proxy:1080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
  }

  @Test
  void fromEnvironment_nothingSet_null() {
    ProxyConfig config = ProxyConfig.fromEnvironment(Map.of("PATH", "/bin"));

    assertThat(config).isNull();
  }

  @Test
  void build_invalidPort_failsNamingPort() {
    assertThatThrownBy(() -> ProxyConfig.builder().host("proxy").port(70000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port")
        .hasMessageContaining("70000");
  }

  @Test
  void build_hostWithCredentials_failsWithoutShowingThem() {
    assertThatThrownBy(() -> ProxyConfig.builder().host("user:topsecret@proxy").port(3128).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
  }

  @Test
  void build_passwordWithoutUsername_fails() {
    assertThatThrownBy(() -> ProxyConfig.builder().host("proxy").port(1).password("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username");
  }

  @Test
  void toString_withPassword_redactsPassword() {
    ProxyConfig config = ProxyConfig.builder().host("proxy").port(3128).username("u").password("pa55-word").build();

    String text = config.toString();

    assertThat(text).doesNotContain("pa55-word").contains("username=u").contains("<redacted>");
  }
}
