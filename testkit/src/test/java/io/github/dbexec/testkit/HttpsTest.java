package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.Test;

class HttpsTest {

  private static int get(OkHttpClient client, FakeJobsServer server) throws IOException {
    Request request = new Request.Builder().url(server.url() + "/api/2.2/jobs/runs/list")
        .header("Authorization", "Bearer dapi-test").build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  @Test
  void https_clientTrustingGeneratedCa_gets200() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().https().start()) {
      OkHttpClient client = new OkHttpClient.Builder()
          .sslSocketFactory(server.sslSocketFactory(), server.trustManager()).build();

      int status = get(client, server);

      assertThat(server.url()).startsWith("https://127.0.0.1:");
      assertThat(status).isEqualTo(200);
      assertThat(server.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void https_clientWithDefaultTrust_failsHandshake() {
    try (FakeJobsServer server = FakeJobsServer.builder().https().start()) {
      OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

      assertThatThrownBy(() -> get(client, server)).isInstanceOf(SSLException.class);
    }
  }

  @Test
  void requireClientCertificates_clientWithoutCertificate_isRejected() {
    try (FakeJobsServer server = FakeJobsServer.builder().requireClientCertificates().start()) {
      HandshakeCertificates trustOnly = new HandshakeCertificates.Builder()
          .addTrustedCertificate(server.caCertificate()).build();
      OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
          .sslSocketFactory(trustOnly.sslSocketFactory(), trustOnly.trustManager()).build();

      assertThatThrownBy(() -> get(client, server)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void requireClientCertificates_clientPresentingCertificate_gets200() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().requireClientCertificates().start()) {
      OkHttpClient client = new OkHttpClient.Builder()
          .sslSocketFactory(server.sslSocketFactory(), server.trustManager()).build();

      int status = get(client, server);

      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void https_loseResponseFault_dropsConnectionAfterHandling() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().https().start()) {
      OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
          .sslSocketFactory(server.sslSocketFactory(), server.trustManager()).build();
      long jobId = server.createJob(JobSpec.builder().build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").loseResponse().build());
      Request request = new Request.Builder().url(server.url() + "/api/2.2/jobs/run-now")
          .header("Authorization", "Bearer x")
          .post(okhttp3.RequestBody.create("{\"job_id\": " + jobId + "}", Http.JSON)).build();

      assertThatThrownBy(() -> client.newCall(request).execute().close()).isInstanceOf(IOException.class);

      assertThat(server.runCount()).isEqualTo(1);
    }
  }

  @Test
  void https_dropConnectionFault_failsWithoutHandling() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().https().start()) {
      OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
          .sslSocketFactory(server.sslSocketFactory(), server.trustManager()).build();
      server.addFault(FaultRule.on("GET", "/jobs/runs/list").dropConnection().build());

      assertThatThrownBy(() -> get(client, server)).isInstanceOf(IOException.class);
      int after = get(client, server);

      assertThat(after).isEqualTo(200);
    }
  }

  @Test
  void trustManager_plainHttpServer_throwsIllegalState() {
    try (FakeJobsServer server = FakeJobsServer.start()) {

      assertThatThrownBy(server::trustManager).isInstanceOf(IllegalStateException.class).hasMessageContaining("https()");
    }
  }
}
