package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void rateLimit_burstUsedUp_answers429WithRetryAfterAndHandlesNothing() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(10).build());
      server.addRateLimit(RateLimit.on("POST", "/jobs/run-now").permitsPerSecond(0.5).burst(2).build());
      Http http = Http.to(server);

      int first = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).status();
      int second = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).status();
      Http.Reply third = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId));

      assertThat(first).isEqualTo(200);
      assertThat(second).isEqualTo(200);
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.json()).containsEntry("error_code", "REQUEST_LIMIT_EXCEEDED");
      assertThat(third.headers().get("Retry-After")).isEqualTo("2");
      assertThat(server.runCount()).isEqualTo(2);
    }
  }

  @Test
  void rateLimit_afterClockAdvance_refillsBucket() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .rateLimit(RateLimit.on("GET", "/jobs/runs/list").permitsPerSecond(1).build()).start()) {
      Http http = Http.to(server);
      http.get("/api/2.2/jobs/runs/list");
      int limited = http.get("/api/2.2/jobs/runs/list").status();

      server.clock().advance(Duration.ofSeconds(1));
      int afterRefill = http.get("/api/2.2/jobs/runs/list").status();

      assertThat(limited).isEqualTo(429);
      assertThat(afterRefill).isEqualTo(200);
    }
  }

  @Test
  void rateLimit_otherEndpoint_notLimited() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      server.addRateLimit(RateLimit.on("POST", "/jobs/run-now").permitsPerSecond(1).build());
      Http http = Http.to(server);

      int a = http.get("/api/2.2/jobs/runs/list").status();
      int b = http.get("/api/2.2/jobs/runs/list").status();

      assertThat(a).isEqualTo(200);
      assertThat(b).isEqualTo(200);
    }
  }

  @Test
  void build_nonPositiveRate_throwsNamingField() {
    assertThatThrownBy(() -> RateLimit.on("*", "").permitsPerSecond(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permitsPerSecond");
  }
}
