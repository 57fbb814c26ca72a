package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A quick check that the official SDK client talks to the fake unchanged (the full suite is separate). */
class SdkSmokeTest {

  @Test
  void sdk_createRunNowGetRun_worksAgainstFake() {
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-sdk").clock(FakeClock.manual(TestServers.T0))
        .start()) {
      WorkspaceClient client = new WorkspaceClient(new DatabricksConfig().setHost(server.url()).setToken("dapi-sdk"));

      long jobId = client.jobs().create(new CreateJob().setName("sdk").setTasks(List.of(new Task().setTaskKey("main")
          .setNotebookTask(new NotebookTask().setNotebookPath("/nb"))))).getJobId();
      long runId = client.jobs().runNow(new RunNow().setJobId(jobId).setIdempotencyToken("sdk-1")
          .setNotebookParams(Map.of("a", "b"))).getResponse().getRunId();
      server.clock().advance(Duration.ofSeconds(5));
      Run run = client.jobs().getRun(new GetRunRequest().setRunId(runId));

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(server.journal().find("POST", "/jobs/run-now").get(0).header("User-Agent")).contains("databricks-sdk-java");
    }
  }

  @Test
  void sdk_wrongToken_getsPermissionDeniedWithInvalidAccessToken() {
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-sdk").start()) {
      WorkspaceClient client = new WorkspaceClient(new DatabricksConfig().setHost(server.url()).setToken("dapi-bad"));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.jobs().get(1001L))
          .isInstanceOf(com.databricks.sdk.core.error.platform.PermissionDenied.class)
          .hasMessageContaining("Invalid access token.");
    }
  }

  @Test
  void sdk_missingJob_getsResourceDoesNotExist() {
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-sdk").start()) {
      WorkspaceClient client = new WorkspaceClient(new DatabricksConfig().setHost(server.url()).setToken("dapi-sdk"));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.jobs().get(4242L))
          .isInstanceOf(com.databricks.sdk.core.error.platform.ResourceDoesNotExist.class)
          .hasMessageContaining("Job 4242 does not exist.");
    }
  }
}
