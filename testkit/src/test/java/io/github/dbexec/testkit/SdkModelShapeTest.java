package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.CreateResponse;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.ListJobsResponse;
import com.databricks.sdk.service.jobs.ListRunsResponse;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNowResponse;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.SubmitRunResponse;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads the fake's JSON into the official SDK's model classes with unknown properties forbidden: a field
 * name the SDK does not know (a typo, a made-up field) or a wrong type fails the test. Not a full
 * compatibility suite; that runs the SDK client itself.
 */
class SdkModelShapeTest {
  private final ObjectMapper strict = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  @Test
  void responses_readIntoSdkModels_withoutUnknownFields() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      server.scriptNextRun(RunScript.failing("boom"));
      Http.Reply created = http.post("/api/2.2/jobs/create", Map.of("name", "shape", "max_concurrent_runs", 1,
          "parameters", List.of(Map.of("name", "env", "default", "dev")),
          "tasks", List.of(Map.of("task_key", "main", "notebook_task", Map.of("notebook_path", "/nb")))));
      long jobId = strict.readValue(created.body(), CreateResponse.class).getJobId();
      Http.Reply runNow = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId,
          "job_parameters", Map.of("env", "prod"), "notebook_params", Map.of("a", "b")));
      long runId = strict.readValue(runNow.body(), RunNowResponse.class).getRunId();
      long queuedId = strict.readValue(http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).body(),
          RunNowResponse.class).getRunId();
      Run queued = strict.readValue(http.get("/api/2.2/jobs/runs/get?run_id=" + queuedId).body(), Run.class);
      server.clock().advance(Duration.ofMinutes(1));

      Run run = strict.readValue(http.get("/api/2.2/jobs/runs/get?run_id=" + runId).body(), Run.class);
      Job job = strict.readValue(http.get("/api/2.2/jobs/get?job_id=" + jobId).body(), Job.class);
      ListRunsResponse runs = strict.readValue(http.get("/api/2.2/jobs/runs/list?expand_tasks=true").body(),
          ListRunsResponse.class);
      ListJobsResponse jobs = strict.readValue(http.get("/api/2.2/jobs/list").body(), ListJobsResponse.class);
      long taskRunId = run.getTasks().iterator().next().getRunId();
      RunOutput output = strict.readValue(http.get("/api/2.2/jobs/runs/get-output?run_id=" + taskRunId).body(),
          RunOutput.class);
      SubmitRunResponse submitted = strict.readValue(http.post("/api/2.2/jobs/runs/submit",
          Map.of("tasks", List.of(Map.of("task_key", "t", "notebook_task", Map.of("notebook_path", "/nb"))))).body(),
          SubmitRunResponse.class);

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
      assertThat(run.getStatus().getTerminationDetails().getCode()).isEqualTo(TerminationCodeCode.RUN_EXECUTION_ERROR);
      assertThat(run.getOverridingParameters().getNotebookParams()).containsEntry("a", "b");
      assertThat(run.getJobParameters().iterator().next().getValue()).isEqualTo("prod");
      assertThat(queued.getStatus().getQueueDetails().getCode().toString()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED");
      assertThat(job.getSettings().getMaxConcurrentRuns()).isEqualTo(1L);
      assertThat(job.getSettings().getQueue().getEnabled()).isTrue();
      assertThat(runs.getRuns()).extracting(BaseRun::getRunId).contains(runId, queuedId);
      assertThat(jobs.getJobs()).hasSize(1);
      assertThat(output.getError()).isEqualTo("boom");
      assertThat(submitted.getRunId()).isPositive();
    }
  }

  @Test
  void skippedRun_readsIntoSdkRun() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().queueEnabled(false).build());
      http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      long skipped = Http.to(server).post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");

      Run run = strict.readValue(http.get("/api/2.2/jobs/runs/get?run_id=" + skipped).body(), Run.class);

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.SKIPPED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.MAXIMUM_CONCURRENT_RUNS_REACHED);
      assertThat(run.getStatus().getTerminationDetails().getCode())
          .isEqualTo(TerminationCodeCode.MAX_CONCURRENT_RUNS_EXCEEDED);
    }
  }
}
