package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunScriptTest {
  private FakeJobsServer server;
  private Http http;
  private long jobId;
  private long t0;

  @BeforeEach
  void startServer() {
    server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0)).runDuration(Duration.ofSeconds(10))
        .start();
    http = Http.to(server);
    jobId = server.createJob(JobSpec.builder().name("scripted").maxConcurrentRuns(10).notebookTask("/nb").build());
    t0 = TestServers.T0.toEpochMilli();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private long runNow() {
    return ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
  }

  private RunSnapshot after(long runId, Duration duration) {
    server.clock().advance(duration);
    return server.requireRun(runId);
  }

  @Test
  void scriptJob_failing_endsFailedWithMessageAndGetOutputError() {
    server.scriptJob(jobId, RunScript.failing("boom: bad input"));
    long runId = runNow();

    RunSnapshot run = after(runId, Duration.ofSeconds(10));

    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.TERMINATED);
    assertThat(run.resultState()).isEqualTo(ResultState.FAILED);
    assertThat(run.stateMessage()).isEqualTo("boom: bad input");
    assertThat(run.terminationCode()).isEqualTo("RUN_EXECUTION_ERROR");
    long taskRunId = run.taskRunIds().get(0);
    Map<String, Object> output = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + taskRunId);
    assertThat(taskRunId).isEqualTo(runId + 1);
    assertThat(output).containsEntry("error", "boom: bad input");
    assertThat(Http.obj(output.get("metadata"))).containsEntry("run_id", taskRunId).containsEntry("job_id", jobId);
  }

  @Test
  void scriptNextRun_timingOut_endsTimedOut_thenNextRunSucceeds() {
    server.scriptNextRun(RunScript.timingOut().runningFor(Duration.ofSeconds(3)));
    long first = runNow();
    long second = runNow();

    server.clock().advance(Duration.ofSeconds(10));

    RunSnapshot timedOut = server.requireRun(first);
    assertThat(timedOut.resultState()).isEqualTo(ResultState.TIMEDOUT);
    assertThat(timedOut.userCancelledOrTimedout()).isTrue();
    assertThat(timedOut.endTime()).isEqualTo(t0 + 3_000);
    assertThat(server.requireRun(second).resultState()).isEqualTo(ResultState.SUCCESS);
  }

  @Test
  void scriptJob_internalError_endsInternalErrorLifeCycle() {
    server.scriptJob(jobId, RunScript.internalError("Cluster lost"));
    long runId = runNow();

    RunSnapshot run = after(runId, Duration.ofSeconds(10));

    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.INTERNAL_ERROR);
    assertThat(run.resultState()).isEqualTo(ResultState.FAILED);
    assertThat(run.statusState()).isEqualTo("TERMINATED");
    assertThat(run.terminationCode()).isEqualTo("INTERNAL_ERROR");
    assertThat(run.isTerminal()).isTrue();
  }

  @Test
  void scriptJob_cancelled_endsCanceled() {
    server.scriptJob(jobId, RunScript.cancelled());
    long runId = runNow();

    RunSnapshot run = after(runId, Duration.ofSeconds(10));

    assertThat(run.resultState()).isEqualTo(ResultState.CANCELED);
    assertThat(run.terminationCode()).isEqualTo("USER_CANCELED");
  }

  @Test
  void phaseDurations_walkThroughEveryPhaseAtExactTimes() {
    server.scriptNextRun(RunScript.succeeding().pendingFor(Duration.ofSeconds(2)).runningFor(Duration.ofSeconds(5))
        .terminatingFor(Duration.ofSeconds(1)));
    long runId = runNow();

    LifeCycleState p0 = server.requireRun(runId).lifeCycleState();
    LifeCycleState p2 = after(runId, Duration.ofSeconds(2)).lifeCycleState();
    LifeCycleState p7 = after(runId, Duration.ofSeconds(5)).lifeCycleState();
    RunSnapshot p8 = after(runId, Duration.ofSeconds(1));

    assertThat(List.of(p0, p2, p7, p8.lifeCycleState())).containsExactly(LifeCycleState.PENDING, LifeCycleState.RUNNING, LifeCycleState.TERMINATING,
        LifeCycleState.TERMINATED);
    Map<String, Object> task = Http.obj(Http.list(p8.json().get("tasks")).get(0));
    assertThat(task).containsEntry("setup_duration", 2_000L).containsEntry("execution_duration", 5_000L)
        .containsEntry("cleanup_duration", 1_000L);
    assertThat(p8.runDuration()).isEqualTo(8_000L);
  }

  @Test
  void terminatingPhase_hasTerminationDetailsButNoResultState() {
    server.scriptNextRun(RunScript.succeeding().runningFor(Duration.ofSeconds(1)).terminatingFor(Duration.ofSeconds(5)));
    long runId = runNow();

    RunSnapshot run = after(runId, Duration.ofSeconds(2));

    assertThat(run.lifeCycleState()).isEqualTo(LifeCycleState.TERMINATING);
    assertThat(run.statusState()).isEqualTo("TERMINATING");
    assertThat(run.resultState()).isNull();
    assertThat(run.terminationCode()).isEqualTo("SUCCESS");
  }

  @Test
  void stuckInQueue_staysQueuedAndDoesNotBlockOtherRuns() {
    server.scriptNextRun(RunScript.stuckInQueue());
    long stuck = runNow();
    long other = runNow();

    server.clock().advance(Duration.ofHours(1));

    assertThat(server.requireRun(stuck).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);
    assertThat(server.requireRun(other).resultState()).isEqualTo(ResultState.SUCCESS);
  }

  @Test
  void scriptRun_existingRunningRun_failsAtNewEnd() {
    long runId = runNow();
    server.clock().advance(Duration.ofSeconds(4));

    server.scriptRun(runId, RunScript.failing("killed").runningFor(Duration.ofSeconds(5)));
    RunSnapshot run = after(runId, Duration.ofSeconds(1));

    assertThat(run.resultState()).isEqualTo(ResultState.FAILED);
    assertThat(run.endTime()).isEqualTo(t0 + 5_000);
  }

  @Test
  void scriptRun_unknownRun_throws() {
    assertThatThrownBy(() -> server.scriptRun(1, RunScript.succeeding()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
  }

  @Test
  void jobTimeoutSeconds_runLongerThanTimeout_endsTimedOutAtTimeout() {
    long timed = server.createJob(JobSpec.builder().timeoutSeconds(3).build());
    long runId = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", timed)).get("run_id")).longValue();

    RunSnapshot run = after(runId, Duration.ofSeconds(30));

    assertThat(run.resultState()).isEqualTo(ResultState.TIMEDOUT);
    assertThat(run.endTime()).isEqualTo(t0 + 3_000);
  }

  @Test
  void succeedingWithOutput_getOutputHasNotebookResult() {
    server.scriptNextRun(RunScript.succeedingWithOutput("42 rows"));
    long runId = runNow();
    RunSnapshot run = after(runId, Duration.ofSeconds(10));
    long taskRunId = ((Number) Http.obj(Http.list(run.json().get("tasks")).get(0)).get("run_id")).longValue();

    Map<String, Object> output = http.ok("/api/2.2/jobs/runs/get-output?run_id=" + taskRunId);

    assertThat(output.get("notebook_output")).isEqualTo(Map.of("result", "42 rows", "truncated", false));
  }

  @Test
  void clearScripts_forgetsJobScript() {
    server.scriptJob(jobId, RunScript.failing("x"));

    server.clearScripts();
    RunSnapshot run = after(runNow(), Duration.ofSeconds(10));

    assertThat(run.resultState()).isEqualTo(ResultState.SUCCESS);
  }
}
