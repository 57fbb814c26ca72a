package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Realistic ids (15–16 digits), a configurable start, and one-time runs with a real job id. */
class IdsTest {

  @Test
  void defaults_jobAndRunIds_have15DigitsAndExceedInt() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);

      long jobId = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "a")).get("job_id")).longValue();
      Http.Reply reply = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      long runId = reply.longField("run_id");

      assertThat(Long.toString(jobId)).hasSize(15);
      assertThat(Long.toString(runId)).hasSize(15);
      assertThat(jobId).isGreaterThan(Integer.MAX_VALUE);
      assertThat(reply.body()).contains("\"run_id\":" + runId);
      assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
      assertThat(server.journal().find("POST", "/jobs/run-now").get(0).jsonBody()).containsEntry("job_id", jobId);
    }
  }

  @Test
  void firstIds_pastTwoToThe53_areWrittenExactly() throws Exception {
    long big = (1L << 53) + 1;   // not representable as a double
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-test").firstJobId(big).firstRunId(big + 10)
        .clock(FakeClock.manual(TestServers.T0)).start()) {
      Http http = Http.to(server);

      Http.Reply created = http.post("/api/2.2/jobs/create", Map.of("name", "a"));
      Http.Reply run = http.post("/api/2.2/jobs/run-now", Map.of("job_id", big));
      Http.Reply get = http.get("/api/2.2/jobs/runs/get?run_id=" + (big + 10));

      assertThat(created.body()).isEqualTo("{\"job_id\":9007199254740993}");
      assertThat(run.body()).contains("\"run_id\":9007199254741003");
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).contains("\"job_id\":9007199254740993");
    }
  }

  @Test
  void smallIds_restoresTheEarlierSequences() {
    try (FakeJobsServer server = FakeJobsServer.builder().smallIds().start()) {
      long jobId = server.createJob(JobSpec.builder().build());
      long runId = Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id") instanceof Number n
          ? n.longValue() : -1;

      assertThat(jobId).isEqualTo(1001L);
      assertThat(runId).isEqualTo(800_000_001L);
    }
  }

  @Test
  void firstJobId_notPositive_failsNamingTheSetting() {
    assertThatThrownBy(() -> FakeJobsServer.builder().firstJobId(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstJobId").hasMessageContaining("0");
  }

  @Test
  void submit_oneTimeRun_hasAnAnonymousJobIdInBodyAndRunPageUrl() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      long saved = server.createJob(JobSpec.builder().build());

      long runId = http.ok("/api/2.2/jobs/runs/submit", Map.of("run_name", "once",
          "tasks", List.of(Map.of("task_key", "t", "notebook_task", Map.of("notebook_path", "/nb")))))
          .get("run_id") instanceof Number n ? n.longValue() : -1;
      Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

      long jobId = ((Number) run.get("job_id")).longValue();
      assertThat(jobId).isPositive().isNotEqualTo(saved);
      assertThat(run).containsEntry("run_type", "SUBMIT_RUN")
          .containsEntry("run_page_url", server.url() + "/?o=1234567890123456#job/" + jobId + "/run/" + runId);
      assertThat(server.requireRun(runId).jobId()).isEqualTo(jobId);
      assertThat(Http.list(http.ok("/api/2.2/jobs/list").get("jobs")))
          .extracting(j -> Http.obj(j).get("job_id")).containsExactly(saved);
    }
  }
}
