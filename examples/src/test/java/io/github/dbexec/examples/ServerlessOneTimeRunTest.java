package io.github.dbexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.Run;
import io.github.dbexec.RunTask;
import io.github.dbexec.testkit.FakeJobsServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerlessOneTimeRunTest {
  @Test
  void submitNightly_twiceForOneDay_oneServerlessRunWithBothTasks() {
    try (FakeJobsServer server = FakeJobsServer.builder().start();
        DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").build()) {
      Run first = ServerlessOneTimeRun.submitNightly(executor, "2026-11-20");
      Run again = ServerlessOneTimeRun.submitNightly(executor, "2026-11-20");

      assertThat(again.runId()).isEqualTo(first.runId());
      assertThat(first.runType()).isEqualTo("SUBMIT_RUN");
      assertThat(first.tasks()).extracting(RunTask::taskKey).containsExactlyInAnyOrder("ingest", "report");
      Map<String, Object> body = server.journal().find("POST", "/jobs/runs/submit").get(0).jsonBody();
      assertThat(body).containsEntry("performance_target", "PERFORMANCE_OPTIMIZED")
          .containsKey("environments");
      assertThat((List<?>) body.get("tasks")).hasSize(2);
    }
  }
}
