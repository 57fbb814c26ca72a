package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

  @Test
  void journal_afterRequests_recordsMethodPathVersionQueryHeadersBodyAndTime() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().build());
      http.post("/api/2.1/jobs/run-now", Map.of("job_id", jobId, "idempotency_token", "k1"));
      server.clock().advance(Duration.ofSeconds(1));
      http.get("/api/2.2/jobs/runs/get?run_id=" + FakeJobsServer.DEFAULT_FIRST_RUN_ID);

      RecordedApiRequest runNow = server.journal().find("POST", "/jobs/run-now").get(0);
      RecordedApiRequest get = server.journal().find("GET", "/jobs/runs/get").get(0);

      assertThat(runNow.method()).isEqualTo("POST");
      assertThat(runNow.path()).isEqualTo("/api/2.1/jobs/run-now");
      assertThat(runNow.endpoint()).isEqualTo("/jobs/run-now");
      assertThat(runNow.apiVersion()).isEqualTo("2.1");
      assertThat(runNow.header("authorization")).isEqualTo("Bearer dapi-test");
      assertThat(runNow.jsonBody()).containsEntry("job_id", jobId).containsEntry("idempotency_token", "k1");
      assertThat(runNow.receivedAtMillis()).isEqualTo(TestServers.T0.toEpochMilli());
      assertThat(get.apiVersion()).isEqualTo("2.2");
      assertThat(get.queryParameter("run_id")).isEqualTo(Long.toString(FakeJobsServer.DEFAULT_FIRST_RUN_ID));
      assertThat(get.body()).isEmpty();
      assertThat(get.jsonBody()).isEmpty();
      assertThat(get.receivedAtMillis()).isEqualTo(TestServers.T0.toEpochMilli() + 1000);
      assertThat(server.journal().count("*", "")).isEqualTo(2);
    }
  }

  @Test
  void find_jobsGetSuffix_doesNotMatchRunsGet() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http.to(server).get("/api/2.2/jobs/runs/get?run_id=1");

      int count = server.journal().count("GET", "/jobs/get");

      assertThat(count).isZero();
    }
  }

  @Test
  void journal_beyondCapacity_keepsMostRecent() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().journalCapacity(3).start()) {
      Http http = Http.to(server);
      for (int i = 0; i < 5; i++) {
        http.get("/api/2.2/jobs/runs/get?run_id=" + i);
      }

      assertThat(server.journal().all()).extracting(r -> r.queryParameter("run_id")).containsExactly("2", "3", "4");
      assertThat(server.journal().all().get(0).sequenceNumber()).isEqualTo(2);
    }
  }

  @Test
  void await_requestFromOtherThread_returnsOnceItArrives() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Thread client = new Thread(() -> {
        try {
          Http.to(server).get("/api/2.2/jobs/runs/list");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      client.start();

      java.util.List<RecordedApiRequest> arrived = server.journal().await("GET", "/jobs/runs/list", 1,
          java.time.Duration.ofSeconds(10));

      assertThat(arrived).hasSize(1);
      client.join(10_000);
    }
  }

  @Test
  void await_requestNeverSent_failsWithAssertionErrorAfterTimeout() {
    try (FakeJobsServer server = TestServers.manual()) {

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> server.journal().await("POST", "/jobs/run-now", 1, java.time.Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class).hasMessageContaining("/jobs/run-now");
    }
  }

  @Test
  void unknownEndpointRequests_listsOnlyUnmodelledCalls_withErrorCodes() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      http.post("/api/2.2/jobs/runs/export", Map.of("run_id", 1));
      http.get("/api/2.2/jobs/runs/get?run_id=1");

      java.util.List<RecordedApiRequest> unknown = server.journal().unknownEndpointRequests();

      assertThat(unknown).extracting(RecordedApiRequest::endpoint).containsExactly("/jobs/runs/export");
      assertThat(server.journal().find("GET", "/jobs/runs/get").get(0).responseErrorCode())
          .isEqualTo("INVALID_PARAMETER_VALUE");
    }
  }

  @Test
  void clear_forgetsRequests() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http.to(server).get("/api/2.2/jobs/runs/list");

      server.journal().clear();

      assertThat(server.journal().all()).isEmpty();
    }
  }
}
