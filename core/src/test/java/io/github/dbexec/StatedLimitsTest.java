package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every stated limit is a real limit, against a server that accepts and never answers and one that answers a byte a
 * second: a wait's timeout bounds each poll (before, one poll lasted the 30 s read timeout), and run-now's retry
 * deadline bounds the attempt in flight (before, the attempt ran on to the read or call timeout). These run on the
 * wall clock, so each limit is 1 s and no test waits much longer than the limit it proves.
 */
class StatedLimitsTest {
  private static final Duration LIMIT = Duration.ofSeconds(1);
  private static final long SLACK_MILLIS = 1_500; // scheduling on 2 busy cores, connection set-up
  private static final String RUNNING = "{\"run_id\": 7, \"job_id\": 3, \"state\": {\"life_cycle_state\": \"RUNNING\"}}";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private void answerEveryRequest(Supplier<MockResponse> response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response.get();
      }
    });
  }

  private static MockResponse silent() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
  }

  private static MockResponse aByteASecond(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body)
        .throttleBody(1, 1, TimeUnit.SECONDS).build();
  }

  /** Default connect, read (30 s) and call (60 s) timeouts: only the limit under test can end these calls early. */
  private DatabricksExecutor executor(RetryPolicy policy) {
    return DatabricksExecutor.builder().host(server.url("/").toString()).token("dapi-limits")
        .retryPolicy(policy).queueReporting(QueueReporting.OFF).build();
  }

  private static RetryPolicy deadline(Duration deadline) {
    return RetryPolicy.custom().deadline(deadline).jitter(0).initialBackoff(Duration.ofMillis(100)).build();
  }

  private static void assertEndedNear(long startNanos, Duration limit) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    assertThat(elapsed).as("elapsed ms").isGreaterThanOrEqualTo(limit.toMillis() - 100)
        .isLessThan(limit.toMillis() + SLACK_MILLIS);
  }

  private static void assertNeverRead(Throwable thrown) {
    assertThat(thrown).isInstanceOfSatisfying(AwaitTimeoutException.class, e -> {
      assertThat(e.lastSeen()).isNull();
      assertThat(e.runId()).isEqualTo(7);
    });
    assertThat(thrown).hasMessageContaining("the run's state was never read: GET jobs/runs/get")
        .hasMessageContaining("timed out").hasMessageNotContaining("keeps running")
        .cause().isInstanceOf(DatabricksTransportException.class).hasMessageContaining("timed out");
  }

  @Test
  void awaitTermination_silentServer_returnsAtItsTimeoutWithTheLastFailureAsCause() throws Exception {
    answerEveryRequest(StatedLimitsTest::silent);

    Throwable thrown;
    long start;
    try (DatabricksExecutor executor = executor(RetryPolicy.none())) {
      start = System.nanoTime();
      thrown = catchThrowable(() -> executor.awaitTermination(7, WaitOptions.of(LIMIT)));
    }

    assertEndedNear(start, LIMIT);
    assertNeverRead(thrown);
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/2.2/jobs/runs/get?run_id=7");
  }

  @Test
  void awaitTermination_serverAnsweringAByteASecond_returnsAtItsTimeout() throws Exception {
    answerEveryRequest(() -> aByteASecond(RUNNING));

    Throwable thrown;
    long start;
    try (DatabricksExecutor executor = executor(RetryPolicy.none())) {
      start = System.nanoTime();
      thrown = catchThrowable(() -> executor.awaitTermination(7, WaitOptions.of(LIMIT)));
    }

    assertEndedNear(start, LIMIT);
    assertNeverRead(thrown);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void awaitTerminationAsync_silentServer_completesAtItsTimeout() throws Exception {
    answerEveryRequest(StatedLimitsTest::silent);

    Throwable thrown;
    long start;
    try (DatabricksExecutor executor = executor(RetryPolicy.none())) {
      start = System.nanoTime();
      CompletableFuture<RunResult> future = executor.awaitTerminationAsync(7, WaitOptions.of(LIMIT));
      thrown = future.handle((r, e) -> e).get(LIMIT.toMillis() + SLACK_MILLIS, TimeUnit.MILLISECONDS);
    }

    assertEndedNear(start, LIMIT);
    assertNeverRead(thrown);
  }

  @Test
  void runNow_silentServer_returnsAtTheRetryDeadline() throws Exception {
    answerEveryRequest(StatedLimitsTest::silent);

    Throwable thrown;
    long start;
    try (DatabricksExecutor executor = executor(deadline(LIMIT))) {
      start = System.nanoTime();
      thrown = catchThrowable(() -> executor.job(3).idempotencyKey("k").runNow());
    }

    assertEndedNear(start, LIMIT);
    assertThat(thrown).isInstanceOf(DatabricksTransportException.class).hasMessageContaining("timed out")
        .hasMessageContaining("the request may have taken effect");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/api/2.2/jobs/run-now");
    assertThat(request.getBody().utf8()).contains("\"idempotency_token\":\"" + IdempotencyTokens.forRunNow(3, "k"));
  }

  @Test
  void runNow_serverAnsweringAByteASecond_returnsAtTheRetryDeadline() throws Exception {
    answerEveryRequest(() -> aByteASecond("{\"run_id\": 7, \"number_in_job\": 7}"));

    Throwable thrown;
    long start;
    try (DatabricksExecutor executor = executor(deadline(LIMIT))) {
      start = System.nanoTime();
      thrown = catchThrowable(() -> executor.job(3).runNow());
    }

    assertEndedNear(start, LIMIT);
    assertThat(thrown).isInstanceOf(DatabricksTransportException.class).hasMessageContaining("timed out");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
