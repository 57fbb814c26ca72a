package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.QueueReportedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests are values the executor runs; an executor derives cheap siblings with newBuilder(). */
class RequestValuesTest {
  private FakeJobsServer server;
  private DatabricksExecutor executor;
  private long job;

  @BeforeEach
  void start() {
    server = FakeJobsServer.builder().token("dapi-test").clock(FakeTime.manualClock()).start();
    job = server.createJob(JobSpec.builder().name("ingest").maxConcurrentRuns(10).notebookTask("/nb").build());
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test").build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void runNow_builtRequest_sentAsTheFluentFormSendsIt() {
    RunNowRequest request = RunNowRequest.builder(job).notebookParam("file", "/in/a").idempotencyKey("k-a").build();

    Submission built = executor.runNow(request);
    Submission fluent = executor.job(job).notebookParam("file", "/in/a").idempotencyKey("k-a").runNow();

    List<RecordedApiRequest> sent = server.journal().find("POST", "/jobs/run-now");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).jsonBody()).isEqualTo(sent.get(1).jsonBody())
        .containsEntry("notebook_params", Map.of("file", "/in/a"))
        .containsEntry("idempotency_token", IdempotencyTokens.forRunNow(job, "k-a"));
    assertThat(fluent.runId()).isEqualTo(built.runId());
    assertThat(fluent.deduplicated()).isTrue();
  }

  @Test
  void runNowRequest_isAValue_equalByContentAndCopiedDefensively() {
    Map<String, String> params = new java.util.HashMap<>(Map.of("a", "1"));
    RunNowRequest one = RunNowRequest.builder(job).jobParameters(params).build();
    params.put("b", "2");

    assertThat(one).isEqualTo(RunNowRequest.builder(job).jobParameter("a", "1").build());
    assertThat(one.jobParameters()).containsExactly(Map.entry("a", "1"));
    assertThat(one.toBuilder().jobParameter("b", "2").build().jobParameters()).hasSize(2);
    assertThat(one.notebookParams()).isNull();
  }

  @Test
  void runNowRequest_builtWithoutExecutor_runNowSaysHowToSendIt() {
    assertThatThrownBy(() -> RunNowRequest.builder(job).runNow())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("DatabricksExecutor.runNow(request)");
    assertThat(server.journal().all()).isEmpty();
  }

  @Test
  void runNowRequest_invalid_rejectedAtBuildBeforeAnyRequest() {
    assertThatThrownBy(() -> RunNowRequest.builder(job).notebookParam("a", "b").jarParams(List.of("x")).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("notebook_params"));
    assertThatThrownBy(() -> RunNowRequest.builder(0).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("job_id"));
    assertThat(server.journal().all()).isEmpty();
  }

  @Test
  void submit_builtOneTimeRun_sendsOneNotebookTask() {
    OneTimeRunRequest request = OneTimeRunRequest.builder().runName("backfill").taskKey("t")
        .notebookTask("/Repos/etl/backfill", Map.of("day", "2026-11-20")).existingCluster("c-1")
        .idempotencyKey("backfill:2026-11-20").build();

    Submission s = executor.submit(request);

    assertThat(request.tasks()).singleElement().satisfies(t -> assertThat(t.taskType()).isEqualTo(TaskType.NOTEBOOK));
    assertThat(s.jobId()).isNull();
    Map<String, Object> body = server.journal().find("POST", "/jobs/runs/submit").get(0).jsonBody();
    assertThat(body).containsEntry("run_name", "backfill")
        .containsEntry("idempotency_token", IdempotencyTokens.forSubmit("backfill:2026-11-20"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) body.get("tasks");
    assertThat(tasks).singleElement().satisfies(t -> assertThat(t)
        .containsEntry("task_key", "t").containsEntry("existing_cluster_id", "c-1")
        .containsEntry("notebook_task", Map.of("notebook_path", "/Repos/etl/backfill",
            "base_parameters", Map.of("day", "2026-11-20"))));
  }

  @Test
  void newBuilder_derivedExecutor_sharesThePoolAndSinksAndKeepsTheFirstUsable() {
    InMemoryEventSink sink = new InMemoryEventSink();
    OkHttpClient shared = new OkHttpClient();
    try (DatabricksExecutor first = DatabricksExecutor.builder().host(server.url()).token("dapi-test")
        .httpClient(shared).addEventSink(sink).queueReporting(QueueReporting.OFF).build()) {
      try (DatabricksExecutor second = first.newBuilder().queueReporting(QueueReporting.RUN_STATE).build()) {
        Submission s = second.job(job).idempotencyKey("via-second").runNow();

        assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
        assertThat(second.host()).isEqualTo(first.host());
      }

      Submission afterSecondClosed = first.job(job).idempotencyKey("via-first").runNow();

      assertThat(afterSecondClosed.queueReport().outcome()).isEqualTo(QueueOutcome.UNKNOWN);
      assertThat(sink.events(AppSubmittedEvent.class)).hasSize(2);
      assertThat(sink.events(QueueReportedEvent.class)).hasSize(1); // only the second executor reports the queue
      assertThat(shared.connectionPool().connectionCount()).isPositive();
    }
    assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(1);
  }
}
