package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private FakeJobsServer server;
  private FakeTime time;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().token("dapi-good").clock(time.fakeClock()).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DatabricksExecutor executor(String token) {
    return DatabricksExecutor.builder().host(server.url()).token(token).clock(time).sleeper(time).build();
  }

  @Test
  void runNow_missingJob_throwsNotFoundWithoutRetry() {
    try (DatabricksExecutor executor = executor("dapi-good")) {
      assertThatThrownBy(() -> executor.job(424242L).runNow())
          .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(e.serverMessage()).isEqualTo("Job 424242 does not exist.");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("POST jobs/run-now").contains("Job 424242 does not exist.");
          });
    }

    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void runNow_wrongToken_throwsApiErrorWithoutRetryAndWithoutTheToken() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());

    try (DatabricksExecutor executor = executor("dapi-wrong-secret")) {
      assertThatThrownBy(() -> executor.job(job).runNow())
          .isInstanceOfSatisfying(DatabricksApiException.class, e -> {
            assertThat(e.statusCode()).isIn(401, 403);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).doesNotContain("dapi-wrong-secret");
          });
    }

    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    assertThat(server.runCount()).isZero();
  }

  @Test
  void runNow_emptyBodyOn200_transportErrorWithStatus() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().emptyBody(200).build());

    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-good")
        .retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build()) {
      assertThatThrownBy(() -> executor.job(job).runNow())
          .isInstanceOfSatisfying(DatabricksTransportException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(200);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("empty body").contains("may have taken effect");
          });
    }
  }

  @Test
  void runNow_truncatedBody_retriedIntoOneRun() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().truncatedBody().build());

    try (DatabricksExecutor executor = executor("dapi-good")) {
      Submission s = executor.job(job).runNow();

      assertThat(server.runs(job)).extracting(r -> r.runId()).containsExactly(s.runId());
    }
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(2);
  }

  @Test
  void runNow_htmlErrorFromGateway_apiErrorWithShortSnippet() throws Exception {
    // the fake server only speaks the Jobs API; a raw MockWebServer plays the corporate proxy's HTML page
    try (mockwebserver3.MockWebServer proxy = new mockwebserver3.MockWebServer()) {
      proxy.enqueue(new mockwebserver3.MockResponse.Builder().code(403)
          .setHeader("Content-Type", "text/html")
          .body("<html><body><h1>Forbidden by corporate proxy</h1>" + "x".repeat(5000) + "</body></html>").build());
      proxy.start();

      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(proxy.url("/").toString())
          .token("dapi-good").clock(time).sleeper(time).build()) {
        assertThatThrownBy(() -> executor.job(1).runNow())
            .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.errorCode()).isNull();
              assertThat(e.serverMessage()).contains("Forbidden by corporate proxy").hasSizeLessThan(300);
            });
      }
      assertThat(proxy.getRequestCount()).isEqualTo(1);
    }
  }
}
