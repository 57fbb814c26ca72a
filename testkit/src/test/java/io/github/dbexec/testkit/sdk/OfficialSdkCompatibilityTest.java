package io.github.dbexec.testkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.error.ApiErrorBody;
import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Response;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.compute.Environment;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.MavenLibrary;
import com.databricks.sdk.service.compute.PythonPyPiLibrary;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.GitProvider;
import com.databricks.sdk.service.jobs.GitSource;
import com.databricks.sdk.service.jobs.JobEnvironment;
import com.databricks.sdk.service.jobs.PythonWheelTask;
import com.databricks.sdk.service.jobs.RunIf;
import com.databricks.sdk.service.jobs.SparkJarTask;
import com.databricks.sdk.service.jobs.SparkPythonTask;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.CancelAllRuns;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.CreateResponse;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ListJobsResponse;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.ListRunsResponse;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.QueueDetailsCodeCode;
import com.databricks.sdk.service.jobs.QueueSettings;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunLifecycleStateV2State;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunNowResponse;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.RepairHistoryItem;
import com.databricks.sdk.service.jobs.RepairHistoryItemType;
import com.databricks.sdk.service.jobs.RepairRun;
import com.databricks.sdk.service.jobs.RepairRunResponse;
import com.databricks.sdk.service.jobs.ResetJob;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.RunType;
import com.databricks.sdk.service.jobs.SubmitRun;
import com.databricks.sdk.service.jobs.SubmitRunResponse;
import com.databricks.sdk.service.jobs.SubmitTask;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import com.databricks.sdk.service.jobs.TerminationTypeType;
import com.databricks.sdk.service.jobs.TriggerType;
import com.databricks.sdk.service.jobs.UpdateJob;
import com.databricks.sdk.support.Wait;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.WorkspaceRunLimitAnswer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.LifeCycleState;
import io.github.dbexec.testkit.RecordedApiRequest;
import io.github.dbexec.testkit.RunScript;
import io.github.dbexec.testkit.TaskScript;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compatibility proof: the official Databricks SDK for Java ({@code com.databricks:databricks-sdk-java}, its
 * {@code WorkspaceClient.jobs()} API, models, waiters, paginators, retries and error mapping) driven unchanged
 * against the fake, one fake server per test. Each test asserts on what the SDK returned (its typed model) and on
 * what the fake received ({@link FakeJobsServer#journal()}); after each test every Jobs API answer the SDK received
 * is also read strictly into the SDK's model class. When the two disagree, the fake is wrong.
 *
 * <p>The SDK client never depends on the machine: explicit host, credentials and {@code auth_type}, no profile, and
 * a config file that does not exist (see {@link #sdk(FakeJobsServer, Consumer, SSLContext)}).
 *
 * <p>The SDK's run waiter ({@code Wait.get()}, {@code JobsAPI.waitGetRunJobTerminatedOrSkipped}) polls
 * {@code runs/get} at once, returns on TERMINATED or SKIPPED, throws on INTERNAL_ERROR, and otherwise sleeps on the
 * wall clock ({@code min(attempt, 10)} s plus up to 1 s of jitter) before polling again. The tests use the fake's
 * advance-on-poll clock with a step at least as long as the run, so the first poll already sees the run finished
 * and the waiter never sleeps. Two tests pay one real pause each, on purpose: a run that needs a second poll (the
 * waiter loops) and a 429 with {@code Retry-After: 1} (the SDK retries).
 */
class OfficialSdkCompatibilityTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TOKEN = "dapi-sdk-compat";
  private static final Duration RUN = Duration.ofSeconds(10);
  private static final Duration WAIT_LIMIT = Duration.ofMinutes(1);
  /** The SDK's response model per endpoint; the others (cancel, delete, update, reset) answer {@code {}}. */
  private static final Map<String, Class<?>> SDK_MODELS = Map.of(
      "/jobs/create", CreateResponse.class,
      "/jobs/get", Job.class,
      "/jobs/list", ListJobsResponse.class,
      "/jobs/run-now", RunNowResponse.class,
      "/jobs/runs/submit", SubmitRunResponse.class,
      "/jobs/runs/get", Run.class,
      "/jobs/runs/list", ListRunsResponse.class,
      "/jobs/runs/get-output", RunOutput.class,
      "/jobs/runs/repair", RepairRunResponse.class);

  /** Every response the SDK received in this test, in order. */
  private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path tempDir;

  /**
   * After each test: every successful Jobs API answer the SDK received reads into the SDK's own model class with
   * unknown properties forbidden, so a field the SDK does not know or a wrong type in any scenario fails the test;
   * answers without a model must be {@code {}}; error bodies must read into the SDK's {@code ApiErrorBody} (which
   * itself ignores unknown fields, so only types and the message are checked).
   */
  @AfterEach
  void everyResponse_readsStrictlyIntoSdkModel() throws Exception {
    ObjectMapper strict = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    List<Exchange> apiCalls;
    synchronized (exchanges) {
      apiCalls = exchanges.stream().filter(e -> e.path().matches("/api/2\\.\\d/jobs/.*")).toList();
    }

    for (Exchange call : apiCalls) {
      String endpoint = call.path().replaceFirst("^/api/2\\.\\d", "");
      if (call.status() >= 400) {
        assertThat(strict.readValue(call.body(), ApiErrorBody.class).getMessage()).as(call.toString()).isNotBlank();
        continue;
      }
      Class<?> model = SDK_MODELS.get(endpoint);
      if (model == null) {
        assertThat(call.body()).as(call.toString()).isEqualTo("{}");
      } else {
        assertThat(strict.readValue(call.body(), model)).as(call.toString()).isNotNull();
      }
    }
  }

  // ------------------------------------------------------------------ jobs: create, get, list

  @Test
  void createAndGet_jobWithNotebookTask_roundTripsSettings() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long jobId = jobs.create(new CreateJob()
          .setName("nightly-etl")
          .setMaxConcurrentRuns(2L)
          .setQueue(new QueueSettings().setEnabled(true))
          .setParameters(List.of(new JobParameterDefinition().setName("env").setDefault("dev")))
          .setTasks(List.of(new Task().setTaskKey("main")
              .setNotebookTask(new NotebookTask().setNotebookPath("/Repos/etl/nightly")))))
          .getJobId();

      Job job = jobs.get(jobId);

      assertThat(job.getJobId()).isEqualTo(jobId);
      assertThat(job.getCreatedTime()).isEqualTo(T0.toEpochMilli());
      assertThat(job.getSettings().getName()).isEqualTo("nightly-etl");
      assertThat(job.getSettings().getMaxConcurrentRuns()).isEqualTo(2L);
      assertThat(job.getSettings().getQueue().getEnabled()).isTrue();
      assertThat(job.getSettings().getParameters())
          .extracting(JobParameterDefinition::getName, JobParameterDefinition::getDefault)
          .containsExactly(tuple("env", "dev"));
      Task task = job.getSettings().getTasks().iterator().next();
      assertThat(task.getTaskKey()).isEqualTo("main");
      assertThat(task.getNotebookTask().getNotebookPath()).isEqualTo("/Repos/etl/nightly");
      RecordedApiRequest create = only(server, "POST", "/jobs/create");
      assertThat(create.apiVersion()).isEqualTo("2.2");
      assertThat(create.header("Authorization")).isNotNull();
      assertThat(create.jsonBody())
          .containsEntry("name", "nightly-etl")
          .containsEntry("max_concurrent_runs", 2L)
          .containsEntry("queue", Map.of("enabled", true));
      RecordedApiRequest get = only(server, "GET", "/jobs/get");
      assertThat(get.queryParameter("job_id")).isEqualTo(Long.toString(jobId));
      assertThat(get.responseCode()).isEqualTo(200);
      assertThat(server.journal().find("GET", "/.well-known/databricks-config"))
          .as("the SDK's host-metadata probe, answered 404 and tolerated").hasSize(1);
      assertThat(server.journal().unknownEndpointRequests()).isEmpty();
    }
  }

  @Test
  void list_nameFilterOverSeveralPages_sdkIteratorReturnsEveryMatchingJob() {
    try (FakeJobsServer server = manualServer()) {
      List<Long> matching = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        matching.add(server.createJob(JobSpec.builder().name("etl-nightly").notebookTask("/nb").build()));
        server.createJob(JobSpec.builder().name("other-" + i).notebookTask("/nb").build());
      }
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      List<BaseJob> listed = new ArrayList<>();
      jobs.list(new ListJobsRequest().setName("ETL-Nightly").setLimit(5L)).forEach(listed::add);

      assertThat(listed).extracting(BaseJob::getJobId).containsExactlyInAnyOrderElementsOf(matching);
      assertThat(listed).extracting(job -> job.getSettings().getName()).containsOnly("etl-nightly");
      List<RecordedApiRequest> pages = server.journal().find("GET", "/jobs/list");
      assertThat(pages).hasSize(3);
      assertThat(pages).allSatisfy(page -> {
        assertThat(page.queryParameter("name")).isEqualTo("ETL-Nightly");
        assertThat(page.queryParameter("limit")).isEqualTo("5");
        assertThat(page.responseCode()).isEqualTo(200);
      });
      assertThat(pages.get(0).queryParameter("page_token")).isNull();
      assertThat(pages.get(1).queryParameter("page_token")).isNotBlank();
      assertThat(pages.get(2).queryParameter("page_token")).isNotBlank()
          .isNotEqualTo(pages.get(1).queryParameter("page_token"));
    }
  }

  @Test
  void get_missingJob_throwsResourceDoesNotExist() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      Throwable thrown = catchThrowable(() -> jobs.get(4242L));

      assertThat(thrown)
          .isInstanceOf(ResourceDoesNotExist.class)
          .isInstanceOf(NotFound.class)
          .hasMessageContaining("Job 4242 does not exist.");
      // the SDK's error override rewrites code and status; the fake's own 400 is checked on the journal below
      assertThat(((DatabricksError) thrown).getErrorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
      assertThat(((DatabricksError) thrown).getStatusCode()).isEqualTo(404);
      assertThat(((DatabricksError) thrown).getErrorDetails().requestInfo())
          .as("the fake's google.rpc.RequestInfo detail, parsed by the SDK")
          .hasValueSatisfying(info -> assertThat(info.requestId()).matches("[0-9a-f-]{36}"));
      RecordedApiRequest get = only(server, "GET", "/jobs/get");
      assertThat(get.queryParameter("job_id")).isEqualTo("4242");
      assertThat(get.responseCode()).isEqualTo(400);
      assertThat(get.responseErrorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }
  }

  @Test
  void getRun_missingRun_throwsResourceDoesNotExist() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      assertThatThrownBy(() -> jobs.getRun(777L))
          .isInstanceOf(ResourceDoesNotExist.class)
          .hasMessageContaining("Run 777 does not exist.");

      RecordedApiRequest get = only(server, "GET", "/jobs/runs/get");
      assertThat(get.queryParameter("run_id")).isEqualTo("777");
      assertThat(get.responseCode()).isEqualTo(400);
    }
  }

  @Test
  void runNow_missingJob_throwsInvalidParameterValue() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      assertThatThrownBy(() -> jobs.runNow(new RunNow().setJobId(4242L)))
          .isInstanceOf(InvalidParameterValue.class)
          .hasMessageContaining("Job 4242 does not exist.");

      assertThat(only(server, "POST", "/jobs/run-now").responseErrorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
      assertThat(server.runCount()).isZero();
    }
  }

  @Test
  void anyCall_wrongToken_throwsPermissionDenied() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("secured").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, "dapi-wrong").jobs();

      assertThatThrownBy(() -> jobs.runNow(new RunNow().setJobId(jobId)))
          .isInstanceOf(PermissionDenied.class)
          .hasMessageContaining("Invalid access token.");

      RecordedApiRequest runNow = only(server, "POST", "/jobs/run-now");
      assertThat(runNow.responseCode()).isEqualTo(403);
      assertThat(server.runs(jobId)).isEmpty();
    }
  }

  @Test
  void updateResetDelete_existingJob_changesWhatGetReturns() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long jobId = jobs.create(new CreateJob().setName("v1").setMaxConcurrentRuns(1L)
          .setTasks(List.of(new Task().setTaskKey("main")
              .setNotebookTask(new NotebookTask().setNotebookPath("/v1"))))).getJobId();

      jobs.update(new UpdateJob().setJobId(jobId).setNewSettings(new JobSettings().setMaxConcurrentRuns(3L)));
      Job updated = jobs.get(jobId);
      jobs.reset(new ResetJob().setJobId(jobId).setNewSettings(new JobSettings().setName("v2")
          .setTasks(List.of(new Task().setTaskKey("other")
              .setNotebookTask(new NotebookTask().setNotebookPath("/v2"))))));
      Job reset = jobs.get(jobId);
      jobs.delete(jobId);

      assertThat(updated.getSettings().getName()).isEqualTo("v1");
      assertThat(updated.getSettings().getMaxConcurrentRuns()).isEqualTo(3L);
      assertThat(reset.getSettings().getName()).isEqualTo("v2");
      assertThat(reset.getSettings().getTasks()).extracting(Task::getTaskKey).containsExactly("other");
      assertThatThrownBy(() -> jobs.get(jobId)).isInstanceOf(ResourceDoesNotExist.class);
      assertThat(only(server, "POST", "/jobs/update").jsonBody())
          .containsEntry("job_id", jobId)
          .containsEntry("new_settings", Map.of("max_concurrent_runs", 3L));
      assertThat(only(server, "POST", "/jobs/reset").jsonBody()).containsEntry("job_id", jobId)
          .extractingByKey("new_settings").asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("name", "v2");
      assertThat(only(server, "POST", "/jobs/delete").jsonBody()).containsEntry("job_id", jobId);
    }
  }

  @Test
  void deleteRun_finishedRunThenActiveRun_deletesFinishedAndRefusesActiveWithInvalidState() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("tidy").notebookTask("/nb")
          .maxConcurrentRuns(2).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long finished = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      server.clock().advance(RUN);
      long active = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      jobs.deleteRun(finished);

      assertThatThrownBy(() -> jobs.getRun(finished)).isInstanceOf(ResourceDoesNotExist.class);
      assertThatThrownBy(() -> jobs.deleteRun(active))
          .isInstanceOf(InvalidState.class)
          .hasMessageContaining("active state");
      assertThat(server.journal().find("POST", "/jobs/runs/delete"))
          .extracting(RecordedApiRequest::responseCode).containsExactly(200, 400);
      assertThat(server.run(active)).isNotNull();
    }
  }

  // ------------------------------------------------------------------ run-now and the SDK's waiter

  @Test
  void runNowGet_runShorterThanPollStep_waiterReturnsSuccessOnFirstPoll() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      long jobId = server.createJob(JobSpec.builder().name("waited").notebookTask("/nb")
          .parameter("env", "dev").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      List<RunLifeCycleState> progress = new ArrayList<>();

      Wait<Run, RunNowResponse> wait = jobs.runNow(new RunNow().setJobId(jobId)
          .setJobParameters(Map.of("env", "prod")));
      Run run = wait.onProgress(r -> progress.add(r.getState().getLifeCycleState())).get(WAIT_LIMIT);

      assertThat(run.getRunId()).isEqualTo(wait.getResponse().getRunId());
      assertThat(run.getJobId()).isEqualTo(jobId);
      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(run.getStatus().getState()).isEqualTo(RunLifecycleStateV2State.TERMINATED);
      assertThat(run.getStatus().getTerminationDetails().getCode()).isEqualTo(TerminationCodeCode.SUCCESS);
      assertThat(run.getRunType()).isEqualTo(RunType.JOB_RUN);
      assertThat(run.getTrigger()).isEqualTo(TriggerType.ONE_TIME);
      assertThat(run.getRunPageUrl()).contains(Long.toString(run.getRunId()));
      assertThat(run.getStartTime()).isEqualTo(T0.toEpochMilli());
      assertThat(run.getEndTime()).isEqualTo(T0.plus(RUN).toEpochMilli());
      assertThat(run.getJobParameters()).singleElement()
          .satisfies(p -> assertThat(p.getName() + "=" + p.getValue()).isEqualTo("env=prod"));
      assertThat(progress).as("onProgress sees only non-final polls").isEmpty();
      assertThat(only(server, "POST", "/jobs/run-now").jsonBody())
          .containsEntry("job_id", jobId)
          .containsEntry("job_parameters", Map.of("env", "prod"));
      RecordedApiRequest poll = only(server, "GET", "/jobs/runs/get");
      assertThat(poll.queryParameter("run_id")).isEqualTo(Long.toString(run.getRunId()));
    }
  }

  @Test
  void runNowGet_runLongerThanPollStep_waiterPollsAgainUntilTerminated() throws Exception {
    // costs one real pause of the SDK's waiter (1-2 s): the run needs two polls of a 6 s step
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(6))) {
      long jobId = server.createJob(JobSpec.builder().name("polled").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      List<RunLifeCycleState> progress = new ArrayList<>();

      Run run = jobs.runNow(new RunNow().setJobId(jobId))
          .onProgress(r -> progress.add(r.getState().getLifeCycleState()))
          .get(WAIT_LIMIT);

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(progress).containsExactly(RunLifeCycleState.RUNNING);
      assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(2)
          .allSatisfy(poll -> assertThat(poll.queryParameter("run_id")).isEqualTo(Long.toString(run.getRunId())));
    }
  }

  @Test
  void runNowGet_failingScriptedRun_waiterReturnsFailedRunAndTaskOutputCarriesError() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      long jobId = server.createJob(JobSpec.builder().name("fails").notebookTask("/nb").build());
      server.scriptJob(jobId, RunScript.failing("java.lang.IllegalStateException: no input"));
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      Run run = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT);
      RunTask task = run.getTasks().iterator().next();
      RunOutput output = jobs.getRunOutput(task.getRunId());

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
      assertThat(run.getStatus().getTerminationDetails().getCode())
          .isEqualTo(TerminationCodeCode.RUN_EXECUTION_ERROR);
      assertThat(task.getState().getResultState()).isEqualTo(RunResultState.FAILED);
      assertThat(output.getError()).isEqualTo("java.lang.IllegalStateException: no input");
      assertThat(output.getNotebookOutput()).isNull();
      assertThat(output.getMetadata().getRunId()).isEqualTo(task.getRunId());
      assertThat(output.getMetadata().getState().getResultState()).isEqualTo(RunResultState.FAILED);
      RecordedApiRequest getOutput = only(server, "GET", "/jobs/runs/get-output");
      assertThat(getOutput.queryParameter("run_id")).isEqualTo(Long.toString(task.getRunId()));
      assertThat(getOutput.responseCode()).isEqualTo(200);
    }
  }

  @Test
  void getRunOutput_multiTaskJobRun_throwsInvalidParameterValue() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      long jobId = server.createJob(JobSpec.builder().name("parent").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long runId = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT).getRunId();

      assertThatThrownBy(() -> jobs.getRunOutput(runId))
          .isInstanceOf(InvalidParameterValue.class)
          .hasMessageContaining("Retrieving the output of runs with multiple tasks is not supported");

      assertThat(only(server, "GET", "/jobs/runs/get-output").responseCode()).isEqualTo(400);
    }
  }

  @Test
  void runNowGet_internalErrorScriptedRun_waiterThrowsIllegalState() {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      long jobId = server.createJob(JobSpec.builder().name("lost").notebookTask("/nb").build());
      server.scriptJob(jobId, RunScript.internalError("Cluster lost"));
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      Wait<Run, RunNowResponse> wait = jobs.runNow(new RunNow().setJobId(jobId));

      assertThatThrownBy(() -> wait.get(WAIT_LIMIT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("failed to reach TERMINATED or SKIPPED, got INTERNAL_ERROR")
          .hasMessageContaining("Cluster lost");

      assertThat(server.requireRun(wait.getResponse().getRunId()).lifeCycleState())
          .isEqualTo(LifeCycleState.INTERNAL_ERROR);
      assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(1);
    }
  }

  @Test
  void runNow_overridingParametersOfEveryKind_runReportsThemBack() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("params").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      long runId = jobs.runNow(new RunNow().setJobId(jobId)
          .setNotebookParams(Map.of("file", "/in/part-0001.parquet"))
          .setJarParams(List.of("--date", "2026-01-01"))
          .setPythonParams(List.of("-v"))
          .setPythonNamedParams(Map.of("mode", "full"))
          .setSqlParams(Map.of("schema", "etl"))).getResponse().getRunId();
      Run run = jobs.getRun(runId);

      assertThat(run.getOverridingParameters().getNotebookParams()).containsEntry("file", "/in/part-0001.parquet");
      assertThat(run.getOverridingParameters().getJarParams()).containsExactly("--date", "2026-01-01");
      assertThat(run.getOverridingParameters().getPythonParams()).containsExactly("-v");
      assertThat(run.getOverridingParameters().getPythonNamedParams()).containsEntry("mode", "full");
      assertThat(run.getOverridingParameters().getSqlParams()).containsEntry("schema", "etl");
      assertThat(only(server, "POST", "/jobs/run-now").jsonBody())
          .containsEntry("jar_params", List.of("--date", "2026-01-01"))
          .containsEntry("notebook_params", Map.of("file", "/in/part-0001.parquet"));
    }
  }

  @Test
  void runNow_sameIdempotencyTokenTwice_returnsTheSameRunAndCreatesOne() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("once").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      RunNow request = new RunNow().setJobId(jobId).setIdempotencyToken("file-0001");

      long first = jobs.runNow(request).getResponse().getRunId();
      long second = jobs.runNow(request).getResponse().getRunId();

      assertThat(second).isEqualTo(first);
      assertThat(server.runs(jobId)).singleElement()
          .satisfies(run -> assertThat(run.idempotencyToken()).isEqualTo("file-0001"));
      assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(2)
          .allSatisfy(call -> assertThat(call.jsonBody()).containsEntry("idempotency_token", "file-0001"))
          .allSatisfy(call -> assertThat(call.responseCode()).isEqualTo(200));
    }
  }

  // ------------------------------------------------------------------ at max_concurrent_runs

  @Test
  void runNow_atLimitWithQueueing_secondRunIsQueuedWithMaxConcurrentRunsReached() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("queued").notebookTask("/nb")
          .maxConcurrentRuns(1).queueEnabled(true).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long running = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      long queued = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      Run whileQueued = jobs.getRun(queued);
      server.clock().advance(RUN);
      Run afterFirstEnds = jobs.getRun(queued);

      assertThat(whileQueued.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
      assertThat(whileQueued.getState().getResultState()).isNull();
      assertThat(whileQueued.getState().getQueueReason()).isNotBlank();
      assertThat(whileQueued.getStatus().getState()).isEqualTo(RunLifecycleStateV2State.QUEUED);
      assertThat(whileQueued.getStatus().getQueueDetails().getCode())
          .isEqualTo(QueueDetailsCodeCode.MAX_CONCURRENT_RUNS_REACHED);
      assertThat(afterFirstEnds.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.RUNNING);
      assertThat(afterFirstEnds.getStatus().getQueueDetails()).isNull();
      assertThat(afterFirstEnds.getQueueDuration()).isEqualTo(RUN.toMillis());
      assertThat(jobs.getRun(running).getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(2)
          .allSatisfy(call -> assertThat(call.jsonBody()).containsEntry("job_id", jobId));
    }
  }

  @Test
  void create_withoutQueueSettings_jobCreatedThroughApi22QueuesAtLimit() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long jobId = jobs.create(new CreateJob().setName("defaults").setMaxConcurrentRuns(1L)
          .setTasks(List.of(new Task().setTaskKey("main")
              .setNotebookTask(new NotebookTask().setNotebookPath("/nb"))))).getJobId();
      jobs.runNow(new RunNow().setJobId(jobId));

      long second = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      assertThat(jobs.get(jobId).getSettings().getQueue().getEnabled()).isTrue();
      assertThat(jobs.getRun(second).getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
      RecordedApiRequest create = only(server, "POST", "/jobs/create");
      assertThat(create.apiVersion()).isEqualTo("2.2");
      assertThat(create.jsonBody()).doesNotContainKey("queue");
    }
  }

  @Test
  void runNowGet_jobTimeoutShorterThanRun_waiterReturnsTimedOutRun() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long jobId = jobs.create(new CreateJob().setName("slow").setTimeoutSeconds(5L)
          .setTasks(List.of(new Task().setTaskKey("main")
              .setNotebookTask(new NotebookTask().setNotebookPath("/nb"))))).getJobId();

      Run run = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT);

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.TIMEDOUT);
      assertThat(run.getStatus().getTerminationDetails().getCode()).isEqualTo(TerminationCodeCode.CANCELED);
      assertThat(run.getStatus().getTerminationDetails().getType()).isEqualTo(TerminationTypeType.CLIENT_ERROR);
      assertThat(run.getEndTime() - run.getStartTime()).isEqualTo(Duration.ofSeconds(5).toMillis());
      assertThat(only(server, "POST", "/jobs/create").jsonBody()).containsEntry("timeout_seconds", 5L);
    }
  }

  @Test
  void runNowGet_atLimitWithoutQueueing_waiterReturnsSkippedRunAtOnce() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofMillis(1))) {
      long jobId = server.createJob(JobSpec.builder().name("skipped").notebookTask("/nb")
          .maxConcurrentRuns(1).queueEnabled(false).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long running = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      Run skipped = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT);

      assertThat(skipped.getRunId()).isNotEqualTo(running);
      assertThat(skipped.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.SKIPPED);
      assertThat(skipped.getState().getResultState()).isEqualTo(RunResultState.MAXIMUM_CONCURRENT_RUNS_REACHED);
      assertThat(skipped.getState().getStateMessage()).contains("maximum concurrent runs");
      assertThat(skipped.getStatus().getTerminationDetails().getCode())
          .isEqualTo(TerminationCodeCode.MAX_CONCURRENT_RUNS_EXCEEDED);
      assertThat(server.requireRun(running).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
      assertThat(only(server, "GET", "/jobs/runs/get").queryParameter("run_id"))
          .isEqualTo(Long.toString(skipped.getRunId()));
    }
  }

  @Test
  void runNow_queueEnabledOnRequestForJobWithoutQueueing_runIsQueued() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("override").notebookTask("/nb")
          .maxConcurrentRuns(1).queueEnabled(false).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      jobs.runNow(new RunNow().setJobId(jobId));

      long queued = jobs.runNow(new RunNow().setJobId(jobId).setQueue(new QueueSettings().setEnabled(true)))
          .getResponse().getRunId();

      assertThat(jobs.getRun(queued).getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
      assertThat(server.journal().find("POST", "/jobs/run-now").get(1).jsonBody())
          .containsEntry("queue", Map.of("enabled", true));
    }
  }

  @Test
  void runNow_atWorkspaceRunLimit_queuesWithActiveRunsLimitReachedOrSkipsWhenQueueingIsOff() {
    try (FakeJobsServer server = FakeJobsServer.builder().token(TOKEN).clock(FakeClock.manual(T0))
        .runDuration(RUN).workspaceRunLimit(1)
        // the SKIPPED answer is the fake's assumption (the recorded answer, its default, is a 429 with no run)
        .workspaceRunLimitAnswer(WorkspaceRunLimitAnswer.SKIP_RUN).start()) {
      long first = server.createJob(JobSpec.builder().name("first").notebookTask("/nb").build());
      long queueing = server.createJob(JobSpec.builder().name("queueing").notebookTask("/nb")
          .queueEnabled(true).build());
      long skipping = server.createJob(JobSpec.builder().name("skipping").notebookTask("/nb")
          .queueEnabled(false).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      jobs.runNow(new RunNow().setJobId(first));

      Run queued = jobs.getRun(jobs.runNow(new RunNow().setJobId(queueing)).getResponse().getRunId());
      Run skipped = jobs.getRun(jobs.runNow(new RunNow().setJobId(skipping)).getResponse().getRunId());

      assertThat(queued.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
      assertThat(queued.getStatus().getQueueDetails().getCode())
          .isEqualTo(QueueDetailsCodeCode.ACTIVE_RUNS_LIMIT_REACHED);
      assertThat(skipped.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.SKIPPED);
      assertThat(skipped.getStatus().getTerminationDetails().getCode())
          .isEqualTo(TerminationCodeCode.WORKSPACE_RUN_LIMIT_EXCEEDED);
      assertThat(server.journal().find("POST", "/jobs/run-now"))
          .extracting(RecordedApiRequest::responseCode).containsExactly(200, 200, 200);
    }
  }

  // ------------------------------------------------------------------ cancel

  @Test
  void cancelRunGet_runningRun_waiterReturnsCanceledRun() throws Exception {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("cancelled").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long runId = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      Run run = jobs.cancelRun(runId).get(WAIT_LIMIT);

      assertThat(run.getRunId()).isEqualTo(runId);
      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.CANCELED);
      assertThat(run.getStatus().getTerminationDetails().getCode()).isEqualTo(TerminationCodeCode.USER_CANCELED);
      assertThat(only(server, "POST", "/jobs/runs/cancel").jsonBody()).containsEntry("run_id", runId);
      assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(1);
    }
  }

  @Test
  void cancelRunGet_queuedRun_waiterReturnsCanceledRunAndRunningOneContinues() throws Exception {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("queue").notebookTask("/nb")
          .maxConcurrentRuns(1).queueEnabled(true).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long running = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      long queued = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      Run cancelled = jobs.cancelRun(queued).get(WAIT_LIMIT);

      assertThat(cancelled.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(cancelled.getState().getResultState()).isEqualTo(RunResultState.CANCELED);
      assertThat(cancelled.getStatus().getQueueDetails()).isNull();
      assertThat(jobs.getRun(running).getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.RUNNING);
      assertThat(only(server, "POST", "/jobs/runs/cancel").jsonBody()).containsEntry("run_id", queued);
    }
  }

  @Test
  void cancelRunGet_finishedRun_isNoOpAndWaiterReturnsTheSuccessfulRun() throws Exception {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("done").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long runId = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      server.clock().advance(RUN);

      Run run = jobs.cancelRun(runId).get(WAIT_LIMIT);

      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(only(server, "POST", "/jobs/runs/cancel").responseCode()).isEqualTo(200);
    }
  }

  @Test
  void cancelRunGet_runWithTerminatingPhase_waiterReturnsOnceTerminated() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().token(TOKEN)
        .clock(FakeClock.advanceOnPoll(T0, Duration.ofSeconds(30)))
        .runDuration(Duration.ofMinutes(10)).terminatingDuration(Duration.ofSeconds(5)).start()) {
      long jobId = server.createJob(JobSpec.builder().name("slow-stop").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long runId = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      Run run = jobs.cancelRun(runId).get(WAIT_LIMIT);

      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.CANCELED);
      assertThat(run.getState().getUserCancelledOrTimedout()).isTrue();
      assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(1);
    }
  }

  @Test
  void cancelAllRuns_allQueuedRunsWithoutJob_cancelsQueuedRunsOfEveryJobAndKeepsRunningOnes() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      List<Long> running = new ArrayList<>();
      List<Long> queued = new ArrayList<>();
      for (String name : List.of("a", "b")) {
        long jobId = server.createJob(JobSpec.builder().name(name).notebookTask("/nb")
            .maxConcurrentRuns(1).queueEnabled(true).build());
        running.add(jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId());
        queued.add(jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId());
      }

      jobs.cancelAllRuns(new CancelAllRuns().setAllQueuedRuns(true));

      assertThat(queued).allSatisfy(id -> {
        Run run = jobs.getRun(id);
        assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
        assertThat(run.getState().getResultState()).isEqualTo(RunResultState.CANCELED);
      });
      assertThat(running).allSatisfy(id ->
          assertThat(jobs.getRun(id).getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.RUNNING));
      RecordedApiRequest cancelAll = only(server, "POST", "/jobs/runs/cancel-all");
      assertThat(cancelAll.jsonBody()).containsEntry("all_queued_runs", true).doesNotContainKey("job_id");
      assertThat(cancelAll.responseCode()).isEqualTo(200);
    }
  }

  @Test
  void cancelAllRuns_jobId_cancelsEveryActiveRunOfThatJobOnly() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long target = server.createJob(JobSpec.builder().name("target").notebookTask("/nb")
          .maxConcurrentRuns(1).queueEnabled(true).build());
      long bystander = server.createJob(JobSpec.builder().name("bystander").notebookTask("/nb").build());
      long targetRunning = jobs.runNow(new RunNow().setJobId(target)).getResponse().getRunId();
      long targetQueued = jobs.runNow(new RunNow().setJobId(target)).getResponse().getRunId();
      long other = jobs.runNow(new RunNow().setJobId(bystander)).getResponse().getRunId();

      jobs.cancelAllRuns(new CancelAllRuns().setJobId(target));

      assertThat(List.of(targetRunning, targetQueued)).allSatisfy(id ->
          assertThat(jobs.getRun(id).getState().getResultState()).isEqualTo(RunResultState.CANCELED));
      assertThat(jobs.getRun(other).getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.RUNNING);
      assertThat(only(server, "POST", "/jobs/runs/cancel-all").jsonBody()).containsEntry("job_id", target);
    }
  }

  // ------------------------------------------------------------------ one-time runs (runs/submit)

  @Test
  void submitGet_notebookTask_oneTimeRunSucceedsAndTokenIsIdempotent() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      SubmitRun request = new SubmitRun()
          .setRunName("adhoc-backfill")
          .setIdempotencyToken("backfill-2026-01-01")
          .setTasks(List.of(new SubmitTask().setTaskKey("backfill")
              .setNotebookTask(new NotebookTask().setNotebookPath("/Shared/backfill")
                  .setBaseParameters(Map.of("day", "2026-01-01")))));

      Wait<Run, SubmitRunResponse> wait = jobs.submit(request);
      Run run = wait.get(WAIT_LIMIT);
      long again = jobs.submit(request).getResponse().getRunId();

      assertThat(run.getRunId()).isEqualTo(wait.getResponse().getRunId()).isEqualTo(again);
      assertThat(run.getRunType()).isEqualTo(RunType.SUBMIT_RUN);
      assertThat(run.getRunName()).isEqualTo("adhoc-backfill");
      assertThat(run.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(run.getTasks()).singleElement().satisfies(task -> {
        assertThat(task.getTaskKey()).isEqualTo("backfill");
        assertThat(task.getNotebookTask().getNotebookPath()).isEqualTo("/Shared/backfill");
      });
      List<RecordedApiRequest> submits = server.journal().find("POST", "/jobs/runs/submit");
      assertThat(submits).hasSize(2);
      assertThat(submits.get(0).jsonBody())
          .containsEntry("run_name", "adhoc-backfill")
          .containsEntry("idempotency_token", "backfill-2026-01-01")
          .containsEntry("tasks", List.of(Map.of("task_key", "backfill", "notebook_task",
              Map.of("notebook_path", "/Shared/backfill", "base_parameters", Map.of("day", "2026-01-01")))));
      assertThat(server.runCount()).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------------ runs/repair

  private static Map<String, Object> pipelineJob() {
    return Map.of("name", "pipeline", "tasks", List.of(
        Map.of("task_key", "ingest", "notebook_task", Map.of("notebook_path", "/ingest")),
        Map.of("task_key", "transform", "notebook_task", Map.of("notebook_path", "/transform"),
            "depends_on", List.of(Map.of("task_key", "ingest")))));
  }

  @Test
  void repairRun_failedTaskSucceedsOnRepair_waiterReturnsTheRepairedRunAndHistoryReadsBack() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      long jobId = server.createJob(pipelineJob(), "2.2");
      server.scriptJob(jobId, RunScript.succeeding()
          .task("transform", TaskScript.failing("no input").thenOnRepair(TaskScript.succeeding())));
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long runId = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      Run failed = jobs.getRun(runId);

      Wait<Run, RepairRunResponse> repair = jobs.repairRun(new RepairRun().setRunId(runId)
          .setRerunAllFailedTasks(true).setJobParameters(Map.of("day", "2026-01-02")));
      Run repaired = repair.get(WAIT_LIMIT);
      Run withHistory = jobs.getRun(new GetRunRequest().setRunId(runId).setIncludeHistory(true));

      assertThat(failed.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.INTERNAL_ERROR);
      assertThat(repaired.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.TERMINATED);
      assertThat(repaired.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(repaired.getTasks()).extracting(RunTask::getTaskKey, RunTask::getAttemptNumber,
          t -> t.getState().getResultState()).containsExactly(
          tuple("ingest", 0L, RunResultState.SUCCESS), tuple("transform", 0L, RunResultState.FAILED),
          tuple("transform", 1L, RunResultState.SUCCESS));
      List<RepairHistoryItem> history = new ArrayList<>(withHistory.getRepairHistory());
      assertThat(history).extracting(RepairHistoryItem::getType)
          .containsExactly(RepairHistoryItemType.ORIGINAL, RepairHistoryItemType.REPAIR);
      assertThat(history.get(0).getId()).isNull();
      assertThat(history.get(0).getState().getResultState()).isEqualTo(RunResultState.FAILED);
      assertThat(history.get(1).getId()).isEqualTo(repair.getResponse().getRepairId());
      assertThat(history.get(1).getStatus().getTerminationDetails().getCode()).isEqualTo(TerminationCodeCode.SUCCESS);
      assertThat(history.get(1).getTaskRunIds()).containsExactly(
          new ArrayList<>(repaired.getTasks()).get(2).getRunId());
      assertThat(only(server, "POST", "/jobs/runs/repair").jsonBody()).containsEntry("run_id", runId)
          .containsEntry("rerun_all_failed_tasks", true)
          .containsEntry("job_parameters", Map.of("day", "2026-01-02"));
      assertThat(server.journal().find("GET", "/jobs/runs/get").get(2).queryParameter("include_history"))
          .isEqualTo("true");
    }
  }

  @Test
  void repairRun_secondRepairWithStaleLatestRepairId_throwsInvalidParameterValue() throws Exception {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(pipelineJob(), "2.2");
      server.scriptJob(jobId, RunScript.succeeding().task("ingest", TaskScript.failing("bad")));
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long runId = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      server.clock().advance(RUN);
      long first = jobs.repairRun(new RepairRun().setRunId(runId).setRerunTasks(List.of("ingest")))
          .getResponse().getRepairId();
      server.clock().advance(RUN);
      long second = jobs.repairRun(new RepairRun().setRunId(runId).setRerunTasks(List.of("ingest"))
          .setLatestRepairId(first)).getResponse().getRepairId();
      server.clock().advance(RUN);

      assertThatThrownBy(() -> jobs.repairRun(new RepairRun().setRunId(runId).setRerunTasks(List.of("ingest"))
          .setLatestRepairId(first)))
          .isInstanceOf(InvalidParameterValue.class)
          .hasMessageContaining(Long.toString(second));

      assertThat(server.journal().find("POST", "/jobs/runs/repair")).extracting(RecordedApiRequest::responseCode)
          .containsExactly(200, 200, 400);
    }
  }

  @Test
  void submitGet_serverlessMultiTaskRun_waiterReturnsEveryTaskWithItsEnvironment() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(60))) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      SubmitRun request = new SubmitRun()
          .setRunName("serverless-etl")
          .setEnvironments(List.of(new JobEnvironment().setEnvironmentKey("default")
              .setSpec(new Environment().setClient("2").setDependencies(List.of("pandas==2.2.2")))))
          .setTasks(List.of(
              new SubmitTask().setTaskKey("extract").setEnvironmentKey("default")
                  .setSparkPythonTask(new SparkPythonTask().setPythonFile("/Workspace/etl/extract.py")),
              new SubmitTask().setTaskKey("load").setEnvironmentKey("default")
                  .setDependsOn(List.of(new TaskDependency().setTaskKey("extract")))
                  .setPythonWheelTask(new PythonWheelTask().setPackageName("etl").setEntryPoint("load")),
              new SubmitTask().setTaskKey("report").setRunIf(RunIf.ALL_DONE)
                  .setDependsOn(List.of(new TaskDependency().setTaskKey("load")))
                  .setNotebookTask(new NotebookTask().setNotebookPath("/Workspace/etl/report"))));

      Run run = jobs.submit(request).get(WAIT_LIMIT);

      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(run.getTasks()).extracting(RunTask::getTaskKey, RunTask::getEnvironmentKey)
          .containsExactly(tuple("extract", "default"), tuple("load", "default"), tuple("report", null));
      assertThat(new ArrayList<>(run.getTasks()).get(1).getDependsOn()).extracting(TaskDependency::getTaskKey)
          .containsExactly("extract");
      assertThat(new ArrayList<>(run.getTasks()).get(2).getRunIf()).isEqualTo(RunIf.ALL_DONE);
      assertThat(only(server, "POST", "/jobs/runs/submit").jsonBody()).containsEntry("environments", List.of(
          Map.of("environment_key", "default", "spec", Map.of("client", "2", "dependencies", List.of("pandas==2.2.2")))));
    }
  }

  @Test
  void submitGet_clustersGitSourceAndLibraries_sdkReadsThemBack_andJobRunShowsItsJobClusters() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      ClusterSpec cluster = new ClusterSpec().setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge")
          .setNumWorkers(2L);
      SubmitRun request = new SubmitRun()
          .setGitSource(new GitSource().setGitUrl("https://github.com/acme/etl").setGitProvider(GitProvider.GIT_HUB)
              .setGitBranch("main"))
          .setTasks(List.of(
              new SubmitTask().setTaskKey("jar").setNewCluster(cluster)
                  .setSparkJarTask(new SparkJarTask().setMainClassName("com.acme.Main"))
                  .setLibraries(List.of(new Library().setJar("dbfs:/libs/etl.jar"),
                      new Library().setMaven(new MavenLibrary().setCoordinates("org.acme:util:1.0")))),
              new SubmitTask().setTaskKey("py").setExistingClusterId("0923-164208-meows279")
                  .setSparkPythonTask(new SparkPythonTask().setPythonFile("etl/run.py"))
                  .setLibraries(List.of(new Library().setPypi(new PythonPyPiLibrary().setPackage("requests"))))));

      long jobId = server.createJob(Map.of("name", "shared", "job_clusters", List.of(Map.of("job_cluster_key", "shared",
          "new_cluster", Map.of("spark_version", "15.4.x-scala2.12", "node_type_id", "i3.xlarge", "num_workers", 2))),
          "tasks", List.of(Map.of("task_key", "main", "job_cluster_key", "shared",
              "notebook_task", Map.of("notebook_path", "/nb")))), "2.2");

      Run run = jobs.submit(request).get(WAIT_LIMIT);
      Run jobRun = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT);

      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(run.getGitSource().getGitProvider()).isEqualTo(GitProvider.GIT_HUB);
      assertThat(run.getGitSource().getGitBranch()).isEqualTo("main");
      assertThat(run.getJobClusters()).isNull();
      assertThat(jobRun.getJobClusters()).singleElement().satisfies(jc -> {
        assertThat(jc.getJobClusterKey()).isEqualTo("shared");
        assertThat(jc.getNewCluster().getNumWorkers()).isEqualTo(2L);
      });
      assertThat(jobRun.getTasks()).singleElement().extracting(RunTask::getJobClusterKey).isEqualTo("shared");
      RunTask jar = run.getTasks().iterator().next();
      assertThat(jar.getNewCluster().getSparkVersion()).isEqualTo("15.4.x-scala2.12");
      assertThat(jar.getLibraries()).extracting(Library::getJar).containsExactly("dbfs:/libs/etl.jar", null);
      assertThat(new ArrayList<>(run.getTasks()).get(1).getExistingClusterId()).isEqualTo("0923-164208-meows279");
      assertThat(only(server, "POST", "/jobs/runs/submit").jsonBody()).containsEntry("git_source", Map.of(
          "git_url", "https://github.com/acme/etl", "git_provider", "gitHub", "git_branch", "main"));
    }
  }

  @Test
  void submit_taskWithoutCompute_throwsInvalidParameterValueWithTheRecordedMessage() {
    try (FakeJobsServer server = manualServer()) {
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      assertThatThrownBy(() -> jobs.submit(new SubmitRun().setTasks(List.of(new SubmitTask().setTaskKey("jar")
          .setSparkJarTask(new SparkJarTask().setMainClassName("M"))))))
          .isInstanceOf(InvalidParameterValue.class)
          .hasMessage("One of job_cluster_key, new_cluster, or existing_cluster_id must be specified.");

      assertThat(server.runCount()).isZero();
    }
  }

  // ------------------------------------------------------------------ runs/list paging

  @Test
  void listRuns_moreRunsThanOnePage_sdkIteratorFollowsPageTokensNewestFirst() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("busy").notebookTask("/nb")
          .maxConcurrentRuns(100).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      List<Long> created = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        created.add(jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId());
        server.clock().advance(Duration.ofSeconds(1));
      }

      List<Long> listed = new ArrayList<>();
      for (BaseRun run : jobs.listRuns(new ListRunsRequest().setJobId(jobId).setLimit(25L))) {
        listed.add(run.getRunId());
      }

      List<Long> newestFirst = new ArrayList<>(created);
      Collections.reverse(newestFirst);
      assertThat(listed).containsExactlyElementsOf(newestFirst);
      List<RecordedApiRequest> pages = server.journal().find("GET", "/jobs/runs/list");
      assertThat(pages).hasSize(2);
      assertThat(pages).allSatisfy(page -> {
        assertThat(page.queryParameter("job_id")).isEqualTo(Long.toString(jobId));
        assertThat(page.queryParameter("limit")).isEqualTo("25");
      });
      assertThat(pages.get(0).queryParameter("page_token")).isNull();
      assertThat(pages.get(1).queryParameter("page_token")).isNotBlank();
    }
  }

  @Test
  void listRuns_defaultLimit_sdkIteratorReturnsEveryRunOnce() {
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("busy").notebookTask("/nb")
          .maxConcurrentRuns(100).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      List<Long> created = new ArrayList<>();
      for (int i = 0; i < 26; i++) {
        created.add(jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId());
      }

      List<Long> listed = new ArrayList<>();
      jobs.listRuns(new ListRunsRequest()).forEach(run -> listed.add(run.getRunId()));

      assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
      assertThat(server.journal().find("GET", "/jobs/runs/list")).hasSize(2);
    }
  }

  @Test
  void listRuns_filters_sdkRequestFieldsSelectTheSameRunsAsTheApi() throws Exception {
    try (FakeJobsServer server = advanceOnPollServer(Duration.ofSeconds(30))) {
      long jobId = server.createJob(JobSpec.builder().name("mixed").notebookTask("/nb")
          .maxConcurrentRuns(5).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();
      long finished = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT).getRunId();
      long active = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();
      long submitted = jobs.submit(new SubmitRun().setRunName("one-off").setTasks(List.of(new SubmitTask()
          .setTaskKey("t").setNotebookTask(new NotebookTask().setNotebookPath("/nb"))))).getResponse().getRunId();

      List<Long> activeOnly = runIds(jobs.listRuns(new ListRunsRequest().setJobId(jobId).setActiveOnly(true)));
      List<Long> completedOnly = runIds(jobs.listRuns(new ListRunsRequest().setJobId(jobId)
          .setCompletedOnly(true)));
      List<Long> submitRuns = runIds(jobs.listRuns(new ListRunsRequest().setRunType(RunType.SUBMIT_RUN)));
      List<BaseRun> expanded = new ArrayList<>();
      jobs.listRuns(new ListRunsRequest().setJobId(jobId).setExpandTasks(true)).forEach(expanded::add);
      List<BaseRun> plain = new ArrayList<>();
      jobs.listRuns(new ListRunsRequest().setJobId(jobId)).forEach(plain::add);

      assertThat(activeOnly).containsExactly(active);
      assertThat(completedOnly).containsExactly(finished);
      assertThat(submitRuns).containsExactly(submitted);
      assertThat(expanded).hasSize(2).allSatisfy(run -> assertThat(run.getTasks()).hasSize(1));
      assertThat(plain).hasSize(2).allSatisfy(run -> assertThat(run.getTasks()).isNull());
      List<RecordedApiRequest> lists = server.journal().find("GET", "/jobs/runs/list");
      assertThat(lists).hasSize(5);
      assertThat(lists.get(0).queryParameter("active_only")).isEqualTo("true");
      assertThat(lists.get(1).queryParameter("completed_only")).isEqualTo("true");
      assertThat(lists.get(2).queryParameter("run_type")).isEqualTo("SUBMIT_RUN");
      assertThat(lists.get(3).queryParameter("expand_tasks")).isEqualTo("true");
    }
  }

  @Test
  void list_expandTasks_returnsTasksOnlyWhenAsked() {
    try (FakeJobsServer server = manualServer()) {
      server.createJob(JobSpec.builder().name("with-task").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      BaseJob expanded = jobs.list(new ListJobsRequest().setExpandTasks(true)).iterator().next();
      BaseJob plain = jobs.list(new ListJobsRequest()).iterator().next();

      assertThat(expanded.getSettings().getTasks()).extracting(Task::getTaskKey).hasSize(1);
      assertThat(plain.getSettings().getTasks()).isNull();
      assertThat(plain.getSettings().getName()).isEqualTo("with-task");
      assertThat(server.journal().find("GET", "/jobs/list").get(0).queryParameter("expand_tasks")).isEqualTo("true");
    }
  }

  // ------------------------------------------------------------------ transport and authentication

  @Test
  void runNowGet_overHttpsWithTheFakesCa_succeeds() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().https().token(TOKEN)
        .clock(FakeClock.advanceOnPoll(T0, Duration.ofSeconds(30))).runDuration(RUN).start()) {
      long jobId = server.createJob(JobSpec.builder().name("tls").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, config -> config.setAuthType("pat").setToken(TOKEN),
          server.clientSslContext()).jobs();

      Run run = jobs.runNow(new RunNow().setJobId(jobId)).get(WAIT_LIMIT);

      assertThat(server.url()).startsWith("https://");
      assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
      assertThat(only(server, "POST", "/jobs/run-now").header("Authorization")).isNotNull();
    }
  }

  @Test
  void runNow_oauthM2mClientCredentials_sdkFetchesTokenFromFakeAndCallsApi() {
    try (FakeJobsServer server = FakeJobsServer.builder().oauthClient("sp-client", "sp-secret")
        .clock(FakeClock.manual(T0)).runDuration(RUN).start()) {
      long jobId = server.createJob(JobSpec.builder().name("oauth").notebookTask("/nb").build());
      JobsAPI jobs = sdk(server, config -> config.setAuthType("oauth-m2m")
          .setClientId("sp-client").setClientSecret("sp-secret"), null).jobs();

      long runId = jobs.runNow(new RunNow().setJobId(jobId)).getResponse().getRunId();

      assertThat(server.run(runId)).isNotNull();
      assertThat(server.journal().find("POST", "/oidc/v1/token")).isNotEmpty()
          .allSatisfy(call -> assertThat(call.responseCode()).isEqualTo(200));
      assertThat(only(server, "POST", "/jobs/run-now").header("Authorization")).startsWith("Bearer ");
    }
  }

  @Test
  void runNow_oauthM2mWrongSecret_failsWithoutCallingTheJobsApi() {
    try (FakeJobsServer server = FakeJobsServer.builder().oauthClient("sp-client", "sp-secret")
        .clock(FakeClock.manual(T0)).start()) {
      long jobId = server.createJob(JobSpec.builder().name("oauth").notebookTask("/nb").build());

      assertThatThrownBy(() -> sdk(server, config -> config.setAuthType("oauth-m2m")
          .setClientId("sp-client").setClientSecret("wrong"), null).jobs().runNow(new RunNow().setJobId(jobId)))
          .isInstanceOf(DatabricksException.class)
          .hasStackTraceContaining("invalid_client");

      assertThat(server.journal().find("POST", "/oidc/v1/token")).isNotEmpty()
          .allSatisfy(call -> assertThat(call.responseCode()).isEqualTo(401));
      assertThat(server.journal().find("POST", "/jobs/run-now")).isEmpty();
      assertThat(server.runCount()).isZero();
    }
  }

  // ------------------------------------------------------------------ transient errors

  @Test
  void runNow_rateLimitedOnce_sdkRetriesAfterRetryAfterAndSucceeds() {
    // costs one real pause: the SDK honours Retry-After (1 s) on the wall clock
    try (FakeJobsServer server = manualServer()) {
      long jobId = server.createJob(JobSpec.builder().name("throttled").notebookTask("/nb").build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").once().rateLimited(Duration.ofSeconds(1)).build());
      JobsAPI jobs = sdk(server, TOKEN).jobs();

      long runId = jobs.runNow(new RunNow().setJobId(jobId).setIdempotencyToken("throttled-1"))
          .getResponse().getRunId();

      assertThat(server.run(runId)).isNotNull();
      assertThat(server.runs(jobId)).hasSize(1);
      List<RecordedApiRequest> calls = server.journal().find("POST", "/jobs/run-now");
      assertThat(calls).extracting(RecordedApiRequest::responseCode).containsExactly(429, 200);
      assertThat(calls).allSatisfy(call ->
          assertThat(call.jsonBody()).containsEntry("idempotency_token", "throttled-1"));
    }
  }

  // ------------------------------------------------------------------ helpers

  private FakeJobsServer manualServer() {
    return FakeJobsServer.builder().token(TOKEN).clock(FakeClock.manual(T0)).runDuration(RUN).start();
  }

  /** A server whose clock moves {@code step} forward on every runs/get, so the SDK's waiter sees time pass. */
  private FakeJobsServer advanceOnPollServer(Duration step) {
    return FakeJobsServer.builder().token(TOKEN).clock(FakeClock.advanceOnPoll(T0, step)).runDuration(RUN).start();
  }

  /**
   * The SDK client with a personal access token, independent of the machine: an explicit host and credentials
   * with no profile make the SDK skip ~/.databrickscfg, an explicit {@code auth_type} stops it trying other
   * credential sources found in the environment, and the config file points at a file that does not exist.
   */
  private WorkspaceClient sdk(FakeJobsServer server, String token) {
    return sdk(server, config -> config.setAuthType("pat").setToken(token), null);
  }

  /** The SDK client with the given authentication, trusting {@code tls} when the server is HTTPS. */
  private WorkspaceClient sdk(FakeJobsServer server, Consumer<DatabricksConfig> auth, @Nullable SSLContext tls) {
    DatabricksConfig config = new DatabricksConfig()
        .setHost(server.url())
        .setConfigFile(tempDir.resolve("absent.databrickscfg").toString())
        .setHttpTimeoutSeconds(10);
    auth.accept(config);
    CommonsHttpClient.Builder http = new CommonsHttpClient.Builder().withDatabricksConfig(config);
    if (tls != null) {
      // withSslSocketFactory alone is ignored by the SDK's builder once it makes its own connection manager
      http.withConnectionManager(new PoolingHttpClientConnectionManager(
          RegistryBuilder.<ConnectionSocketFactory>create()
              .register("https", new SSLConnectionSocketFactory(tls))
              .register("http", PlainConnectionSocketFactory.getSocketFactory())
              .build()));
    }
    HttpClient client = http.build();
    config.setHttpClient(request -> recorded(client.execute(request)));
    return new WorkspaceClient(config);
  }

  /** Buffers a response the SDK receives, keeping a copy for {@link #everyResponse_readsStrictlyIntoSdkModel()}. */
  private Response recorded(Response response) throws IOException {
    String body;
    try (InputStream in = response.getBody()) {
      body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    URL url = response.getUrl() != null ? response.getUrl() : new URL(response.getRequest().getUrl());
    exchanges.add(new Exchange(response.getRequest().getMethod(), url.getPath(), response.getStatusCode(), body));
    return new Response(response.getRequest(), url, response.getStatusCode(), response.getStatus(),
        response.getAllHeaders(), body);
  }

  private static List<Long> runIds(Iterable<BaseRun> runs) {
    List<Long> ids = new ArrayList<>();
    runs.forEach(run -> ids.add(run.getRunId()));
    return ids;
  }

  private record Exchange(String method, String path, int status, String body) {}

  private static RecordedApiRequest only(FakeJobsServer server, String method, String path) {
    List<RecordedApiRequest> found = server.journal().find(method, path);
    assertThat(found).as("%s %s requests in %s", method, path, server.journal().all()).hasSize(1);
    return found.get(0);
  }
}
