package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.LifeCycleState;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueReportTest {
  private FakeJobsServer server;
  private FakeTime time;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(10)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DatabricksExecutor executor(QueueReporting level) {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").queueReporting(level)
        .clock(time).sleeper(time).build();
  }

  @Test
  void runNow_belowLimit_reportsStartedWithJobSettings() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(2).queueEnabled(true)
        .notebookTask("/nb").build());

    try (DatabricksExecutor executor = executor(QueueReporting.JOB_SETTINGS)) {
      QueueReport report = executor.job(job).runNow().queueReport();

      assertThat(report.outcome()).isEqualTo(QueueOutcome.STARTED);
      assertThat(report.lifeCycleState().isActive()).isTrue();
      assertThat(report.maxConcurrentRuns()).isEqualTo(2);
      assertThat(report.queueEnabled()).isEqualTo(true);
      assertThat(report.code()).isNull();
    }
  }

  @Test
  void runNow_atLimitWithQueueOn_reportsQueuedWithCodeAndReason() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1).queueEnabled(true)
        .notebookTask("/nb").build());

    try (DatabricksExecutor executor = executor(QueueReporting.ACTIVE_RUNS)) {
      Submission first = executor.job(job).runNow();
      Submission second = executor.job(job).runNow();

      assertThat(first.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
      QueueReport report = second.queueReport();
      assertThat(report.outcome()).isEqualTo(QueueOutcome.QUEUED);
      assertThat(report.lifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
      assertThat(report.code()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED");
      assertThat(report.reason()).isNotNull();
      assertThat(report.maxConcurrentRuns()).isEqualTo(1);
      assertThat(report.queueEnabled()).isEqualTo(true);
      assertThat(report.activeRuns()).isEqualTo(2);
      assertThat(server.requireRun(second.runId()).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
      assertThat(server.journal().count("GET", "/jobs/runs/list")).isEqualTo(2);
    }
  }

  @Test
  void runNow_atLimitWithQueueOff_reportsSkipped() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1).queueEnabled(false)
        .notebookTask("/nb").build());

    try (DatabricksExecutor executor = executor(QueueReporting.JOB_SETTINGS)) {
      executor.job(job).runNow();
      QueueReport report = executor.job(job).runNow().queueReport();

      assertThat(report.outcome()).isEqualTo(QueueOutcome.SKIPPED);
      assertThat(report.lifeCycleState()).isEqualTo(RunLifeCycleState.SKIPPED);
      assertThat(report.reason()).isNotNull().satisfies(r -> assertThat(r).contains("maximum concurrent runs"));
      assertThat(report.queueEnabled()).isEqualTo(false);
    }
  }

  @Test
  void runNow_reportingOff_sendsOneRequestAndReportsUnknown() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());

    try (DatabricksExecutor executor = executor(QueueReporting.OFF)) {
      QueueReport report = executor.job(job).runNow().queueReport();

      assertThat(report.outcome()).isEqualTo(QueueOutcome.UNKNOWN);
      assertThat(server.journal().all()).extracting(r -> r.method() + " " + r.path())
          .containsExactly("POST /api/2.2/jobs/run-now");
    }
  }

  @Test
  void runNow_jobSettingsCached_readsJobOncePerTtl() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(5).notebookTask("/nb").build());

    try (DatabricksExecutor executor = executor(QueueReporting.JOB_SETTINGS)) {
      executor.job(job).runNow().queueReport(); // each report read before the clock moves: one batch each
      executor.job(job).runNow().queueReport();
      time.sleep(Duration.ofSeconds(61));
      executor.job(job).runNow().queueReport();
    }

    assertThat(server.journal().count("GET", "/jobs/get")).isEqualTo(2);
  }

  @Test
  void runNow_runLookupFails_submissionStillSucceedsWithUnknown() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
    server.addFault(io.github.dbexec.testkit.FaultRule.on("GET", "/jobs/runs/get")
        .respondError(500, "INTERNAL_ERROR", "boom").build());

    try (DatabricksExecutor executor = executor(QueueReporting.JOB_SETTINGS)) {
      Submission s = executor.job(job).runNow();

      assertThat(s.runId()).isPositive();
      assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.UNKNOWN);
      assertThat(s.queueReport().reason()).isNotNull().satisfies(r -> assertThat(r).contains("500"));
    }
  }
}
