package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HeldCertificate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {

  private static final TestCertificates CERTS = new TestCertificates();

  private final MockWebServer server = new MockWebServer();

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String get(TlsConfig tls) throws IOException {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    tls.applyTo(builder);
    OkHttpClient client = builder.build();
    try (Response response = client.newCall(new Request.Builder()
        .url(server.url("/api/2.2/jobs/list").newBuilder().host("localhost").build()).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  private void serveHttps(HeldCertificate serverCertificate) throws IOException {
    server.useHttps(CERTS.serverHandshake(serverCertificate).sslSocketFactory());
    server.enqueue(new MockResponse.Builder().body("ok").build());
    server.start();
  }

  @Test
  void applyTo_customCaAsPemText_trustsServer() throws Exception {
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
    assertThat(server.takeRequest().getHandshake().tlsVersion()).isNotNull();
  }

  @Test
  void applyTo_customCaInPemFileReplacingDefaults_trustsServer() throws Exception {
    serveHttps(CERTS.server("localhost"));
    Path pem = Files.writeString(dir.resolve("ca.pem"), "# corporate bundle\n" + CERTS.unknownCa.certificatePem()
        + CERTS.rootCa.certificatePem());
    TlsConfig tls = TlsConfig.builder().trustPem(pem).replaceDefaultTrust(true).build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
  }

  @Test
  void applyTo_customCaInJksTrustStore_trustsServer() throws Exception {
    serveHttps(CERTS.server("localhost"));
    Path store = TestCertificates.trustStore(dir, "JKS", "changeit", CERTS.rootCa);
    TlsConfig tls = TlsConfig.builder().trustStore(store, "JKS", "changeit").build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
  }

  @Test
  void applyTo_customCaInPkcs12TrustStore_trustsServer() throws Exception {
    serveHttps(CERTS.server("localhost"));
    Path store = TestCertificates.trustStore(dir, "PKCS12", "changeit", CERTS.rootCa);
    TlsConfig tls = TlsConfig.builder().trustStore(store, "PKCS12", "changeit").build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
  }

  @Test
  void applyTo_serverSignedByUnknownCa_rejectsHandshake() throws Exception {
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder().trustPem(CERTS.unknownCa.certificatePem()).build();

    assertThatThrownBy(() -> get(tls))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("not signed by a trusted certificate authority")
        .hasMessageContaining("localhost");
  }

  @Test
  void applyTo_defaultTrustOnly_rejectsPrivateCa() throws Exception {
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder().build();

    assertThatThrownBy(() -> get(tls)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void applyTo_certificateForOtherHost_rejectsHostName() throws Exception {
    serveHttps(CERTS.server("other.example.com"));
    TlsConfig tls = TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build();

    assertThatThrownBy(() -> get(tls))
        .isInstanceOf(SSLPeerUnverifiedException.class)
        .hasMessageContaining("localhost");
  }

  @Test
  void applyTo_trustAllCertificates_acceptsUnknownCaButStillVerifiesHostName() throws Exception {
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder().trustAllCertificatesForDevelopment().build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
    assertThat(tls.trustsAllCertificates()).isTrue();
    assertThat(tls.toString()).contains("TRUST ALL");
  }

  @Test
  void applyTo_trustAllCertificatesAndWrongHost_rejectsHostName() throws Exception {
    serveHttps(CERTS.server("other.example.com"));
    TlsConfig tls = TlsConfig.builder().trustAllCertificatesForDevelopment().build();

    assertThatThrownBy(() -> get(tls)).isInstanceOf(SSLPeerUnverifiedException.class);
  }

  @Test
  void applyTo_mutualTlsWithPemClientCertificate_presentsCertificate() throws Exception {
    HeldCertificate client = CERTS.client("etl-service");
    server.requireClientAuth();
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder()
        .trustPem(CERTS.rootCa.certificatePem())
        .clientCertificatePem(client.certificatePem(), client.privateKeyPkcs8Pem())
        .build();

    String result = get(tls);

    RecordedRequest recorded = server.takeRequest();
    assertThat(result).isEqualTo("200 ok");
    assertThat(recorded.getHandshake().peerPrincipal().getName()).contains("CN=etl-service");
    assertThat(tls.hasClientCertificate()).isTrue();
  }

  @Test
  void applyTo_mutualTlsWithRsaPkcs1PemFiles_presentsCertificate() throws Exception {
    HeldCertificate client = CERTS.rsaClient("rsa-service");
    server.requireClientAuth();
    serveHttps(CERTS.server("localhost"));
    Path cert = Files.writeString(dir.resolve("client.pem"), client.certificatePem());
    Path key = Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs1Pem());
    TlsConfig tls = TlsConfig.builder()
        .trustPem(CERTS.rootCa.certificatePem())
        .clientCertificatePem(cert, key)
        .build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=rsa-service");
  }

  @Test
  void applyTo_mutualTlsWithPkcs12KeyStore_presentsCertificate() throws Exception {
    HeldCertificate client = CERTS.client("keystore-service");
    server.requireClientAuth();
    serveHttps(CERTS.server("localhost"));
    Path keyStore = TestCertificates.keyStore(dir, "PKCS12", "s3cret-ks", client, CERTS.clientCa);
    TlsConfig tls = TlsConfig.builder()
        .trustPem(CERTS.rootCa.certificatePem())
        .keyStore(keyStore, "PKCS12", "s3cret-ks")
        .build();

    String result = get(tls);

    assertThat(result).isEqualTo("200 ok");
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=keystore-service");
    assertThat(tls.toString()).doesNotContain("s3cret-ks");
  }

  @Test
  void applyTo_mutualTlsRequiredButNoClientCertificate_fails() throws Exception {
    server.requireClientAuth();
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).build();

    assertThatThrownBy(() -> get(tls))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("asked for a client certificate")
        .hasMessageContaining("none is configured")
        .hasMessageContaining("keyStore");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void applyTo_clientCertificateFromUntrustedCa_failsSayingCertificateWasRejected() throws Exception {
    HeldCertificate stranger = new HeldCertificate.Builder().commonName("stranger").signedBy(CERTS.unknownCa)
        .build();
    server.requireClientAuth();
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder()
        .trustPem(CERTS.rootCa.certificatePem())
        .clientCertificatePem(stranger.certificatePem(), stranger.privateKeyPkcs8Pem())
        .build();

    assertThatThrownBy(() -> get(tls))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("dropped the connection after it was sent");
  }

  @Test
  void applyTo_calledTwice_addsOneDiagnosingInterceptor() {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    TlsConfig tls = TlsConfig.builder().build();

    tls.applyTo(builder);
    tls.applyTo(builder);

    assertThat(builder.interceptors()).hasSize(1);
  }

  @Test
  void applyTo_noClientCertificateOverTls12_failsSayingNoneIsConfigured() throws Exception {
    server.requireClientAuth();
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).protocols("TLSv1.2").build();

    assertThatThrownBy(() -> get(tls))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("none is configured");
  }

  @Test
  void applyTo_pinnedProtocol_usesIt() throws Exception {
    serveHttps(CERTS.server("localhost"));
    TlsConfig tls = TlsConfig.builder()
        .trustPem(CERTS.rootCa.certificatePem())
        .protocols("TLSv1.2")
        .cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        .build();

    String result = get(tls);

    RecordedRequest recorded = server.takeRequest();
    assertThat(result).isEqualTo("200 ok");
    assertThat(recorded.getHandshake().tlsVersion().javaName()).isEqualTo("TLSv1.2");
    assertThat(recorded.getHandshake().cipherSuite().javaName()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  }

  @Test
  void build_unknownProtocol_failsNamingProtocols() {
    assertThatThrownBy(() -> TlsConfig.builder().protocols("TLSv9").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("protocols")
        .hasMessageContaining("TLSv9");
  }

  @Test
  void build_unknownCipherSuite_failsNamingCipherSuites() {
    assertThatThrownBy(() -> TlsConfig.builder().cipherSuites("TLS_NOPE").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cipherSuites");
  }

  @Test
  void build_missingTrustStoreFile_failsNamingPath() {
    Path missing = dir.resolve("missing.jks");

    assertThatThrownBy(() -> TlsConfig.builder().trustStore(missing, "JKS", "pw").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trustStore")
        .hasMessageContaining("missing.jks");
  }

  @Test
  void build_wrongKeyStorePassword_failsWithoutShowingPassword() throws Exception {
    Path keyStore = TestCertificates.keyStore(dir, "PKCS12", "right-pass", CERTS.client("x"), CERTS.clientCa);

    assertThatThrownBy(() -> TlsConfig.builder().keyStore(keyStore, "PKCS12", "wrong-pass-42").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyStore")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pass-42").doesNotContain("right-pass"));
  }

  @Test
  void build_pemWithoutCertificate_failsNamingTrustPem() {
    assertThatThrownBy(() -> TlsConfig.builder().trustPem("not a pem").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trustPem");
  }

  @Test
  void build_encryptedPrivateKey_failsExplainingConversion() {
    HeldCertificate client = CERTS.client("x");
    String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";

    assertThatThrownBy(() -> TlsConfig.builder().clientCertificatePem(client.certificatePem(), encrypted).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("privateKeyPem")
        .hasMessageContaining("openssl pkcs8");
  }

  @Test
  void build_privateKeyOfAnotherCertificate_failsNamingField() {
    HeldCertificate client = CERTS.client("one");
    HeldCertificate other = CERTS.client("two");

    assertThatThrownBy(() -> TlsConfig.builder()
        .clientCertificatePem(client.certificatePem(), other.privateKeyPkcs8Pem()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientCertificatePem")
        .hasMessageContaining("does not belong")
        .hasMessageContaining("CN=one");
  }

  @Test
  void build_replaceDefaultTrustWithoutCustomTrust_fails() {
    assertThatThrownBy(() -> TlsConfig.builder().replaceDefaultTrust(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replaceDefaultTrust");
  }

  @Test
  void toString_pemClientCertificate_redactsPrivateKey() {
    HeldCertificate client = CERTS.client("x");
    TlsConfig tls = TlsConfig.builder().clientCertificatePem(client.certificatePem(), client.privateKeyPkcs8Pem())
        .build();

    String text = tls.toString();

    assertThat(text).doesNotContain("PRIVATE KEY").contains("<redacted>");
  }

  @Test
  void equals_sameSettings_equal() {
    TlsConfig a = TlsConfig.builder().trustPem(CERTS.rootCa.certificatePem()).protocols("TLSv1.3").build();
    TlsConfig b = a.toBuilder().build();

    boolean equal = a.equals(b);

    assertThat(equal).isTrue();
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a).isNotEqualTo(TlsConfig.builder().build());
  }
}
