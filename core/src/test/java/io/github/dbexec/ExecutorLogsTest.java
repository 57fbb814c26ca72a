package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.logcapture.CapturedLogs;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log lines a person running the executor sees, on the logger names core's package Javadoc documents: nothing at
 * INFO per submission, DEBUG per submission and per retry (cause and delay), WARN when a submission finally fails or
 * a wait gives up.
 */
class ExecutorLogsTest {
  private FakeJobsServer server;
  private FakeTime time;
  private long job;
  private DatabricksExecutor executor;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofHours(1)).start();
    job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(5).notebookTask("/nb").build());
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-log-secret").clock(time).sleeper(time)
        .retryPolicy(RetryPolicy.custom().jitter(0).initialBackoff(Duration.ofSeconds(2)).maxAttempts(3).build())
        .queueReporting(QueueReporting.OFF).build();
    CapturedLogs.clear();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  /** The captured lines of {@code logger} (without stack traces), e.g. {@code "DEBUG io.github.dbexec.retry - ..."}. */
  private static List<String> lines(String logger) {
    return Arrays.stream(CapturedLogs.all().split("\n")).filter(l -> l.matches("[A-Z]+ " + logger.replace(".", "\\.")
        + " - .*")).collect(Collectors.toList());
  }

  @Test
  void runNow_retriedThenStarted_debugLinesForRetryAndSubmissionNothingAtInfo() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once()
        .respondError(503, "TEMPORARILY_UNAVAILABLE", "busy").build());

    long runId = executor.job(job).runNow().runId();

    assertThat(lines("io.github.dbexec.retry")).singleElement().asString()
        .startsWith("DEBUG io.github.dbexec.retry - POST jobs/run-now: attempt 1 failed (SERVER_ERROR: ")
        .endsWith("retrying in 2000 ms");
    assertThat(lines("io.github.dbexec.submission")).singleElement().asString()
        .startsWith("DEBUG io.github.dbexec.submission - POST jobs/run-now of job " + job + " -> run " + runId)
        .contains("2 attempt(s)");
    assertThat(CapturedLogs.all()).doesNotContain("INFO io.github.dbexec").doesNotContain("WARN")
        .doesNotContain("dapi-log-secret");
  }

  @Test
  void runNow_finallyFails_oneWarnNamingJobAttemptsAndCause() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").always()
        .respondError(503, "TEMPORARILY_UNAVAILABLE", "busy").build());

    assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksApiException.class);

    assertThat(lines("io.github.dbexec.retry")).hasSize(2);
    assertThat(lines("io.github.dbexec.submission")).singleElement().asString()
        .startsWith("WARN io.github.dbexec.submission - POST jobs/run-now of job " + job + " failed after 3 attempt(s)")
        .contains("503").contains("TEMPORARILY_UNAVAILABLE");
    assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(3);
  }

  @Test
  void awaitTermination_timesOut_oneWarnOnTheWaitLogger() {
    long runId = executor.job(job).runNow().runId();
    CapturedLogs.clear();

    assertThatThrownBy(() -> executor.awaitTermination(runId, WaitOptions.of(Duration.ofMinutes(2))))
        .isInstanceOf(AwaitTimeoutException.class);

    // (the last poll, sent at the deadline with the 1 ms left as its call timeout, may time out: a DEBUG line)
    assertThat(lines("io.github.dbexec.wait")).filteredOn(line -> line.startsWith("WARN")).singleElement().asString()
        .startsWith("WARN io.github.dbexec.wait - waiting for run " + runId + ": gave up");
  }
}
