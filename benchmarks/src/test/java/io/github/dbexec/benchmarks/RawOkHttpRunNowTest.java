package io.github.dbexec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RawOkHttpRunNowTest {
  @Test
  void runId_responseWithSpacesAndOtherFields_readsTheNumber() {
    long runId = RawOkHttpRunNow.runId("{\"number_in_job\": 7, \"run_id\": 800000123}");

    assertThat(runId).isEqualTo(800_000_123L);
  }

  @Test
  void runId_noRunId_throwsNamingTheBody() {
    assertThatThrownBy(() -> RawOkHttpRunNow.runId("{}")).hasMessageContaining("no run_id in {}");
  }

  @Test
  void runNow_againstTheBenchServer_sendsTheKeyAsIdempotencyToken() {
    try (BenchServer server = BenchServer.start(); RunNowClient client = server.open(ClientKind.OKHTTP)) {
      long runId = client.runNow("key-1");

      assertThat(server.server().run(runId)).isNotNull().satisfies(run -> {
        assertThat(run.idempotencyToken()).isEqualTo("key-1");
        assertThat(run.jobId()).isEqualTo(server.jobId());
      });
      assertThat(server.server().journal().find("POST", "/jobs/run-now").get(0).body())
          .isEqualTo("{\"job_id\":" + server.jobId() + ",\"idempotency_token\":\"key-1\"}");
    }
  }
}
