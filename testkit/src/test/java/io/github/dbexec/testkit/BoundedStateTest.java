package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake stays small: journal and runs bounded by bytes, bodies and parameters capped, state paged. */
class BoundedStateTest {
  private static final String MEGABYTE = "x".repeat(1_000_000);

  @Test
  void journal_underOneMegabyteBodies_staysWithinItsByteBudget() throws Exception {
    long budget = 8L << 20;
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .journalMaxBytes(budget).start()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().build());

      for (int i = 0; i < 30; i++) {
        assertThat(http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "job_parameters",
            Map.of("blob", MEGABYTE))).status()).isEqualTo(200);
      }

      assertThat(server.journal().retainedBytes()).isLessThanOrEqualTo(budget).isPositive();
      assertThat(server.journal().size()).isBetween(2, 8);
      RecordedApiRequest newest = server.journal().all().get(server.journal().size() - 1);
      assertThat(newest.sequenceNumber()).isEqualTo(29);
      assertThat(newest.bodyTruncated()).isFalse();
      assertThat(newest.body()).hasSizeGreaterThan(1_000_000);
    }
  }

  @Test
  void retainedRuns_underOneMegabyteParameters_stayWithinTheirByteBudget() throws Exception {
    long budget = 8L << 20;
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .runDuration(Duration.ofSeconds(1)).maxRetainedRunBytes(budget).journalCapacity(1).start()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(100).build());
      long last = 0;

      for (int i = 0; i < 30; i++) {
        last = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId, "job_parameters",
            Map.of("blob", MEGABYTE))).longField("run_id");
        server.clock().advance(Duration.ofSeconds(1));
      }

      assertThat(server.retainedRunBytes()).isLessThanOrEqualTo(budget).isGreaterThan(1_000_000);
      assertThat(server.runCount()).isBetween(2, 8);
      assertThat(server.requireRun(last).jobParameters()).containsEntry("blob", MEGABYTE);
      assertThat(server.journal().retainedBytes()).isLessThan(3_000_000);
    }
  }

  @Test
  void journal_bodyOverItsPerRequestLimit_isCutButHandledWhole() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().journalMaxBodyBytes(100).start()) {
      long jobId = server.createJob(JobSpec.builder().build());

      Http.Reply reply = Http.to(server).post("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
          "job_parameters", Map.of("p", "y".repeat(500))));

      RecordedApiRequest recorded = server.journal().find("POST", "/jobs/run-now").get(0);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(recorded.body()).hasSize(100);
      assertThat(recorded.bodyTruncated()).isTrue();
      assertThat(server.requireRun(reply.longField("run_id")).jobParameters().get("p")).hasSize(500);
    }
  }

  @Test
  void requestBody_overTheCap_answers400AndCreatesNothing() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().maxRequestBodyBytes(1000).start()) {
      long jobId = server.createJob(JobSpec.builder().build());

      Http.Reply reply = Http.to(server).post("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
          "job_parameters", Map.of("p", "z".repeat(2000))));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.message()).isEqualTo("Bad Request");
      assertThat(reply.json()).containsEntry("error_code", "BAD_REQUEST")
          .containsEntry("message", "Size exceeds 1000 bytes");
      assertThat(server.runCount()).isZero();
      assertThat(server.journal().find("POST", "/jobs/run-now").get(0).bodyTruncated()).isTrue();
    }
  }

  @Test
  void notebookParams_over10000Bytes_answers400InvalidParameterValue() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      long jobId = server.createJob(JobSpec.builder().build());
      Http http = Http.to(server);

      Http.Reply over = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
          "notebook_params", Map.of("a", "n".repeat(10_000))));
      Http.Reply jar = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
          "jar_params", List.of("j".repeat(9_997))));
      Http.Reply within = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
          "jar_params", List.of("j".repeat(9_900))));

      assertThat(over.status()).isEqualTo(400);
      assertThat(over.headers().get("Content-Type")).isEqualTo("application/json");
      assertThat(over.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
          .containsEntry("message", "The size of notebook_params (10008 bytes) exceeds the limit of 10000 bytes.");
      assertThat(jar.status()).isEqualTo(400);
      assertThat(within.status()).isEqualTo(200);
      assertThat(server.runCount()).isEqualTo(1);
    }
  }

  @Test
  void runsList_pagesNewestFirstWithCursorTokens() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(100).build());
      for (int i = 0; i < 60; i++) {
        http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      }

      Map<String, Object> first = http.ok("/api/2.2/jobs/runs/list?limit=25");
      Map<String, Object> second = http.ok("/api/2.2/jobs/runs/list?limit=25&page_token=" + first.get("next_page_token"));
      Map<String, Object> third = http.ok("/api/2.2/jobs/runs/list?limit=25&page_token=" + second.get("next_page_token"));
      Map<String, Object> back = http.ok("/api/2.2/jobs/runs/list?limit=25&page_token=" + third.get("prev_page_token"));

      long newest = FakeJobsServer.DEFAULT_FIRST_RUN_ID + 59;
      assertThat(ids(first)).hasSize(25).startsWith(newest);
      assertThat(ids(second)).hasSize(25).startsWith(newest - 25);
      assertThat(ids(third)).hasSize(10).endsWith(FakeJobsServer.DEFAULT_FIRST_RUN_ID);
      assertThat(third).containsEntry("has_more", false);
      assertThat(ids(back)).isEqualTo(ids(second));
      assertThat(first).doesNotContainKey("prev_page_token");
    }
  }

  private static List<Long> ids(Map<String, Object> page) {
    return Http.list(page.get("runs")).stream().map(r -> ((Number) Http.obj(r).get("run_id")).longValue()).toList();
  }

  @Test
  void adminState_isPagedByRuns() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(100).build());
      for (int i = 0; i < 5; i++) {
        http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      }
      Http admin = http.withAuthorization(null);

      Map<String, Object> first = admin.ok("/__fake/state?limit=3");
      Map<String, Object> second = admin.ok("/__fake/state?limit=3&page_token=" + first.get("next_page_token"));
      Http.Reply bad = admin.get("/__fake/state?limit=0");

      assertThat(Http.list(first.get("runs"))).hasSize(3);
      assertThat(Http.list(first.get("jobs"))).hasSize(1);
      assertThat(first).containsEntry("run_count", 5L);
      assertThat(Http.list(second.get("runs"))).hasSize(2);
      assertThat(Http.list(second.get("jobs"))).isEmpty();
      assertThat(second).doesNotContainKey("next_page_token");
      assertThat(bad.status()).isEqualTo(400);
    }
  }
}
