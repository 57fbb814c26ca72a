package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeJobsServerBasicsTest {

  @Test
  void url_afterStart_isLoopbackWithPortAndNoTrailingSlash() {
    try (FakeJobsServer server = FakeJobsServer.start()) {

      String url = server.url();

      assertThat(url).isEqualTo("http://127.0.0.1:" + server.port()).doesNotEndWith("/");
      assertThat(server.port()).isPositive();
    }
  }

  @Test
  void bindAddress_allInterfaces_servesOnLoopbackUrl() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().bindAddress("0.0.0.0").start()) {

      int status = Http.to(server).get("/api/2.2/jobs/runs/list").status();

      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void url_beforeStart_throwsIllegalState() {
    try (FakeJobsServer server = FakeJobsServer.builder().build()) {

      assertThatThrownBy(server::url).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    }
  }

  @Test
  void close_twice_isIdempotent() {
    FakeJobsServer server = FakeJobsServer.start();

    server.close();
    server.close();

    assertThatThrownBy(server::startListening).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reset_forgetsJobsRunsJournalAndFaultsAndRestartsIds() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().build());
      http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      server.addFault(FaultRule.on("*", "").always().respondError(500, "INTERNAL_ERROR", "x").build());

      server.reset();

      assertThat(server.runCount()).isZero();
      assertThat(server.journal().all()).isEmpty();
      assertThat(http.get("/api/2.2/jobs/get?job_id=" + jobId).status()).isEqualTo(400);
      assertThat(server.createJob(JobSpec.builder().build())).isEqualTo(jobId);
    }
  }

  @Test
  void maxRetainedRuns_exceeded_forgetsOldestFinishedRunsOnly() {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .runDuration(Duration.ofSeconds(1)).maxRetainedRuns(2).start()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(10).build());
      long first = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
      server.clock().advance(Duration.ofSeconds(5));
      long second = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();

      long third = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();

      assertThat(server.run(first)).isNull();
      assertThat(server.runs(jobId)).extracting(RunSnapshot::runId).containsExactly(second, third);
    }
  }

  @Test
  void awaitRun_systemClockShortRun_returnsTerminatedSnapshot() {
    try (FakeJobsServer server = FakeJobsServer.builder().runDuration(Duration.ofMillis(50)).start()) {
      long jobId = server.createJob(JobSpec.builder().build());
      long runId = ((Number) Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id"))
          .longValue();

      RunSnapshot done = server.awaitRun(runId, RunSnapshot::isTerminal, Duration.ofSeconds(10));

      assertThat(done.resultState()).isEqualTo(ResultState.SUCCESS);
    }
  }

  @Test
  void awaitRun_conditionNeverMet_failsAfterTimeout() {
    try (FakeJobsServer server = TestServers.manual()) {

      assertThatThrownBy(() -> server.awaitRun(7, RunSnapshot::isTerminal, Duration.ofMillis(30)))
          .isInstanceOf(AssertionError.class).hasMessageContaining("no such run");
    }
  }

  @Test
  void run_unknownId_isEmpty() {
    try (FakeJobsServer server = TestServers.manual()) {

      assertThat(server.run(42)).isNull();
    }
  }

  @Test
  void pendingDuration_set_runIsPendingThenRunning() {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .pendingDuration(Duration.ofSeconds(5)).runDuration(Duration.ofSeconds(5)).start()) {
      long jobId = server.createJob(JobSpec.builder().build());
      long runId = ((Number) Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id"))
          .longValue();

      LifeCycleState before = server.requireRun(runId).lifeCycleState();
      server.clock().advance(Duration.ofSeconds(5));
      LifeCycleState after = server.requireRun(runId).lifeCycleState();

      assertThat(before).isEqualTo(LifeCycleState.PENDING);
      assertThat(after).isEqualTo(LifeCycleState.RUNNING);
    }
  }
}
