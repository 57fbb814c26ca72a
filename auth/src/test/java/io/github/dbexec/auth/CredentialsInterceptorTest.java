package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialsInterceptorTest {

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void intercept_requestWithoutAuthorization_addsFactoryHeaders() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    HeaderFactory factory = () -> Map.of("Authorization", "Bearer abc", "X-Extra", "1");
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(CredentialsInterceptor.of(factory)).build();

    try (Response response = client.newCall(new Request.Builder().url(server.url("/api/2.2/jobs/get")).build())
        .execute()) {
      assertThat(response.code()).isEqualTo(200);
    }

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer abc");
    assertThat(recorded.getHeaders().get("X-Extra")).isEqualTo("1");
  }

  @Test
  void intercept_requestWithAuthorization_keepsCallersHeaderAndSkipsFactory() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    HeaderFactory factory = () -> {
      throw new AssertionError("factory must not be called");
    };
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(CredentialsInterceptor.of(factory)).build();
    Request request = new Request.Builder().url(server.url("/x")).header("Authorization", "Bearer own").build();

    client.newCall(request).execute().close();

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer own");
  }

  @Test
  void intercept_factoryFails_callFailsAndNothingIsSent() {
    HeaderFactory factory = () -> {
      throw new CredentialsException("token endpoint refused the client", false);
    };
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(CredentialsInterceptor.of(factory)).build();

    assertThatThrownBy(() -> client.newCall(new Request.Builder().url(server.url("/x")).build()).execute())
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("refused")
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isFalse());
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void of_nullFactory_failsNamingParameter() {
    assertThatThrownBy(() -> CredentialsInterceptor.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("headerFactory");
  }
}
