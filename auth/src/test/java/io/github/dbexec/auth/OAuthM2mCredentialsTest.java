package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthM2mCredentialsTest {

  private final TestClock clock = new TestClock();
  private FakeTokenServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private HeaderFactory configure(OAuthM2mCredentials credentials) throws Exception {
    server = server != null ? server : new FakeTokenServer();
    return credentials.configure(AuthContext.builder().host(server.url("/")).clock(clock).build());
  }

  private static OAuthM2mCredentials.Builder credentials() {
    return OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("sp-secret").retryBackoff(Duration.ZERO);
  }

  @Test
  void headers_firstCall_discoversEndpointAndRequestsClientCredentialsToken() throws Exception {
    HeaderFactory factory = configure(credentials().build());

    Map<String, String> headers = factory.headers();

    assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer m2m-1"));
    assertThat(server.discoveryRequests).hasValue(1);
    RecordedRequest discovery = server.server.takeRequest();
    RecordedRequest token = server.server.takeRequest();
    assertThat(discovery.getMethod()).isEqualTo("GET");
    assertThat(discovery.getTarget()).isEqualTo("/oidc/.well-known/oauth-authorization-server");
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getTarget()).isEqualTo("/oidc/v1/token");
    assertThat(token.getHeaders().get("Authorization")).isEqualTo(Credentials.basic("sp-client", "sp-secret"));
    assertThat(token.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(FakeTokenServer.form(token.getBody().utf8()))
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("scope", "all-apis");
  }

  @Test
  void headers_repeatedCallsBeforeRefreshWindow_reuseCachedToken() throws Exception {
    HeaderFactory factory = configure(credentials().refreshAhead(Duration.ofMinutes(5)).build());
    factory.headers();
    clock.advance(Duration.ofMinutes(54));

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThat(server.tokenRequests).hasValue(1);
    assertThat(server.discoveryRequests).hasValue(1);
  }

  @Test
  void headers_insideRefreshWindow_refreshesAheadOfExpiry() throws Exception {
    HeaderFactory factory = configure(credentials().refreshAhead(Duration.ofMinutes(5)).build());
    factory.headers();
    clock.advance(Duration.ofMinutes(55).plusSeconds(1));

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-2");
    assertThat(server.tokenRequests).hasValue(2);
    assertThat(server.discoveryRequests).hasValue(1);
  }

  @Test
  void headers_refreshAheadFails_keepsCurrentTokenUntilExpiryThenFails() throws Exception {
    HeaderFactory factory = configure(credentials().refreshAhead(Duration.ofMinutes(5)).maxAttempts(2).build());
    factory.headers();
    clock.advance(Duration.ofMinutes(56));
    server.failures.add(503);
    server.failures.add(503);

    Map<String, String> duringOutage = factory.headers();
    clock.advance(Duration.ofMinutes(4));
    server.failures.add(503);
    server.failures.add(503);

    assertThat(duringOutage.get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("503")
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isTrue());
  }

  @Test
  void headers_afterExpiry_fetchesNewToken() throws Exception {
    HeaderFactory factory = configure(credentials().build());
    factory.headers();
    clock.advance(Duration.ofHours(2));

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-2");
  }

  @Test
  void headers_shortLivedToken_refreshesAtHalfItsLifetimeAtMost() throws Exception {
    HeaderFactory factory = configure(credentials().refreshAhead(Duration.ofMinutes(5)).build());
    server.expiresInSeconds = 120;
    factory.headers();
    clock.advance(Duration.ofSeconds(59));

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
  }

  @Test
  void headers_32ConcurrentCallers_fetchTokenOnce() throws Exception {
    HeaderFactory factory = configure(credentials().build());
    int callers = 32;
    CountDownLatch arrived = new CountDownLatch(callers);
    server.beforeToken = () -> {
      try {
        arrived.await(5, TimeUnit.SECONDS); // hold the first token request until every caller is calling
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      tasks.add(() -> {
        arrived.countDown();
        return factory.headers().get("Authorization");
      });
    }

    List<Future<String>> results;
    try {
      results = pool.invokeAll(tasks, 20, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    for (Future<String> result : results) {
      assertThat(result.get()).isEqualTo("Bearer m2m-1");
    }
    assertThat(server.tokenRequests).hasValue(1);
    assertThat(server.tokenJournal).hasSize(1);
    assertThat(server.discoveryRequests).hasValue(1);
  }

  @Test
  void headers_32ConcurrentCallersAndEndpointDown_oneRequestAndEveryCallerFails() throws Exception {
    server = new FakeTokenServer();
    HeaderFactory factory = configure(credentials().maxAttempts(1).tokenEndpoint(server.url("/oidc/v1/token"))
        .build());
    int callers = 32;
    CountDownLatch arrived = new CountDownLatch(callers);
    server.beforeToken = () -> {
      try {
        arrived.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    for (int i = 0; i < 100; i++) {
      server.failures.add(503);
    }
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      tasks.add(() -> {
        arrived.countDown();
        try {
          return factory.headers().get("Authorization");
        } catch (CredentialsException e) {
          return "failed retryable=" + e.isRetryable();
        }
      });
    }

    List<Future<String>> results;
    try {
      results = pool.invokeAll(tasks, 20, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    for (Future<String> result : results) {
      assertThat(result.get()).isEqualTo("failed retryable=true");
    }
    // callers waiting while the fetch failed share its failure; only a caller that had not yet reached the
    // cache when the failure was recorded (a window of nanoseconds against the server's milliseconds) retries
    assertThat(server.tokenJournal).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void headers_afterFailedFetch_nextCallTriesAgain() throws Exception {
    HeaderFactory factory = configure(credentials().maxAttempts(1).build());
    server.failures.add(503);
    assertThatThrownBy(factory::headers).isInstanceOf(CredentialsException.class);

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
  }

  @Test
  void headers_transientTokenEndpointFailures_retriesAndSucceeds() throws Exception {
    HeaderFactory factory = configure(credentials().maxAttempts(3).build());
    server.failures.add(503);
    server.failures.add(0);

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThat(server.tokenJournal).hasSize(3);
  }

  @Test
  void headers_rateLimitedBeyondMaxAttempts_failsRetryable() throws Exception {
    HeaderFactory factory = configure(credentials().maxAttempts(2).build());
    server.failures.add(429);
    server.failures.add(429);

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("HTTP 429")
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isTrue());
    assertThat(server.tokenJournal).hasSize(2);
  }

  @Test
  void headers_wrongClientSecret_failsOnceNotRetryableWithoutSecret() throws Exception {
    HeaderFactory factory = configure(credentials().clientSecret("wrong-secret-77").build());

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("invalid_client")
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isFalse())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-77").doesNotContain("sp-secret"));
    assertThat(server.tokenJournal).hasSize(1);
  }

  @Test
  void headers_configuredTokenEndpoint_skipsDiscovery() throws Exception {
    server = new FakeTokenServer();
    HeaderFactory factory = configure(credentials().tokenEndpoint(server.url("/oidc/v1/token")).build());

    Map<String, String> headers = factory.headers();

    assertThat(headers.get("Authorization")).isEqualTo("Bearer m2m-1");
    assertThat(server.discoveryRequests).hasValue(0);
  }

  @Test
  void headers_hostWithoutOAuth_failsNotRetryableNamingDiscoveryUrl() throws Exception {
    server = new FakeTokenServer();
    HeaderFactory factory = credentials().build()
        .configure(AuthContext.builder().host(server.url("/not-a-workspace/")).clock(clock).build());
    server.server.setDispatcher(new mockwebserver3.QueueDispatcher());
    server.server.enqueue(new mockwebserver3.MockResponse.Builder().code(404).build());

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("/oidc/.well-known/oauth-authorization-server")
        .hasMessageContaining("404")
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isFalse());
  }

  @Test
  void headers_successWithoutAccessToken_failsNotRetryable() throws Exception {
    server = new FakeTokenServer();
    server.server.setDispatcher(new mockwebserver3.QueueDispatcher());
    server.server.enqueue(new mockwebserver3.MockResponse.Builder().body("{\"token_type\":\"Bearer\"}").build());
    HeaderFactory factory = configure(credentials().tokenEndpoint(server.url("/oidc/v1/token")).build());

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("without an access_token");
  }

  @Test
  void toString_anyCredentials_redactsSecret() {
    OAuthM2mCredentials credentials = credentials().clientSecret("very-secret-value").build();

    String text = credentials.toString();

    assertThat(text).contains("sp-client").doesNotContain("very-secret-value");
    assertThat(credentials.authType()).isEqualTo("oauth-m2m");
  }

  @Test
  void build_blankClientSecret_failsNamingField() {
    assertThatThrownBy(() -> OAuthM2mCredentials.builder().clientId("a").clientSecret(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientSecret");
  }

  @Test
  void build_zeroAttempts_failsNamingField() {
    assertThatThrownBy(() -> credentials().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
  }

  @Test
  void equals_sameSettings_equal() {
    OAuthM2mCredentials a = credentials().build();

    OAuthM2mCredentials b = a.toBuilder().build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(credentials().clientSecret("other").build());
  }
}
