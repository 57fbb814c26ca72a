package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.SubmissionFailedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One retry mechanism: OkHttp's own silent repeat of a request whose answer was lost is off, on the executor's client
 * and on a client the caller supplies, so every repeat goes through the RetryPolicy, reaches the RetryListener and
 * counts in events.
 */
class OneRetryMechanismTest {
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private final InMemoryEventSink events = new InMemoryEventSink();

  @ParameterizedTest(name = "callersClient={0}")
  @ValueSource(booleans = {false, true})
  void runNow_retryPolicyNoneAndALostAnswer_sendsExactlyOneRequest(boolean callersClient) {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      DatabricksExecutor.Builder builder = DatabricksExecutor.builder().host(server.url()).token("dapi-one")
          .retryPolicy(RetryPolicy.none()).retryListener(retries::add).addEventSink(events)
          .queueReporting(QueueReporting.OFF);
      if (callersClient) {
        builder.httpClient(new OkHttpClient()); // retryOnConnectionFailure(true), OkHttp's default
      }

      Throwable thrown;
      try (DatabricksExecutor executor = builder.build()) {
        executor.validate(job, null); // a pooled connection: OkHttp repeats a request that fails on a reused one
        server.addFault(FaultRule.on("POST", "/jobs/run-now").once().loseResponse().build());
        thrown = catchThrowable(() -> executor.job(job).idempotencyKey("k").runNow());
      }

      assertThat(thrown).isInstanceOf(DatabricksTransportException.class);
      assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
      assertThat(server.runCount()).as("the lost answer's run exists").isEqualTo(1);
      assertThat(retries).isEmpty();
      assertThat(events.events(SubmissionFailedEvent.class)).singleElement()
          .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
    }
  }

  @Test
  void runNow_aLostAnswerWithRetries_theRepeatIsToldAndCountedAndFindsTheSameRun() {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").times(2).loseResponse().build());

      Submission s;
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-one")
          .retryPolicy(RetryPolicy.custom().jitter(0).maxAttempts(5).build()).retryListener(retries::add)
          .sleeper(d -> { }).queueReporting(QueueReporting.OFF).build()) {
        s = executor.job(job).idempotencyKey("k").runNow();
      }

      assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(3);
      assertThat(retries).extracting(RetryAttempt::failedAttempt).containsExactly(1, 2);
      assertThat(server.runCount()).isEqualTo(1);
      assertThat(server.runs(job)).singleElement().satisfies(r -> assertThat(r.runId()).isEqualTo(s.runId()));
    }
  }

  @Test
  void runNow_200WithoutRunId_isRetriedWithTheSameToken() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"number_in_job\": 3}").build());
      server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
          .body("{\"run_id\": 77, \"number_in_job\": 3}").build());
      server.start();

      Submission s;
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url("/").toString())
          .token("dapi-one").retryPolicy(RetryPolicy.custom().jitter(0).maxAttempts(3).build())
          .retryListener(retries::add).sleeper(d -> { }).queueReporting(QueueReporting.OFF)
          .readTimeout(Duration.ofSeconds(5)).build()) {
        s = executor.job(5).idempotencyKey("k").runNow();
      }

      assertThat(s.runId()).isEqualTo(77);
      assertThat(retries).singleElement().satisfies(r -> assertThat(r.cause())
          .isInstanceOf(DatabricksTransportException.class).hasMessageContaining("without a run_id")
          .satisfies(e -> assertThat(((DatabricksException) e).isRetryable()).isTrue()));
      RecordedRequest first = server.takeRequest();
      RecordedRequest second = server.takeRequest();
      String token = "\"idempotency_token\":\"" + IdempotencyTokens.forRunNow(5, "k") + "\"";
      assertThat(first.getBody().utf8()).contains(token);
      assertThat(second.getBody().utf8()).contains(token);
    }
  }
}
