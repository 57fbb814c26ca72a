package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class ProxyTest {
  private static final String WORKSPACE = "http://adb-1234567890123456.7.azuredatabricks.net";

  private static int get(OkHttpClient client) throws IOException {
    Request request = new Request.Builder().url(WORKSPACE + "/api/2.2/jobs/runs/list")
        .header("Authorization", "Bearer dapi-x").build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  private static OkHttpClient.Builder viaProxy(FakeJobsServer server) {
    return new OkHttpClient.Builder()
        .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", server.port())));
  }

  @Test
  void plainHttpProxy_clientSendsThroughFake_requestIsServedAndJournaledWithOriginalHost() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.start()) {

      int status = get(viaProxy(server).build());

      RecordedApiRequest recorded = server.journal().all().get(0);
      assertThat(status).isEqualTo(200);
      assertThat(recorded.viaProxy()).isTrue();
      assertThat(recorded.path()).isEqualTo("/api/2.2/jobs/runs/list");
      assertThat(recorded.header("Host")).isEqualTo("adb-1234567890123456.7.azuredatabricks.net");
    }
  }

  @Test
  void requireProxyAuthorization_clientWithoutCredentials_gets407() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().requireProxyAuthorization("proxyuser", "proxypass").start()) {

      int status = get(viaProxy(server).build());

      assertThat(status).isEqualTo(407);
    }
  }

  @Test
  void requireProxyAuthorization_clientAnsweringChallenge_getsThrough() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().requireProxyAuthorization("proxyuser", "proxypass").start()) {
      OkHttpClient client = viaProxy(server).proxyAuthenticator((route, response) -> response.request().newBuilder()
          .header("Proxy-Authorization", Credentials.basic("proxyuser", "proxypass")).build()).build();

      int status = get(client);

      assertThat(status).isEqualTo(200);
      assertThat(server.journal().all()).extracting(RecordedApiRequest::responseCode).containsExactly(407, 200);
    }
  }

  @Test
  void requireProxyAuthorization_directRequest_isNotAffected() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().requireProxyAuthorization("u", "p").start()) {

      int status = Http.to(server).get("/api/2.2/jobs/runs/list").status();

      assertThat(status).isEqualTo(200);
    }
  }
}
