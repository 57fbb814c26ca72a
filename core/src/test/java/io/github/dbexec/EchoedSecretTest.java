package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.auth.BasicCredentials;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.SubmissionFailedEvent;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy or gateway that echoes the caller's credentials in an error body: the executor's own configured secrets
 * are removed literally from the exception and the SubmissionFailedEvent, whatever their format (a plain token, a
 * JWT, a basic-auth password), and credential-looking text is masked by pattern.
 */
class EchoedSecretTest {
  private final MockWebServer server = new MockWebServer();
  private final InMemoryEventSink events = new InMemoryEventSink();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Throwable runNowAgainst401Echoing(String echoed, DatabricksExecutor.Builder builder) throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
        .body("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"rejected credential " + echoed + " (debug)\"}").build());
    Throwable thrown;
    try (DatabricksExecutor executor = builder.host(server.url("/").toString()).retryPolicy(RetryPolicy.none())
        .readTimeout(Duration.ofSeconds(5)).addEventSink(events).build()) {
      thrown = catchThrowable(() -> executor.job(1).idempotencyKey("k").runNow());
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/api/2.2/jobs/run-now");
    return thrown;
  }

  private String failedEventMessage() {
    return events.events().stream().filter(SubmissionFailedEvent.class::isInstance)
        .map(e -> ((SubmissionFailedEvent) e).message()).findFirst().orElseThrow();
  }

  @Test
  void runNow_401EchoingAPlainConfiguredToken_tokenRemovedLiterally() throws Exception {
    String token = "plainsecret4711"; // no dapi prefix, no Bearer: only the literal rule can catch it

    Throwable thrown = runNowAgainst401Echoing(token, DatabricksExecutor.builder().token(token));

    assertThat(thrown).isInstanceOf(UnauthenticatedException.class).hasMessageContaining("rejected credential ***")
        .hasMessageNotContaining(token);
    assertThat(((UnauthenticatedException) thrown).serverMessage()).doesNotContain(token);
    assertThat(failedEventMessage()).contains("rejected credential").doesNotContain(token);
  }

  @Test
  void runNow_401EchoingAJwtBearerToken_jwtRemoved() throws Exception {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzcC0xMjMiLCJleHAiOjE3NjQ1OTAwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    Throwable thrown = runNowAgainst401Echoing(jwt, DatabricksExecutor.builder().token(jwt));

    assertThat(thrown).isInstanceOf(UnauthenticatedException.class).hasMessageNotContaining(jwt)
        .hasMessageNotContaining("c2lnbmF0dXJl");
    assertThat(failedEventMessage()).doesNotContain(jwt);
  }

  @Test
  void runNow_401EchoingABasicAuthPassword_passwordRemovedLiterally() throws Exception {
    String password = "correct-horse-battery";

    Throwable thrown = runNowAgainst401Echoing(password,
        DatabricksExecutor.builder().credentials(BasicCredentials.of("svc-user", password)));

    assertThat(thrown).isInstanceOf(UnauthenticatedException.class).hasMessageNotContaining(password);
    assertThat(failedEventMessage()).doesNotContain(password);
  }

  @Test
  void runNow_401EchoingAnUnconfiguredJwt_maskedByPattern() throws Exception {
    String otherJwt = "eyJraWQiOiJvdGhlciJ9.eyJzdWIiOiJzb21lb25lLWVsc2UifQ.b3RoZXItc2lnbmF0dXJl";

    Throwable thrown = runNowAgainst401Echoing(otherJwt, DatabricksExecutor.builder().token("dapi-configured"));

    assertThat(thrown).hasMessageNotContaining(otherJwt).hasMessageContaining("rejected credential ***");
  }
}
