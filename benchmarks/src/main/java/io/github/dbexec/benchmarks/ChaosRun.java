package io.github.dbexec.benchmarks;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.IdempotencyTokens;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.RunSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The large chaos run: {@code submissions} keyed run-now submissions from {@code threads} threads, through one
 * {@link DatabricksExecutor} (default settings but a patient retry policy), against a fake server whose run-now
 * answers are lost after the run was created (20%), 503 (5%), 429 with {@code Retry-After: 1} (5%) or a dropped
 * connection (2%), each drawn from a seeded random. It checks that the server holds exactly one run per key and that
 * each key's submission reported that run. Retries do not wait on the wall clock: the executor's sleeper records the
 * delays it was asked for (so the run takes seconds, and shows that {@code Retry-After} was honoured).
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) io.github.dbexec.benchmarks.ChaosRun \
 *     [submissions=2000] [threads=16] [seed=7]
 * </pre>
 */
public final class ChaosRun {
  /** Fault shares of run-now requests, each the share of all run-now requests it should hit. */
  static final double LOST = 0.20;
  static final double UNAVAILABLE = 0.05;
  static final double RATE_LIMITED = 0.05;
  static final double DROPPED = 0.02;

  /**
   * What happened.
   *
   * @param runsOnServer runs the server holds
   * @param distinctRunIds distinct run ids the submissions reported
   * @param mismatchedKeys keys whose reported run is not the server's run for the key's idempotency token
   * @param runNowRequests run-now requests the server received
   * @param retries retries the executor made, by cause (HTTP status, or "transport")
   * @param longestRetryAfterDelay the longest delay the sleeper was asked for after a 429, ms
   */
  public record Result(
      int submissions,
      int runsOnServer,
      int distinctRunIds,
      List<String> mismatchedKeys,
      long runNowRequests,
      Map<String, Long> retries,
      long longestRetryAfterDelay,
      long elapsedMillis) {
    /** Exactly one run per key, and every key's submission reported it. */
    public boolean consistent() {
      return runsOnServer == submissions && distinctRunIds == submissions && mismatchedKeys.isEmpty();
    }
  }

  private ChaosRun() {}

  public static void main(String[] args) throws Exception {
    int submissions = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    Result result = run(submissions, threads, seed);
    System.out.println(result);
    System.out.println(result.consistent() ? "CONSISTENT: exactly one run per key" : "INCONSISTENT");
    if (!result.consistent()) {
      System.exit(1);
    }
  }

  /** Runs the chaos scenario on a fresh server. */
  public static Result run(int submissions, int threads, long seed) throws InterruptedException {
    try (BenchServer bench = BenchServer.start(100_000)) {
      FakeJobsServer server = bench.server();
      long jobId = bench.jobId();
      // each rule sees only the requests the rules before it let through: scale so that each hits its share of all
      double left = 1.0;
      server.addFault(FaultRule.on("POST", "/jobs/run-now").probability(LOST / left, seed).always()
          .loseResponse().build());
      left -= LOST;
      server.addFault(FaultRule.on("POST", "/jobs/run-now").probability(UNAVAILABLE / left, seed + 1).always()
          .respondError(503, "TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable.").build());
      left -= UNAVAILABLE;
      server.addFault(FaultRule.on("POST", "/jobs/run-now").probability(RATE_LIMITED / left, seed + 2).always()
          .rateLimited(Duration.ofSeconds(1)).build());
      left -= RATE_LIMITED;
      server.addFault(FaultRule.on("POST", "/jobs/run-now").probability(DROPPED / left, seed + 3).always()
          .dropConnection().build());

      Map<String, LongAdder> retries = new ConcurrentHashMap<>();
      AtomicInteger longestRetryAfter = new AtomicInteger();
      RetryPolicy patient = RetryPolicy.custom().maxAttempts(30).deadline(Duration.ofHours(1)).build();
      Map<String, Long> reported = new ConcurrentHashMap<>();
      long started = System.nanoTime();
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(bench.url()).token(BenchServer.TOKEN)
          .retryPolicy(patient)
          .sleeper(delay -> { })
          .retryListener(attempt -> {
            String cause = attempt.cause() instanceof DatabricksApiException
                ? Integer.toString(((DatabricksApiException) attempt.cause()).statusCode()) : "transport";
            retries.computeIfAbsent(cause, c -> new LongAdder()).increment();
            if (cause.equals("429")) {
              longestRetryAfter.accumulateAndGet((int) attempt.delay().toMillis(), Math::max);
            }
          })
          .build()) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<?>> futures = new ArrayList<>();
          AtomicInteger next = new AtomicInteger();
          for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
              for (int i = next.getAndIncrement(); i < submissions; i = next.getAndIncrement()) {
                String key = "chaos-" + seed + "-" + i;
                reported.put(key, executor.job(jobId).idempotencyKey(key).runNow().runId());
              }
              return null;
            }));
          }
          for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException("a submission failed for good", e);
        } finally {
          pool.shutdownNow();
        }
      }
      long elapsed = (System.nanoTime() - started) / 1_000_000;

      Map<String, Long> runByToken = new HashMap<>();
      for (RunSnapshot run : server.runs(jobId)) {
        runByToken.put(run.idempotencyToken(), run.runId());
      }
      List<String> mismatched = new ArrayList<>();
      for (Map.Entry<String, Long> e : reported.entrySet()) {
        Long onServer = runByToken.get(IdempotencyTokens.forRunNow(jobId, e.getKey()));
        if (onServer == null || onServer.longValue() != e.getValue()) {
          mismatched.add(e.getKey());
        }
      }
      if (reported.size() != submissions) {
        mismatched.add("(" + (submissions - reported.size()) + " keys reported no run)");
      }
      Set<Long> distinct = new HashSet<>(reported.values());
      Map<String, Long> retryCounts = new java.util.TreeMap<>();
      retries.forEach((k, v) -> retryCounts.put(k, v.sum()));
      return new Result(submissions, server.runCount(), distinct.size(), List.copyOf(mismatched),
          server.journal().count("POST", "/jobs/run-now"), retryCounts, longestRetryAfter.get(), elapsed);
    }
  }
}
