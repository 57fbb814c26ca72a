package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import io.github.dbexec.testkit.WorkspaceRunLimitAnswer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace's active-run limit: a run that cannot queue is answered 429 REQUEST_LIMIT_EXCEEDED "There are already
 * N active runs (limit: N)." and not created; the executor retries it with the same idempotency token.
 */
class WorkspaceRunLimitTest {
  private FakeJobsServer server;
  private FakeTime time;
  private long busyJob;
  private long noQueueJob;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofSeconds(10))
        .workspaceRunLimit(1).workspaceRunLimitAnswer(WorkspaceRunLimitAnswer.REJECT_WITH_429).start();
    busyJob = server.createJob(JobSpec.builder().name("busy").maxConcurrentRuns(5).notebookTask("/nb").build());
    noQueueJob = server.createJob(JobSpec.builder().name("no-queue").maxConcurrentRuns(5).queueEnabled(false)
        .notebookTask("/nb").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DatabricksExecutor executor(RetryPolicy policy) {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").retryPolicy(policy).clock(time)
        .sleeper(time).build();
  }

  private static RetryPolicy policy(int maxAttempts) {
    return RetryPolicy.custom().jitter(0).initialBackoff(Duration.ofSeconds(4)).maxBackoff(Duration.ofSeconds(8))
        .maxAttempts(maxAttempts).build();
  }

  @Test
  void runNow_workspaceAtItsRunLimit_retriedWithSameTokenIntoExactlyOneRunOnceASlotFrees() {
    try (DatabricksExecutor executor = executor(policy(5))) {
      long busyRun = executor.job(busyJob).runNow().runId(); // takes the only slot for 10 s
      time.sleeps().clear();

      Submission s = executor.job(noQueueJob).idempotencyKey("file-1").runNow();

      // refused at 0 s and 4 s, accepted at 12 s after the busy run ended at 10 s
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
      List<RecordedApiRequest> runNows = server.journal().find("POST", "/jobs/run-now").stream()
          .filter(r -> ((Number) r.jsonBody().get("job_id")).longValue() == noQueueJob).toList();
      assertThat(runNows).hasSize(3).extracting(r -> r.jsonBody().get("idempotency_token")).containsOnly(
          s.idempotencyToken());
      assertThat(server.runs(noQueueJob)).singleElement().satisfies(r -> {
        assertThat(r.runId()).isEqualTo(s.runId());
        assertThat(r.idempotencyToken()).isEqualTo(s.idempotencyToken());
      });
      assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
      assertThat(server.requireRun(busyRun).lifeCycleState().isTerminal()).isTrue();
    }
  }

  @Test
  void runNow_workspaceStaysAtItsLimit_policyGivesUp_errorSaysTheActiveRunLimitWasReached() {
    try (DatabricksExecutor executor = executor(policy(2))) {
      server.scriptJob(busyJob, io.github.dbexec.testkit.RunScript.succeeding().runningFor(Duration.ofHours(1)));
      executor.job(busyJob).runNow();

      assertThatThrownBy(() -> executor.job(noQueueJob).idempotencyKey("file-2").runNow())
          .isInstanceOfSatisfying(DatabricksApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
            assertThat(e.isWorkspaceRunLimitReached()).isTrue();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.serverMessage()).isEqualTo("There are already 1 active runs (limit: 1).");
            assertThat(e.getMessage()).contains("There are already 1 active runs (limit: 1).")
                .contains("The workspace's limit of active runs was reached").contains("no run was created")
                .contains("same idempotency key");
          });
      assertThat(server.journal().find("POST", "/jobs/run-now")).filteredOn(
          r -> ((Number) r.jsonBody().get("job_id")).longValue() == noQueueJob).hasSize(2)
          .extracting(r -> r.jsonBody().get("idempotency_token")).containsOnly(
              IdempotencyTokens.forRunNow(noQueueJob, "file-2"));
      assertThat(server.runs(noQueueJob)).isEmpty();
    }
  }

  @Test
  void otherRateLimit_isNotTheWorkspaceRunLimit() {
    DatabricksApiException e = DatabricksApiException.of("POST jobs/run-now", 429, "REQUEST_LIMIT_EXCEEDED",
        "Too many requests", null, null);

    assertThat(e.isWorkspaceRunLimitReached()).isFalse();
    assertThat(e.getMessage()).doesNotContain("active runs");
  }
}
