package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.QueueReportedEvent;
import io.github.dbexec.events.RunQueuedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue report after runNow() returned (#13): one HTTP request on the caller's path, the report and its events
 * later, shared look-ups for a burst, nothing lost when the executor closes at once. The look-ups are held, where a
 * test needs it, by a listener that blocks in the first look-up's {@code attemptStart} (before its request is sent)
 * until the test releases it — so what happened before the look-up is observed without timing.
 */
class QueueReportLaterTest {
  private static final String RUN_NOW = "POST /api/2.2/jobs/run-now";

  private FakeJobsServer server;
  private FakeTime time;
  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch lookUpHeld = new CountDownLatch(1);
  private final AtomicBoolean holding = new AtomicBoolean();
  private final List<String> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(10)).start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  private DatabricksExecutor.Builder builder() {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").clock(time).sleeper(time)
        .addEventSink(sink);
  }

  /** An executor whose first queue look-up waits, before sending its request, until {@link #release} opens. */
  private DatabricksExecutor holdingFirstLookUp() {
    return builder().listenerFactory(call -> new ExecutorListener() {
      @Override
      public void attemptStart(HttpAttemptStart start) {
        if (!start.endpoint().endsWith("run-now") && holding.compareAndSet(false, true)) {
          lookUpHeld.countDown();
          await(release);
        }
      }

      @Override
      public void queueReported(QueueReported report) {
        told.add("queueReported " + report.runId() + " " + report.outcome());
      }

      @Override
      public void submissionEnd(SubmissionEnd end) {
        told.add("submissionEnd " + end.runId() + " " + end.outcome());
      }
    }).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long job(int maxConcurrentRuns, boolean queueEnabled) {
    return server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(maxConcurrentRuns)
        .queueEnabled(queueEnabled).notebookTask("/nb").build());
  }

  private List<String> requests() {
    List<String> lines = new ArrayList<>();
    for (RecordedApiRequest r : server.journal().all()) {
      lines.add(r.method() + " " + r.path());
    }
    return lines;
  }

  @Test
  void runNow_defaultSettings_returnsAfterOneRequestAndTheReportFollows() throws Exception {
    long job = job(2, true);

    try (DatabricksExecutor executor = holdingFirstLookUp()) {
      Submission s = executor.job(job).runNow();
      await(lookUpHeld); // the look-up has begun on its own thread and waits to send its request

      assertThat(requests()).containsExactly(RUN_NOW);
      CompletableFuture<QueueReport> later = s.queueReportAsync();
      assertThat(later).isNotDone();
      assertThat(sink.events()).extracting(ExecutorEvent::type).containsExactly("AppSubmittedEvent");
      assertThat(told).isEmpty();

      release.countDown();
      QueueReport report = later.get(30, TimeUnit.SECONDS);

      assertThat(report.outcome()).isEqualTo(QueueOutcome.STARTED);
      assertThat(report.maxConcurrentRuns()).isEqualTo(2);
      assertThat(report.queueEnabled()).isTrue();
      assertThat(s.queueReport()).isEqualTo(report);
      assertThat(s.runPageUrl()).isEqualTo(server.requireRun(s.runId()).runPageUrl());
      assertThat(sink.events()).extracting(ExecutorEvent::type)
          .containsExactly("AppSubmittedEvent", "QueueReportedEvent");
      assertThat(told).containsExactly("queueReported " + s.runId() + " STARTED",
          "submissionEnd " + s.runId() + " STARTED");
      // a lone submission: run-now, its run, and the job's settings (then cached)
      assertThat(requests()).containsExactly(RUN_NOW, "GET /api/2.2/jobs/runs/get", "GET /api/2.2/jobs/get");

      Submission second = executor.job(job).runNow();
      assertThat(second.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
      assertThat(requests()).hasSize(3 + 2);
    }
  }

  @Test
  void runNowAsync_defaultSettings_completesBeforeTheLookUp() throws Exception {
    long job = job(1, true);

    try (DatabricksExecutor executor = holdingFirstLookUp()) {
      Submission s = executor.runNowAsync(RunNowRequest.builder(job).build()).get(30, TimeUnit.SECONDS);
      await(lookUpHeld);

      assertThat(requests()).containsExactly(RUN_NOW);
      assertThat(s.queueReportAsync()).isNotDone();
      release.countDown();
      assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
    }
  }

  @Test
  void runNow_queueReportingOff_reportUnknownAtOnceWithoutLookUp() {
    long job = job(1, true);

    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).build()) {
      Submission s = executor.job(job).runNow();

      assertThat(s.queueReportAsync()).isCompletedWithValueMatching(r -> r.outcome() == QueueOutcome.UNKNOWN
          && "queue reporting is off".equals(r.reason()));
      assertThat(s.queueReport(Duration.ZERO).outcome()).isEqualTo(QueueOutcome.UNKNOWN);
    }
    assertThat(requests()).containsExactly(RUN_NOW);
    assertThat(sink.events()).extracting(ExecutorEvent::type).containsExactly("AppSubmittedEvent");
  }

  @Test
  void runNow_severalHeldThenRead_queuedReportsShareOneRunsListWithTheirCodes() {
    long job = job(1, true);

    List<Submission> submissions = new ArrayList<>();
    try (DatabricksExecutor executor = holdingFirstLookUp()) {
      submissions.add(executor.job(job).runNow());
      await(lookUpHeld); // the first one's look-up waits: the others gather behind it
      for (int i = 0; i < 4; i++) {
        submissions.add(executor.job(job).runNow());
      }
      release.countDown();

      assertThat(submissions.get(0).queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
      for (Submission s : submissions.subList(1, 5)) {
        QueueReport report = s.queueReport();
        assertThat(report.outcome()).isEqualTo(QueueOutcome.QUEUED);
        assertThat(report.lifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
        assertThat(report.code()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED");
        assertThat(report.reason()).isNotNull();
        assertThat(report.maxConcurrentRuns()).isEqualTo(1);
        assertThat(report.queueEnabled()).isTrue();
      }
    }

    // the first alone (runs/get), the four others from one runs/list page of the job's newest runs
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(5);
    assertThat(server.journal().count("GET", "/jobs/runs/get")).isEqualTo(1);
    assertThat(server.journal().find("GET", "/jobs/runs/list")).singleElement().satisfies(r -> {
      assertThat(r.queryParameter("job_id")).isEqualTo(Long.toString(job));
      assertThat(r.queryParameter("active_only")).isEqualTo("false");
      assertThat(Integer.parseInt(r.queryParameter("limit"))).isBetween(1, 25);
    });
    assertThat(server.journal().count("GET", "/jobs/get")).isEqualTo(1);
  }

  @Test
  void runNow_severalHeldWithQueueOff_skippedReportsFromTheListWithTheirCodes() {
    long job = job(1, false);

    List<Submission> submissions = new ArrayList<>();
    try (DatabricksExecutor executor = holdingFirstLookUp()) {
      submissions.add(executor.job(job).runNow());
      await(lookUpHeld);
      for (int i = 0; i < 3; i++) {
        submissions.add(executor.job(job).runNow());
      }
      release.countDown();

      assertThat(submissions.get(0).queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
      for (Submission s : submissions.subList(1, 4)) {
        QueueReport report = s.queueReport();
        assertThat(report.outcome()).isEqualTo(QueueOutcome.SKIPPED);
        assertThat(report.lifeCycleState()).isEqualTo(RunLifeCycleState.SKIPPED);
        assertThat(report.code()).isEqualTo("MAX_CONCURRENT_RUNS_EXCEEDED");
        assertThat(report.reason()).contains("maximum concurrent runs");
        assertThat(report.queueEnabled()).isFalse();
      }
    }

    // a skipped run is not active, yet the list of all the job's newest runs shows it: no runs/get for them
    assertThat(server.journal().count("GET", "/jobs/runs/get")).isEqualTo(1);
    assertThat(server.journal().count("GET", "/jobs/runs/list")).isEqualTo(1);
  }

  @Test
  void close_rightAfterRunNow_everyReportAndItsEventsDelivered() {
    long job = job(1, true);
    List<Long> runIds = new ArrayList<>();

    try (DatabricksExecutor executor = holdingFirstLookUp()) {
      runIds.add(executor.job(job).runNow().runId());
      await(lookUpHeld);
      for (int i = 0; i < 4; i++) {
        runIds.add(executor.job(job).runNow().runId());
      }
      release.countDown();
    } // closed without reading any report

    assertThat(sink.events(AppSubmittedEvent.class)).extracting(AppSubmittedEvent::runId)
        .containsExactlyInAnyOrderElementsOf(runIds);
    assertThat(sink.events(QueueReportedEvent.class)).extracting(QueueReportedEvent::runId)
        .containsExactlyInAnyOrderElementsOf(runIds);
    assertThat(sink.events(QueueReportedEvent.class)).filteredOn(e -> e.runId() != runIds.get(0))
        .allSatisfy(e -> assertThat(e.queueOutcome()).isEqualTo(AppSubmittedEvent.QueueOutcome.QUEUED));
    assertThat(sink.events(RunQueuedEvent.class)).extracting(RunQueuedEvent::runId)
        .containsExactlyInAnyOrderElementsOf(runIds.subList(1, 5));
    for (long runId : runIds) { // each run's own events in order: started, then reported
      List<Long> order = new ArrayList<>();
      for (ExecutorEvent e : sink.events()) {
        if (e instanceof AppSubmittedEvent a && a.runId() == runId) {
          order.add(1L);
        } else if (e instanceof QueueReportedEvent q && q.runId() == runId) {
          order.add(2L);
        }
      }
      assertThat(order).containsExactly(1L, 2L);
    }
    assertThat(told).filteredOn(line -> line.startsWith("submissionEnd")).hasSize(5);
  }

  @Test
  void close_rightAfterRunNowWithoutHolding_theReportIsLookedUpAtOnceAndEmitted() {
    long job = job(1, true);
    long runId;

    try (DatabricksExecutor executor = builder().build()) {
      runId = executor.job(job).runNow().runId();
    }

    assertThat(sink.events()).extracting(ExecutorEvent::type)
        .containsExactly("AppSubmittedEvent", "QueueReportedEvent");
    assertThat(sink.events(QueueReportedEvent.class)).singleElement().satisfies(e -> {
      assertThat(e.runId()).isEqualTo(runId);
      assertThat(e.queueOutcome()).isEqualTo(AppSubmittedEvent.QueueOutcome.STARTED);
    });
  }

  @Test
  void runNow_burstOf200ToOneJob_atMostOneAndAQuarterRequestsPerSubmission() {
    long job = job(1, true);
    int n = 200;

    List<Submission> submissions = new ArrayList<>();
    try (DatabricksExecutor executor = holdingFirstLookUp()) {
      submissions.add(executor.job(job).runNow());
      await(lookUpHeld); // from here every report waits for the first look-up: the rest form one batch
      for (int i = 1; i < n; i++) {
        submissions.add(executor.job(job).runNow());
      }
      release.countDown();

      for (Submission s : submissions) {
        assertThat(s.queueReport().outcome()).isIn(QueueOutcome.STARTED, QueueOutcome.QUEUED);
      }
    }

    assertThat(submissions).filteredOn(s -> s.queueReport().outcome() == QueueOutcome.STARTED).hasSize(1);
    assertThat(submissions).filteredOn(s -> s.queueReport().outcome() == QueueOutcome.QUEUED)
        .allSatisfy(s -> assertThat(s.queueReport().code()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED"));
    int total = server.journal().size();
    assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(n);
    assertThat(server.journal().count("GET", "/jobs/get")).isEqualTo(1);
    assertThat((double) total / n).as("API requests per submission (%d in all: %s)", total, summary())
        .isLessThanOrEqualTo(1.25);
    assertThat(sink.events(QueueReportedEvent.class)).hasSize(n);
  }

  private String summary() {
    return "run-now " + server.journal().count("POST", "/jobs/run-now")
        + ", runs/list " + server.journal().count("GET", "/jobs/runs/list")
        + ", runs/get " + server.journal().count("GET", "/jobs/runs/get")
        + ", jobs/get " + server.journal().count("GET", "/jobs/get");
  }
}
