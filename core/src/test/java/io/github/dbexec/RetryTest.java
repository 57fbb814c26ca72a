package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  private FakeJobsServer server;
  private FakeTime time;
  private long job;
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofHours(1)).start();
    job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(100).notebookTask("/nb").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DatabricksExecutor executor(RetryPolicy policy) {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").retryPolicy(policy)
        .retryListener(retries::add).queueReporting(QueueReporting.OFF).clock(time).sleeper(time).build();
  }

  private static RetryPolicy noJitter() {
    return RetryPolicy.custom().jitter(0).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(8))
        .build();
  }

  @Test
  void runNow_429WithRetryAfter_waitsExactlyThatLongThenSucceeds() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").times(2).rateLimited(Duration.ofSeconds(7)).build());

    try (DatabricksExecutor executor = executor(noJitter())) {
      Submission s = executor.job(job).idempotencyKey("k").runNow();

      assertThat(s.runId()).isPositive();
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    assertThat(retries).extracting(RetryAttempt::failedAttempt).containsExactly(1, 2);
    assertThat(retries.get(0).cause()).isInstanceOfSatisfying(DatabricksApiException.class,
        e -> assertThat(e.statusCode()).isEqualTo(429));
    assertThat(server.journal().find("POST", "/jobs/run-now"))
        .extracting(r -> r.jsonBody().get("idempotency_token")).containsOnly(IdempotencyTokens.forRunNow(job, "k"))
        .hasSize(3);
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void runNow_429WithRetryAfterHttpDate_waitsUntilThatDateOnTheInjectedClock() {
    String inTwelveSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(time.instant().plusSeconds(12).atZone(java.time.ZoneOffset.UTC));
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once()
        .respondError(429, "REQUEST_LIMIT_EXCEEDED", "slow down").header("Retry-After", inTwelveSeconds).build());

    try (DatabricksExecutor executor = executor(noJitter())) {
      executor.job(job).runNow();
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
    assertThat(retries.get(0).cause()).isInstanceOfSatisfying(DatabricksApiException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
  }

  @Test
  void runNow_retryAfterLongerThanCap_waitsTheCap() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().rateLimited(Duration.ofSeconds(600)).build());

    try (DatabricksExecutor executor = executor(RetryPolicy.from(noJitter()).maxRetryAfter(Duration.ofSeconds(30))
        .build())) {
      executor.job(job).runNow();
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void runNow_503Twice_backsOffExponentially() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").times(3)
        .respondError(503, "TEMPORARILY_UNAVAILABLE", "try later").build());

    try (DatabricksExecutor executor = executor(noJitter())) {
      executor.job(job).runNow();
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void runNow_responseLostAfterRunCreated_retriesIntoExactlyOneRun() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().loseResponse().build());

    Submission s;
    try (DatabricksExecutor executor = executor(noJitter())) {
      s = executor.job(job).idempotencyKey("file:a").runNow();
    }

    assertThat(server.runCount()).isEqualTo(1);
    assertThat(server.runs(job)).extracting(r -> r.runId()).containsExactly(s.runId());
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(2);
    assertThat(retries).hasSize(1);
    assertThat(retries.get(0).cause()).isInstanceOf(DatabricksTransportException.class);
  }

  @Test
  void runNow_responseLostWithoutKey_randomTokenReusedSoStillOneRun() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().loseResponse().build());

    try (DatabricksExecutor executor = executor(noJitter())) {
      executor.job(job).runNow();
    }

    assertThat(server.runCount()).isEqualTo(1);
    List<Object> tokens = server.journal().find("POST", "/jobs/run-now").stream()
        .map(r -> r.jsonBody().get("idempotency_token")).toList();
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
  }

  @Test
  void runNow_droppedConnection_retried() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().dropConnection().build());

    try (DatabricksExecutor executor = executor(noJitter())) {
      executor.job(job).runNow();
    }

    assertThat(server.runCount()).isEqualTo(1);
    assertThat(retries).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409})
  void runNow_clientErrors_neverRetried(int status) {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().respondError(status, "SOME_ERROR", "no").build());

    try (DatabricksExecutor executor = executor(noJitter())) {
      assertThatThrownBy(() -> executor.job(job).runNow())
          .isInstanceOfSatisfying(DatabricksApiException.class, e -> assertThat(e.statusCode()).isEqualTo(status));
    }

    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void runNow_attemptsUsedUp_throwsLastFailure() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").always().respondError(502, "BAD_GATEWAY", "gw").build());

    try (DatabricksExecutor executor = executor(RetryPolicy.from(noJitter()).maxAttempts(3).build())) {
      assertThatThrownBy(() -> executor.job(job).runNow())
          .isInstanceOfSatisfying(DatabricksApiException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    }

    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(3);
  }

  @Test
  void runNow_deadlineReached_stopsRetrying() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").always().rateLimited(Duration.ofSeconds(20)).build());
    RetryPolicy policy = RetryPolicy.from(noJitter()).maxAttempts(100).deadline(Duration.ofSeconds(50)).build();

    try (DatabricksExecutor executor = executor(policy)) {
      assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksApiException.class);
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20));
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(3);
  }

  @Test
  void runNow_noRetryPolicy_singleAttempt() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once().respondError(503, "TEMPORARILY_UNAVAILABLE", "x")
        .build());

    try (DatabricksExecutor executor = executor(RetryPolicy.none())) {
      assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksApiException.class)
          .matches(e -> ((DatabricksException) e).isRetryable());
    }

    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
  }
}
