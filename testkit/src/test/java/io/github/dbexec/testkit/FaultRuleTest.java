package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultRuleTest {
  private FakeJobsServer server;
  private Http http;
  private long jobId;

  @BeforeEach
  void startServer() {
    server = TestServers.manual();
    http = Http.to(server);
    jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(100).build());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Map<String, Object> runNowBody(String token) {
    return Map.of("job_id", jobId, "idempotency_token", token);
  }

  @Test
  void respondError_once_failsFirstRequestOnlyWithoutStateChange() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").respondError(503, "TEMPORARILY_UNAVAILABLE", "busy").build());

    Http.Reply first = http.post("/api/2.2/jobs/run-now", runNowBody("t"));
    Http.Reply second = http.post("/api/2.2/jobs/run-now", runNowBody("t"));

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.json()).containsEntry("error_code", "TEMPORARILY_UNAVAILABLE").containsEntry("message", "busy");
    assertThat(second.status()).isEqualTo(200);
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void rateLimited_times2_answers429WithRetryAfterSecondsTwice() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").times(2).rateLimited(Duration.ofMillis(2500)).build());

    Http.Reply first = http.post("/api/2.2/jobs/run-now", runNowBody("t"));
    Http.Reply second = http.post("/api/2.2/jobs/run-now", runNowBody("t"));
    Http.Reply third = http.post("/api/2.2/jobs/run-now", runNowBody("t"));

    assertThat(first.status()).isEqualTo(429);
    assertThat(first.headers().get("Retry-After")).isEqualTo("3");
    assertThat(first.json()).containsEntry("error_code", "REQUEST_LIMIT_EXCEEDED");
    assertThat(second.status()).isEqualTo(429);
    assertThat(third.status()).isEqualTo(200);
    assertThat(server.journal().find("POST", "/jobs/run-now")).extracting(RecordedApiRequest::responseCode)
        .containsExactly(429, 429, 200);
  }

  @Test
  void dropConnection_failsWithIoAndCreatesNoRun() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").dropConnection().build());

    assertThatThrownBy(() -> http.post("/api/2.2/jobs/run-now", runNowBody("t"))).isInstanceOf(IOException.class);

    assertThat(server.runCount()).isZero();
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    assertThat(server.journal().find("POST", "/jobs/run-now").get(0).responseCode()).isEqualTo(-1);
  }

  @Test
  void loseResponse_failsWithIoButRunExists_andRetryWithSameTokenGetsIt() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").loseResponse().build());

    assertThatThrownBy(() -> http.post("/api/2.2/jobs/run-now", runNowBody("lost"))).isInstanceOf(IOException.class);
    Http.Reply retry = http.post("/api/2.2/jobs/run-now", runNowBody("lost"));

    assertThat(server.runCount()).isEqualTo(1);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.longField("run_id")).isEqualTo(server.runs(jobId).get(0).runId());
  }

  @Test
  void emptyBody_2xx_handlesRequestAndSendsNoBody() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").emptyBody(200).build());

    Http.Reply reply = http.post("/api/2.2/jobs/run-now", runNowBody("t"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEmpty();
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void emptyBody_5xx_doesNotHandleRequest() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").emptyBody(502).build());

    Http.Reply reply = http.post("/api/2.2/jobs/run-now", runNowBody("t"));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.body()).isEmpty();
    assertThat(server.runCount()).isZero();
  }

  @Test
  void truncatedBody_handlesRequestAndSendsInvalidJson() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").truncatedBody().build());

    Http.Reply reply = http.post("/api/2.2/jobs/run-now", runNowBody("t"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).startsWith("{\"run_id\"");
    assertThatThrownBy(() -> Json.parse(reply.body())).isInstanceOf(Json.MalformedJsonException.class);
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void fault_withHeader_addsHeaderToResponse() throws Exception {
    server.addFault(FaultRule.on("GET", "/jobs/runs/list").respondError(500, "INTERNAL_ERROR", "boom")
        .header("x-request-id", "abc").build());

    Http.Reply reply = http.get("/api/2.2/jobs/runs/list");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.headers().get("x-request-id")).isEqualTo("abc");
  }

  @Test
  void fault_otherEndpoint_doesNotMatch() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").respondError(500, "INTERNAL_ERROR", "boom").build());

    Http.Reply reply = http.get("/api/2.2/jobs/runs/list");

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void fault_matchingBody_onlyFiresOnMatchingBodies() throws Exception {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").matchingBody(b -> b.contains("bad"))
        .respondError(500, "INTERNAL_ERROR", "boom").build());

    Http.Reply good = http.post("/api/2.2/jobs/run-now", runNowBody("good"));
    Http.Reply bad = http.post("/api/2.2/jobs/run-now", runNowBody("bad"));

    assertThat(good.status()).isEqualTo(200);
    assertThat(bad.status()).isEqualTo(500);
  }

  @Test
  void fault_afterMatches_letsFirstRequestsThrough() throws Exception {
    server.addFault(FaultRule.on("GET", "/jobs/runs/list").afterMatches(2).respondError(500, "INTERNAL_ERROR", "x")
        .build());

    int s1 = http.get("/api/2.2/jobs/runs/list").status();
    int s2 = http.get("/api/2.2/jobs/runs/list").status();
    int s3 = http.get("/api/2.2/jobs/runs/list").status();

    assertThat(new int[] {s1, s2, s3}).containsExactly(200, 200, 500);
  }

  @Test
  void probability_sameSeed_firesOnSameRequests() throws Exception {
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (StringBuilder pattern : new StringBuilder[] {first, second}) {
      server.reset();
      server.addFault(FaultRule.on("GET", "").always().probability(0.5, 7).respondError(503, "X", "y").build());
      for (int i = 0; i < 20; i++) {
        pattern.append(http.get("/api/2.2/jobs/runs/list").status() == 503 ? 'F' : '.');
      }
    }

    assertThat(first.toString()).isEqualTo(second.toString()).contains("F").contains(".");
  }

  @Test
  void delay_answersNormallyAfterLatency() throws Exception {
    server.addFault(FaultRule.on("GET", "/jobs/runs/list").delay(Duration.ofMillis(200)).build());
    long start = System.nanoTime();

    Http.Reply reply = http.get("/api/2.2/jobs/runs/list");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void noResponse_clientReadTimesOut_andNothingHappens() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").noResponse().build());
    okhttp3.OkHttpClient impatient = new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(false)
        .readTimeout(Duration.ofMillis(200)).build();
    okhttp3.Request request = new okhttp3.Request.Builder().url(server.url() + "/api/2.2/jobs/run-now")
        .header("Authorization", "Bearer x")
        .post(okhttp3.RequestBody.create("{\"job_id\": " + jobId + "}", Http.JSON)).build();

    assertThatThrownBy(() -> impatient.newCall(request).execute().close())
        .isInstanceOf(java.net.SocketTimeoutException.class);

    assertThat(server.runCount()).isZero();
  }

  @Test
  void disconnectDuringBody_handlesRequestThenBreaksBody() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").disconnectDuringBody().build());

    assertThatThrownBy(() -> http.post("/api/2.2/jobs/run-now", runNowBody("t"))).isInstanceOf(IOException.class);

    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void build_withoutAction_throws() {
    assertThatThrownBy(() -> FaultRule.on("POST", "/jobs/run-now").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("action");
  }

  @Test
  void build_twoActions_throws() {
    assertThatThrownBy(() -> FaultRule.on("POST", "/jobs/run-now").dropConnection().loseResponse())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one action");
  }
}
