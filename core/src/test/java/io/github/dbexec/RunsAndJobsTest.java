package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import io.github.dbexec.testkit.RunScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunsAndJobsTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private final InMemoryEventSink sink = new InMemoryEventSink();

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(5)).start();
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").addEventSink(sink)
        .clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void oneTimeRun_notebookOnExistingCluster_sendsSubmitBodyAndReportsStarted() {
    Submission s = executor.oneTimeRun().runName("backfill").notebookTask("/Repos/etl/backfill", Map.of("day", "1"))
        .existingCluster("0923-164208-meows279").jarLibrary("dbfs:/jars/etl.jar").timeout(Duration.ofHours(1))
        .idempotencyKey("backfill:1").submit();

    RecordedApiRequest request = server.journal().find("POST", "/jobs/runs/submit").get(0);
    Map<String, Object> body = request.jsonBody();
    assertThat(body).containsEntry("run_name", "backfill")
        .containsEntry("idempotency_token", IdempotencyTokens.forSubmit("backfill:1"));
    assertThat(((Number) body.get("timeout_seconds")).longValue()).isEqualTo(3600);
    @SuppressWarnings("unchecked")
    Map<String, Object> task = ((List<Map<String, Object>>) body.get("tasks")).get(0);
    assertThat(task).containsEntry("task_key", "main").containsEntry("existing_cluster_id", "0923-164208-meows279")
        .containsEntry("notebook_task", Map.of("notebook_path", "/Repos/etl/backfill",
            "base_parameters", Map.of("day", "1")))
        .containsEntry("libraries", List.of(Map.of("jar", "dbfs:/jars/etl.jar")));
    assertThat(s.jobId()).isNull();
    assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
    assertThat(executor.run(s.runId()).runType()).isEqualTo("SUBMIT_RUN");
    assertThat(sink.events(AppSubmittedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.runId()).isEqualTo(s.runId()));
  }

  @Test
  void oneTimeRun_jarOnNewCluster_sendsClusterSpec() {
    executor.oneTimeRun().jarTask("com.example.Main", List.of("--full"))
        .newCluster(NewCluster.builder().sparkVersion("15.4.x-scala2.12").nodeTypeId("i3.xlarge").autoscale(1, 4)
            .build())
        .mavenLibrary("com.example:etl:1.2.0").submit();

    @SuppressWarnings("unchecked")
    Map<String, Object> task = ((List<Map<String, Object>>) server.journal().find("POST", "/jobs/runs/submit")
        .get(0).jsonBody().get("tasks")).get(0);
    assertThat(task.get("new_cluster")).isEqualTo(Map.of("spark_version", "15.4.x-scala2.12",
        "node_type_id", "i3.xlarge", "autoscale", Map.of("min_workers", 1L, "max_workers", 4L)));
    assertThat(task.get("spark_jar_task")).isEqualTo(Map.of("main_class_name", "com.example.Main",
        "parameters", List.of("--full")));
  }

  @Test
  void oneTimeRun_sameKeyTwice_oneRun() {
    Submission a = executor.oneTimeRun().pythonTask("dbfs:/x.py", List.of()).existingCluster("c").idempotencyKey("k")
        .submit();
    Submission b = executor.oneTimeRun().pythonTask("dbfs:/x.py", List.of()).existingCluster("c").idempotencyKey("k")
        .submit();

    assertThat(b.runId()).isEqualTo(a.runId());
    assertThat(b.deduplicated()).isTrue();
  }

  @Test
  void oneTimeRun_missingTaskOrCluster_rejectedBeforeSending() {
    assertThatThrownBy(() -> executor.oneTimeRun().existingCluster("c").submit())
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("tasks"));
    assertThatThrownBy(() -> executor.oneTimeRun().notebookTask("/nb", Map.of()).submit())
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("existing_cluster_id"));
    assertThatThrownBy(() -> executor.oneTimeRun().notebookTask("/nb", Map.of()).jarTask("M", List.of()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("one task");
    assertThat(server.journal().all()).isEmpty();
  }

  @Test
  void awaitTermination_scriptedFailure_isAFailedResultWithTheErrorAndOutput() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
    server.scriptJob(job, RunScript.failing("ZeroDivisionError: division by zero"));
    Submission s = executor.job(job).runNow();

    RunResult result = s.awaitTermination(Duration.ofHours(1));

    assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(result.run().resultState()).isEqualTo(RunResultState.FAILED);
    assertThat(result.reason()).isNotNull().satisfies(r -> assertThat(r).contains("ZeroDivisionError"));
    assertThatThrownBy(() -> s.awaitTermination(WaitOptions.builder().timeout(Duration.ofMinutes(1))
        .throwOnFailure(true).build()))
        .isInstanceOfSatisfying(RunFailedException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.result().outcome()).isEqualTo(RunOutcome.FAILED);
        });
  }

  @Test
  void awaitTermination_scriptedTimeoutAndInternalError_mapToOutcomes() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(10).notebookTask("/nb").build());
    server.scriptNextRun(job, RunScript.timingOut());
    Submission timedOut = executor.job(job).runNow();
    server.scriptNextRun(job, RunScript.internalError("cluster lost"));
    Submission internal = executor.job(job).runNow();

    assertThat(timedOut.awaitTermination(Duration.ofHours(2)).outcome()).isEqualTo(RunOutcome.TIMEDOUT);
    assertThat(internal.awaitTermination(Duration.ofHours(2)).outcome()).isEqualTo(RunOutcome.FAILED);
  }

  @Test
  void runOutput_notebookResult_read() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
    server.scriptJob(job, RunScript.succeedingWithOutput("{\"rows\": 42}"));
    Submission s = executor.job(job).runNow();
    s.awaitTermination(Duration.ofHours(1));

    Run run = executor.run(s.runId());
    RunOutput output = executor.runOutput(run.tasks().get(0).runId());

    assertThat(run.tasks()).singleElement().satisfies(t -> {
      assertThat(t.runId()).isNotEqualTo(s.runId());
      assertThat(t.resultState()).isEqualTo(RunResultState.SUCCESS);
    });
    assertThat(output.notebookResult()).isEqualTo("{\"rows\": 42}");
    assertThat(output.error()).isNull();
  }

  @Test
  void runs_moreThanOnePage_streamedLazilyAcrossPages() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1000).notebookTask("/nb").build());
    List<Submission> started = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      started.add(executor.job(job).runNow());
    }
    started.forEach(Submission::queueReport); // their look-ups (runs/list pages too) are over before the count
    server.journal().clear();

    List<Run> firstFive;
    try (Stream<Run> runs = executor.runs(job, false)) {
      firstFive = runs.limit(5).collect(Collectors.toList());
    }
    int requestsForFive = server.journal().count("GET", "/jobs/runs/list");
    List<Run> all;
    try (Stream<Run> runs = executor.runs(job, false)) {
      all = runs.collect(Collectors.toList());
    }

    assertThat(firstFive).hasSize(5);
    assertThat(requestsForFive).isEqualTo(1);
    assertThat(all).hasSize(30).extracting(Run::runId).doesNotHaveDuplicates();
    assertThat(server.journal().count("GET", "/jobs/runs/list")).isEqualTo(1 + 2);
  }

  @Test
  void concurrency_withRunningAndQueued_reportsPictureAndPrediction() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1).queueEnabled(true)
        .notebookTask("/nb").build());
    executor.job(job).runNow();
    executor.job(job).runNow();

    JobConcurrency c = executor.job(job).concurrency();

    assertThat(c.maxConcurrentRuns()).isEqualTo(1);
    assertThat(c.queueEnabled()).isTrue();
    assertThat(c.runningRuns()).isEqualTo(1);
    assertThat(c.queuedRuns()).isEqualTo(1);
    assertThat(c.nextRunOutcome()).isEqualTo(QueueOutcome.QUEUED);
  }

  @Test
  void validate_existingNotebookJob_passesAndWrongTypeFails() {
    long job = server.createJob(JobSpec.builder().name("ingest").notebookTask("/nb").build());

    JobInfo info = executor.job(job).validate(TaskType.NOTEBOOK);

    assertThat(info.name()).isEqualTo("ingest");
    assertThat(info.taskTypes()).containsExactly(TaskType.NOTEBOOK);
    assertThatThrownBy(() -> executor.job(job).validate(TaskType.JAR))
        .isInstanceOfSatisfying(JobConfigurationException.class, e -> assertThat(e.jobId()).isEqualTo(job))
        .hasMessageContaining("spark_jar_task");
    assertThatThrownBy(() -> executor.job(777L).validate()).isInstanceOf(ResourceNotFoundException.class);
    assertThat(server.journal().count("POST", "/jobs/run-now")).isZero();
  }

  @Test
  void validate_wrongToken_unauthenticated() {
    try (FakeJobsServer strict = FakeJobsServer.builder().token("dapi-right").start();
        DatabricksExecutor wrong = DatabricksExecutor.builder().host(strict.url()).token("dapi-wrong").build()) {
      long job = strict.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());

      assertThatThrownBy(() -> wrong.job(job).validate())
          .isInstanceOfSatisfying(UnauthenticatedException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageNotContaining("dapi-wrong");
    }
  }

  @Test
  void trigger_eachEventMappedToOneRunAndRedeliveryReusesIt() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(10).notebookTask("/nb").build());
    record FileClosed(String path) {}
    JobTrigger<FileClosed> trigger = executor.trigger(job, (FileClosed e, RunNowRequest.Builder r) -> r
        .notebookParams(Map.of("file", e.path())).idempotencyKey("file-closed:" + e.path()));

    Submission a = trigger.fire(new FileClosed("/in/a"));
    Submission b = trigger.fire(new FileClosed("/in/b"));
    Submission again = trigger.fire(new FileClosed("/in/a"));

    assertThat(again.runId()).isEqualTo(a.runId());
    assertThat(b.runId()).isNotEqualTo(a.runId());
    assertThat(server.runs(job)).hasSize(2);
    assertThat(server.journal().find("POST", "/jobs/run-now")).extracting(r -> r.jsonBody().get("notebook_params"))
        .containsExactly(Map.of("file", "/in/a"), Map.of("file", "/in/b"), Map.of("file", "/in/a"));
    assertThat(sink.events(AppSubmittedEvent.class)).hasSize(2);
  }
}
