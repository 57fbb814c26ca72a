package io.github.dbexec.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load driver: in one JVM and against one {@link BenchServer}, for each client in turn (the order rotates every
 * round; unreported warm-up rounds first), runs sequential run-now submissions (throughput, latency percentiles, and
 * the heap allocated and CPU time used per submission on the calling thread, which does all of a synchronous
 * client's work while the server works on its own threads) and then {@code concurrency} submissions in flight at once (throughput, latency percentiles). The
 * server is reset before each client so that every client meets the same, empty server; after each client, the
 * driver checks that the server holds exactly one run per submission.
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *     io.github.dbexec.benchmarks.LoadDriver [--warmup-rounds 2] [--rounds 6] [--sequential 10000] \
 *     [--concurrent 20000] [--concurrency 64] [--burst 200] [--clients okhttp,dbexec-off,dbexec-default,sdk]
 * </pre>
 *
 * Then, per client and round, a {@link Burst}: a new client's requests per submission, counted at the server, for
 * {@code burst} submissions whose queue reports are all read.
 *
 * Prints a Markdown table of means with 95% confidence half-widths over the rounds, and ratios to raw OkHttp and the
 * official SDK.
 */
public final class LoadDriver {
  /**
   * What to run. Warm-up counts are a fifth of the measured counts (at least 100 sequential and 1,000
   * concurrent submissions), per client and round.
   */
  public record Options(
      List<ClientKind> clients, int warmupRounds, int rounds, int sequentialOps, int concurrentOps, int concurrency,
      int burst) {
    public Options {
      clients = List.copyOf(clients);
      if (clients.isEmpty() || warmupRounds < 0 || rounds < 1 || sequentialOps < 1 || concurrentOps < 1
          || concurrency < 1 || burst < 0) {
        throw new IllegalArgumentException("clients must not be empty and every count must be >= 1 (burst >= 0): "
            + this);
      }
    }

    /**
     * The defaults: every client, 2 unreported warm-up rounds then 6 rounds, each of 10,000 sequential and 20,000
     * concurrent submissions, 64 in flight, then a burst of 200 submissions whose queue reports are all read.
     */
    public static Options defaults() {
      return new Options(List.of(ClientKind.values()), 2, 6, 10_000, 20_000, 64, 200);
    }

    /** The journal capacity the server needs to count every request of the burst (a few per submission at most). */
    int journalCapacity() {
      return Math.max(1_000, 8 * burst);
    }
  }

  /** Latency percentiles in microseconds. */
  public record Latency(double p50, double p90, double p99, double p999, double max) {
    static Latency of(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Latency(Stats.percentileMicros(sorted, 0.50), Stats.percentileMicros(sorted, 0.90),
          Stats.percentileMicros(sorted, 0.99), Stats.percentileMicros(sorted, 0.999),
          sorted[sorted.length - 1] / 1_000.0);
    }
  }

  /** One client's results in one round. */
  public record Measurement(
      ClientKind client,
      int round,
      double sequentialOpsPerSecond,
      Latency sequentialLatency,
      double bytesAllocatedPerSubmission,
      double clientCpuMicrosPerSubmission,
      double concurrentOpsPerSecond,
      Latency concurrentLatency,
      int runsOnServer,
      Burst burst) {}

  /**
   * The burst: a new client (so job settings are not cached yet, as for a fresh executor) starts {@code submissions}
   * runs of the job, {@code concurrency} at a time, and then reads every run's queue report; {@code requests} is
   * every request the server received from it meanwhile (counted at the server, in its journal, until the client
   * was closed), by endpoint in {@code byEndpoint}; {@code outcomes} counts the reports by queue outcome.
   */
  public record Burst(int submissions, int requests, java.util.Map<String, Integer> byEndpoint,
      java.util.Map<String, Integer> outcomes) {
    static final Burst NONE = new Burst(0, 0, java.util.Map.of(), java.util.Map.of());

    /** Requests per submission; NaN without a burst. */
    public double requestsPerSubmission() {
      return submissions == 0 ? Double.NaN : (double) requests / submissions;
    }
  }

  private LoadDriver() {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    try (BenchServer server = BenchServer.start(options.journalCapacity())) {
      System.out.println("# load driver: " + options + ", " + Runtime.getRuntime().availableProcessors()
          + " processors, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      List<Measurement> measurements = run(server, options, line -> System.out.println("  " + line));
      System.out.println();
      System.out.println(report(measurements));
    }
  }

  /** Runs the measurements; {@code progress} gets one line per client and round. */
  public static List<Measurement> run(BenchServer server, Options options, java.util.function.Consumer<String> progress)
      throws InterruptedException {
    List<Measurement> all = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
      Thread t = new Thread(r, "load-driver");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int round = 1 - options.warmupRounds(); round <= options.rounds(); round++) {
        List<ClientKind> order = new ArrayList<>(options.clients());
        Collections.rotate(order, -Math.floorMod(round - 1, order.size()));
        for (ClientKind kind : order) {
          Measurement m = measure(server, kind, round, options, pool);
          progress.accept(String.format(Locale.ROOT,
              (round < 1 ? "warm-up " : "round ") + "%d %-14s sequential %,9.0f/s p50 %,7.0f µs p99 %,7.0f µs"
                  + " %,7.0f B/op %,5.1f µs CPU/op | %d in flight %,9.0f/s"
                  + " p50 %,7.0f µs p99 %,8.0f µs | burst %.3f requests/submission %s %s",
              round, kind, m.sequentialOpsPerSecond(), m.sequentialLatency().p50(), m.sequentialLatency().p99(),
              m.bytesAllocatedPerSubmission(), m.clientCpuMicrosPerSubmission(), options.concurrency(), m.concurrentOpsPerSecond(),
              m.concurrentLatency().p50(), m.concurrentLatency().p99(), m.burst().requestsPerSubmission(),
              m.burst().byEndpoint(), m.burst().outcomes()));
          if (round >= 1) {
            all.add(m);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return all;
  }

  private static Measurement measure(BenchServer server, ClientKind kind, int round, Options o, ExecutorService pool)
      throws InterruptedException {
    server.reset();
    int seqWarmup = Math.max(100, o.sequentialOps() / 5);
    int concWarmup = Math.max(1_000, o.concurrentOps() / 5);
    String prefix = kind.label() + "-r" + round + "-";
    Measurement steady;
    try (RunNowClient client = server.open(kind)) {
      sequential(client, keys(prefix + "sw-", seqWarmup));
      String[] seqKeys = keys(prefix + "s-", o.sequentialOps());
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long cpuBefore = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long[] seqNanos = sequential(client, seqKeys);
      long seqElapsed = System.nanoTime() - start;
      long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

      concurrent(client, keys(prefix + "cw-", concWarmup), o.concurrency(), pool);
      String[] concKeys = keys(prefix + "c-", o.concurrentOps());
      start = System.nanoTime();
      long[] concNanos = concurrent(client, concKeys, o.concurrency(), pool);
      long concElapsed = System.nanoTime() - start;

      int expected = seqWarmup + o.sequentialOps() + concWarmup + o.concurrentOps();
      int runs = server.server().runCount();
      if (runs != expected) {
        throw new IllegalStateException(kind + " left " + runs + " runs on the server for " + expected
            + " submissions with distinct keys");
      }
      steady = new Measurement(kind, round, o.sequentialOps() * 1e9 / seqElapsed, Latency.of(seqNanos),
          (double) allocated / o.sequentialOps(), cpu / 1_000.0 / o.sequentialOps(), o.concurrentOps() * 1e9 / concElapsed, Latency.of(concNanos),
          runs, Burst.NONE);
    } // closed: whatever the client still did in the background (queue look-ups) is over before the burst
    if (o.burst() == 0) {
      return steady;
    }
    Burst burst = burst(server, kind, keys(prefix + "b-", o.burst()), o.concurrency(), pool);
    return new Measurement(kind, round, steady.sequentialOpsPerSecond(), steady.sequentialLatency(),
        steady.bytesAllocatedPerSubmission(), steady.clientCpuMicrosPerSubmission(), steady.concurrentOpsPerSecond(),
        steady.concurrentLatency(), steady.runsOnServer(), burst);
  }

  /** See {@link Burst}. */
  static Burst burst(BenchServer server, ClientKind kind, String[] keys, int concurrency, ExecutorService pool)
      throws InterruptedException {
    server.reset(); // an empty journal: from here on, every request is the burst's
    RunNowClient.Started[] started = new RunNowClient.Started[keys.length];
    java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
    try (RunNowClient client = server.open(kind)) {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < Math.min(concurrency, keys.length); w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < keys.length; i = next.getAndIncrement()) {
            started[i] = client.start(keys[i]);
          }
          return null;
        }));
      }
      await(workers);
      for (RunNowClient.Started s : started) { // every report read, after every submission returned
        outcomes.merge(s.queueOutcome(), 1, Integer::sum);
      }
    }
    java.util.Map<String, Integer> byEndpoint = new java.util.TreeMap<>();
    List<io.github.dbexec.testkit.RecordedApiRequest> requests = server.server().journal().all();
    for (io.github.dbexec.testkit.RecordedApiRequest r : requests) {
      byEndpoint.merge(r.method() + " " + r.endpoint(), 1, Integer::sum);
    }
    if (server.server().runCount() != keys.length) {
      throw new IllegalStateException(kind + " left " + server.server().runCount() + " runs on the server for a burst"
          + " of " + keys.length);
    }
    return new Burst(keys.length, requests.size(), byEndpoint, outcomes);
  }

  private static void await(List<Future<?>> workers) throws InterruptedException {
    for (Future<?> worker : workers) {
      try {
        worker.get(10, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a submission failed", e.getCause());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("a phase did not finish within 10 minutes", e);
      }
    }
  }

  /** Unique keys of 64 characters (the longest idempotency token), so every client sends bodies of one size. */
  static String[] keys(String prefix, int n) {
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      String number = Integer.toString(i);
      StringBuilder sb = new StringBuilder(64).append(prefix);
      for (int pad = 64 - prefix.length() - number.length(); pad > 0; pad--) {
        sb.append('0');
      }
      keys[i] = sb.append(number).toString();
    }
    return keys;
  }

  private static long[] sequential(RunNowClient client, String[] keys) {
    long[] nanos = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      long t0 = System.nanoTime();
      long runId = client.runNow(keys[i]);
      nanos[i] = System.nanoTime() - t0;
      if (runId <= 0) {
        throw new IllegalStateException("no run id");
      }
    }
    return nanos;
  }

  private static long[] concurrent(RunNowClient client, String[] keys, int concurrency, ExecutorService pool)
      throws InterruptedException {
    long[] nanos = new long[keys.length];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(pool.submit(() -> {
        go.await();
        for (int i = next.getAndIncrement(); i < keys.length; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          client.runNow(keys[i]);
          nanos[i] = System.nanoTime() - t0;
        }
        return null;
      }));
    }
    go.countDown();
    await(workers);
    return nanos;
  }

  /** A Markdown report: per client, the mean ± 95% half-width over rounds, then ratios. */
  public static String report(List<Measurement> measurements) {
    List<ClientKind> kinds = measurements.stream().map(Measurement::client).distinct().sorted().toList();
    StringBuilder sb = new StringBuilder();
    sb.append("| client | sequential run-now/s | caller p50 µs | p90 µs | p99 µs | p99.9 µs | B allocated/submission "
        + "| client CPU µs/submission | 64 in flight run-now/s | p50 µs | p99 µs | burst requests/submission |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ClientKind kind : kinds) {
      List<Measurement> ms = measurements.stream().filter(m -> m.client() == kind).toList();
      sb.append("| ").append(kind)
          .append(" | ").append(Stats.meanError(values(ms, Measurement::sequentialOpsPerSecond), 0))
          .append(" | ").append(Stats.fmt(Stats.median(values(ms, m -> m.sequentialLatency().p50())), 0))
          .append(" | ").append(Stats.fmt(Stats.median(values(ms, m -> m.sequentialLatency().p90())), 0))
          .append(" | ").append(Stats.fmt(Stats.median(values(ms, m -> m.sequentialLatency().p99())), 0))
          .append(" | ").append(Stats.fmt(Stats.median(values(ms, m -> m.sequentialLatency().p999())), 0))
          .append(" | ").append(Stats.meanError(values(ms, Measurement::bytesAllocatedPerSubmission), 0))
          .append(" | ").append(Stats.meanError(values(ms, Measurement::clientCpuMicrosPerSubmission), 1))
          .append(" | ").append(Stats.meanError(values(ms, Measurement::concurrentOpsPerSecond), 0))
          .append(" | ").append(Stats.fmt(Stats.median(values(ms, m -> m.concurrentLatency().p50())), 0))
          .append(" | ").append(Stats.fmt(Stats.median(values(ms, m -> m.concurrentLatency().p99())), 0))
          .append(" | ").append(burstCell(ms))
          .append(" |\n");
    }
    sb.append("\nCaller p50: the time until runNow() returned to the caller, one at a time (for dbexec-default, whatever"
        + " it does before returning; a queue report looked up afterwards is not in it). Burst requests/submission: every"
        + " request a new client sent for a burst of submissions (64 at a time) and the reading of every queue report,"
        + " counted at the server, divided by the submissions: mean ± 95% half-width over rounds (endpoints:"
        + " the progress lines).\n");
    sb.append("\nLatency columns: median over rounds of each round's percentile. ± is the 95% confidence half-width"
        + " over rounds.\nRatios: mean ± 95% half-width of the per-round ratios (each round measures every client"
        + " back to back, so a round's ratio cancels much of the machine's drift).\n\n");
    sb.append("| client | sequential vs okhttp | sequential vs sdk | 64 in flight vs okhttp | 64 in flight vs sdk "
        + "| client CPU/submission vs okhttp | vs sdk | caller p50 vs dbexec-off |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ClientKind kind : kinds) {
      sb.append("| ").append(kind)
          .append(" | ").append(ratio(measurements, kind, ClientKind.OKHTTP, Measurement::sequentialOpsPerSecond))
          .append(" | ").append(ratio(measurements, kind, ClientKind.SDK, Measurement::sequentialOpsPerSecond))
          .append(" | ").append(ratio(measurements, kind, ClientKind.OKHTTP, Measurement::concurrentOpsPerSecond))
          .append(" | ").append(ratio(measurements, kind, ClientKind.SDK, Measurement::concurrentOpsPerSecond))
          .append(" | ").append(ratio(measurements, kind, ClientKind.OKHTTP, Measurement::clientCpuMicrosPerSubmission))
          .append(" | ").append(ratio(measurements, kind, ClientKind.SDK, Measurement::clientCpuMicrosPerSubmission))
          .append(" | ").append(ratio(measurements, kind, ClientKind.DBEXEC_OFF, m -> m.sequentialLatency().p50()))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String ratio(List<Measurement> ms, ClientKind kind, ClientKind base,
      java.util.function.ToDoubleFunction<Measurement> metric) {
    List<Double> ratios = new ArrayList<>();
    for (Measurement m : ms) {
      if (m.client() != kind) {
        continue;
      }
      ms.stream().filter(b -> b.client() == base && b.round() == m.round()).findFirst()
          .ifPresent(b -> ratios.add(metric.applyAsDouble(m) / metric.applyAsDouble(b)));
    }
    if (ratios.isEmpty()) {
      return "n/a";
    }
    return Stats.meanError(ratios.stream().mapToDouble(Double::doubleValue).toArray(), 2) + "x";
  }

  private static String burstCell(List<Measurement> ms) {
    double[] xs = ms.stream().mapToDouble(m -> m.burst().requestsPerSubmission()).filter(x -> !Double.isNaN(x))
        .toArray();
    return xs.length == 0 ? "n/a" : Stats.meanError(xs, 3);
  }

  private static double[] values(List<Measurement> ms, java.util.function.ToDoubleFunction<Measurement> metric) {
    return ms.stream().mapToDouble(metric).toArray();
  }

  static Options parse(String[] args) {
    Options d = Options.defaults();
    List<ClientKind> clients = d.clients();
    int rounds = d.rounds();
    int warmupRounds = d.warmupRounds();
    int sequential = d.sequentialOps();
    int concurrent = d.concurrentOps();
    int concurrency = d.concurrency();
    int burst = d.burst();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--warmup-rounds" -> warmupRounds = Integer.parseInt(value);
        case "--sequential" -> sequential = Integer.parseInt(value);
        case "--concurrent" -> concurrent = Integer.parseInt(value);
        case "--concurrency" -> concurrency = Integer.parseInt(value);
        case "--burst" -> burst = Integer.parseInt(value);
        case "--clients" -> clients = Arrays.stream(value.split(",")).map(ClientKind::of).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --warmup-rounds N --rounds N --sequential N --concurrent N --concurrency N --burst N"
            + " --clients a,b");
      }
      i++;
    }
    return new Options(Objects.requireNonNull(clients), warmupRounds, rounds, sequential, concurrent, concurrency,
        burst);
  }
}
