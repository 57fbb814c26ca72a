package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceRunLimitTest {
  private FakeJobsServer server;
  private Http http;

  @BeforeEach
  void startServer() {
    server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0)).runDuration(Duration.ofSeconds(10))
        .workspaceRunLimit(2).start();
    http = Http.to(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private long runNow(long jobId) {
    return ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
  }

  @Test
  void runNow_workspaceFullJobSlotFree_queuesWithActiveRunsLimitReached() {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobB = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    runNow(jobA);
    runNow(jobA);

    long waiting = runNow(jobB);

    RunSnapshot run = server.requireRun(waiting);
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
    assertThat(run.queueCode()).isEqualTo("ACTIVE_RUNS_LIMIT_REACHED");
  }

  @Test
  void workspaceSlotFrees_oldestQueuedRunOfAnyJobStartsFirst() {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobB = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    runNow(jobA);
    server.clock().advance(Duration.ofSeconds(1));
    runNow(jobA);
    long firstWaiting = runNow(jobB);
    long secondWaiting = runNow(jobA);

    server.clock().advance(Duration.ofSeconds(9));

    assertThat(server.requireRun(firstWaiting).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
    assertThat(server.requireRun(secondWaiting).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
  }

  @Test
  void runNow_workspaceFullQueueOff_skipsWithWorkspaceRunLimitExceeded() {
    long jobA = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());
    long jobOff = server.createJob(JobSpec.builder().maxConcurrentRuns(5).queueEnabled(false).build());
    runNow(jobA);
    runNow(jobA);

    long skipped = runNow(jobOff);

    RunSnapshot run = server.requireRun(skipped);
    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.SKIPPED);
    assertThat(run.terminationCode()).isEqualTo("WORKSPACE_RUN_LIMIT_EXCEEDED");
  }

  @Test
  void jobLimitStillApplies_belowWorkspaceLimit() {
    long job = server.createJob(JobSpec.builder().maxConcurrentRuns(1).build());
    runNow(job);

    long queued = runNow(job);

    assertThat(server.requireRun(queued).queueCode()).isEqualTo("MAX_CONCURRENT_RUNS_REACHED");
  }
}
