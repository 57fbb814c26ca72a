package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int CLIENTS = 32;

  private static List<Object> runConcurrently(FakeJobsServer server, int clients,
      java.util.function.IntFunction<Map<String, Object>> body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        Callable<Object> call = () -> {
          go.await();
          return Http.to(server).ok("/api/2.2/jobs/run-now", body.apply(client)).get("run_id");
        };
        futures.add(pool.submit(call));
      }
      go.countDown();
      List<Object> runIds = new ArrayList<>();
      for (Future<Object> f : futures) {
        runIds.add(f.get(20, TimeUnit.SECONDS));
      }
      return runIds;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runNow_32ConcurrentClientsDistinctTokens_createsEachRunOnceAndRespectsLimit() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(5).build());

      List<Object> runIds = runConcurrently(server, CLIENTS,
          i -> Map.of("job_id", jobId, "idempotency_token", "client-" + i));

      assertThat(Set.copyOf(runIds)).hasSize(CLIENTS);
      assertThat(server.runs(jobId)).hasSize(CLIENTS);
      assertThat(server.runs(jobId)).filteredOn(r -> r.lifeCycleState().equals(LifeCycleState.RUNNING)).hasSize(5);
      assertThat(server.runs(jobId)).filteredOn(r -> r.lifeCycleState().equals(LifeCycleState.QUEUED)).hasSize(CLIENTS - 5);
    }
  }

  @Test
  void runNow_32ConcurrentClientsSameToken_createsExactlyOneRun() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      long jobId = server.createJob(JobSpec.builder().build());

      List<Object> runIds = runConcurrently(server, CLIENTS,
          i -> Map.of("job_id", jobId, "idempotency_token", "same"));

      assertThat(Set.copyOf(runIds)).hasSize(1);
      assertThat(server.runCount()).isEqualTo(1);
      assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(CLIENTS);
    }
  }

  @Test
  void journal_concurrentRequests_recordsEachWithUniqueSequence() throws Exception {
    try (FakeJobsServer server = TestServers.manual()) {
      long jobId = server.createJob(JobSpec.builder().maxConcurrentRuns(100).build());

      runConcurrently(server, CLIENTS, i -> Map.of("job_id", jobId));

      Set<Long> sequences = ConcurrentHashMap.newKeySet();
      server.journal().all().forEach(r -> sequences.add(r.sequenceNumber()));
      assertThat(sequences).hasSize(CLIENTS);
    }
  }
}
