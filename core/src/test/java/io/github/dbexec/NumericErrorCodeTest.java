package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.auth.BasicCredentials;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real workspaces send {@code error_code} as a number on authentication errors ({@code {"error_code": 401, ...}},
 * {@code {"error_code": 403, ...}}); the client reads it like a string code.
 */
class NumericErrorCodeTest {
  private FakeJobsServer server;
  private FakeTime time;
  private long job;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).token("dapi-right").start();
    job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void runNow_credentialOfUnsupportedType_401WithNumericErrorCodeReadAsUnauthenticated() {
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url())
        .credentials(BasicCredentials.of("someone", "pa55word")).clock(time).sleeper(time).build()) {
      assertThatThrownBy(() -> executor.job(job).runNow())
          .isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.errorCode()).isEqualTo("401");
            assertThat(e.serverMessage())
                .isEqualTo("Credential was not sent or was of an unsupported type for this API.");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).startsWith("Databricks answered 401 401 to POST jobs/run-now")
                .doesNotContain("pa55word");
          });
    }

    RecordedApiRequest request = server.journal().find("POST", "/jobs/run-now").get(0);
    assertThat(request.header("Authorization")).startsWith("Basic ");
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    assertThat(server.runCount()).isZero();
  }

  @Test
  void run_invalidToken_403WithNumericErrorCodeReadAsUnauthenticated() {
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-wrong")
        .clock(time).sleeper(time).build()) {
      assertThatThrownBy(() -> executor.run(913_577_441_602_001L))
          .isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.errorCode()).isEqualTo("403");
            assertThat(e.serverMessage()).isEqualTo("Invalid access token.");
          });
    }

    assertThat(server.journal().find("GET", "/jobs/runs/get")).singleElement()
        .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer dapi-wrong"));
  }

  @Test
  void run_numericRetryableErrorCode_readAndRetried() throws Exception {
    try (MockWebServer raw = new MockWebServer()) {
      raw.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "application/json")
          .body("{\"error_code\": 503.0, \"message\": \"try later\"}").build());
      raw.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
          .body("{\"error_code\": 1e3, \"message\": \"odd\", \"details\": [{\"request_id\": \"r-1\"}]}").build());
      raw.start();
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(raw.url("/").toString())
          .token("dapi-any").retryPolicy(RetryPolicy.custom().jitter(0).initialBackoff(Duration.ofSeconds(1))
              .build()).clock(time).sleeper(time).build()) {
        assertThatThrownBy(() -> executor.run(42L))
            .isInstanceOfSatisfying(DatabricksApiException.class, e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorCode()).isEqualTo("1000");
              assertThat(e.serverMessage()).isEqualTo("odd");
              assertThat(e.requestId()).isEqualTo("r-1");
            });
      }
      RecordedRequest first = raw.takeRequest();
      RecordedRequest second = raw.takeRequest();
      assertThat(first.getTarget()).isEqualTo("/api/2.2/jobs/runs/get?run_id=42");
      assertThat(second.getTarget()).isEqualTo(first.getTarget());
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    }
  }
}
