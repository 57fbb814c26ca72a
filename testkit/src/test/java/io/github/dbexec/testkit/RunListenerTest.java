package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RunListenerTest {

  @Test
  void listener_queuedRunSettledLate_seesEveryChangeInOrderWithExactTimes() {
    List<String> seen = new CopyOnWriteArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void runCreated(RunStateChange change) {
        seen.add("created " + change.runId() + " " + change.lifeCycleState() + " @" + change.atMillis());
      }

      @Override
      public void runStateChanged(RunStateChange change) {
        seen.add(change.runId() + " " + change.previousLifeCycleState() + "->" + change.lifeCycleState()
            + (change.resultState() == null ? "" : "/" + change.resultState()) + " @" + change.atMillis());
      }
    };
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeClock.manual(TestServers.T0))
        .runDuration(Duration.ofSeconds(10)).runListener(listener).start()) {
      long jobId = server.createJob(JobSpec.builder().build());
      Http http = Http.to(server);
      long a = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
      long b = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
      seen.clear();

      server.clock().advance(Duration.ofMinutes(1));
      server.runCount();

      long t10 = TestServers.T0.toEpochMilli() + 10_000;
      long t20 = TestServers.T0.toEpochMilli() + 20_000;
      assertThat(seen).containsExactly(
          a + " RUNNING->TERMINATING @" + t10,
          a + " TERMINATING->TERMINATED/SUCCESS @" + t10,
          b + " QUEUED->PENDING @" + t10,
          b + " PENDING->RUNNING @" + t10,
          b + " RUNNING->TERMINATING @" + t20,
          b + " TERMINATING->TERMINATED/SUCCESS @" + t20);
    }
  }

  @Test
  void listener_runNow_reportsCreationAndStart() {
    List<RunStateChange> created = new CopyOnWriteArrayList<>();
    try (FakeJobsServer server = TestServers.manual()) {
      server.addRunListener(new RunListener() {
        @Override
        public void runCreated(RunStateChange change) {
          created.add(change);
        }
      });
      long jobId = server.createJob(JobSpec.builder().queueEnabled(false).build());

      Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));

      assertThat(created).extracting(RunStateChange::lifeCycleState).containsExactly(LifeCycleState.PENDING, LifeCycleState.SKIPPED);
      assertThat(created.get(1).resultState()).isEqualTo(ResultState.MAXIMUM_CONCURRENT_RUNS_REACHED);
    }
  }

  @Test
  void listener_changesSettledByFailingRequest_areStillDelivered() throws Exception {
    List<RunStateChange> changes = new CopyOnWriteArrayList<>();
    try (FakeJobsServer server = TestServers.manual()) {
      long jobId = server.createJob(JobSpec.builder().build());
      Http http = Http.to(server);
      http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
      server.addRunListener(new RunListener() {
        @Override
        public void runStateChanged(RunStateChange change) {
          changes.add(change);
        }
      });
      server.clock().advance(Duration.ofMinutes(1));

      int status = http.get("/api/2.2/jobs/runs/get?run_id=1").status();

      assertThat(status).isEqualTo(400);
      assertThat(changes).extracting(RunStateChange::lifeCycleState).containsExactly(LifeCycleState.TERMINATING, LifeCycleState.TERMINATED);
    }
  }

  @Test
  void listener_throwing_doesNotBreakServer() {
    try (FakeJobsServer server = TestServers.manual()) {
      server.addRunListener(new RunListener() {
        @Override
        public void runCreated(RunStateChange change) {
          throw new IllegalStateException("listener bug");
        }
      });
      long jobId = server.createJob(JobSpec.builder().build());

      Map<String, Object> reply = Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));

      assertThat(reply).containsKey("run_id");
      assertThat(server.runCount()).isEqualTo(1);
    }
  }
}
