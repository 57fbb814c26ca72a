package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RunSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Exactly one run per key through a hostile network: 2,000 keyed submissions from 16 threads while the fake server
 * loses 20% of run-now answers after creating the run, answers 5% with 503 and 5% with 429 + Retry-After, and drops
 * 2% of connections before handling. Retries never sleep (the sleeper returns at once), so this runs in seconds.
 */
class ChaosTest {
  private static final int SUBMISSIONS = 2_000;
  private static final int THREADS = 16;

  @Test
  void keyedSubmissions_underFaults_exactlyOneRunPerKeyAndRedeliveriesFindThem() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("chaos").maxConcurrentRuns(1000).queueEnabled(true)
          .notebookTask("/nb").build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").always().probability(0.20, 1).loseResponse().build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").always().probability(0.05 / 0.80, 2)
          .respondError(503, "TEMPORARILY_UNAVAILABLE", "try again").build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").always().probability(0.05 / 0.75, 3)
          .rateLimited(Duration.ofSeconds(1)).build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").always().probability(0.02 / 0.70, 4).dropConnection().build());
      AtomicInteger retries = new AtomicInteger();
      Map<Integer, Integer> retriesByStatus = new ConcurrentHashMap<>();
      RetryPolicy patient = RetryPolicy.custom().maxAttempts(20).jitter(0).deadline(Duration.ofMinutes(5)).build();

      Map<String, Long> runIdByKey = new ConcurrentHashMap<>();
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-chaos")
          .retryPolicy(patient).sleeper(d -> { }).queueReporting(QueueReporting.OFF)
          .retryListener(a -> {
            retries.incrementAndGet();
            int status = a.cause() instanceof DatabricksApiException
                ? ((DatabricksApiException) a.cause()).statusCode() : -1;
            retriesByStatus.merge(status, 1, Integer::sum);
          }).build()) {
        submitAll(executor, job, keys(0, SUBMISSIONS), runIdByKey);
        assertThat(runIdByKey).hasSize(SUBMISSIONS);

        // the broker re-delivers every tenth event: each must find its run, none may start another
        Map<String, Long> redelivered = new ConcurrentHashMap<>();
        List<String> again = keys(0, SUBMISSIONS).stream().filter(k -> k.hashCode() % 10 == 0)
            .collect(Collectors.toList());
        submitAll(executor, job, again, redelivered);
        assertThat(redelivered).hasSize(again.size());
        redelivered.forEach((key, runId) -> assertThat(runId).as(key).isEqualTo(runIdByKey.get(key)));
      }

      assertThat(server.runCount()).isEqualTo(SUBMISSIONS);
      Map<String, Long> serverRunByToken = server.runs(job).stream()
          .collect(Collectors.toMap(RunSnapshot::idempotencyToken, RunSnapshot::runId));
      runIdByKey.forEach((key, runId) ->
          assertThat(serverRunByToken.get(IdempotencyTokens.forRunNow(job, key))).as(key).isEqualTo(runId));
      // the faults really happened: lost answers, 503s, 429s and dropped connections were all retried
      assertThat(retriesByStatus).containsKeys(-1, 503, 429);
      assertThat(retries.get()).isGreaterThan(SUBMISSIONS / 5);
    }
  }

  private static List<String> keys(int from, int to) {
    List<String> keys = new ArrayList<>();
    for (int i = from; i < to; i++) {
      keys.add("kafka:orders:3:" + i);
    }
    return keys;
  }

  private static void submitAll(DatabricksExecutor executor, long job, List<String> keys, Map<String, Long> out)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String key : keys) {
        futures.add(pool.submit(() -> out.put(key, executor.job(job).idempotencyKey(key).runNow().runId())));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
