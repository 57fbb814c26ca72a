package io.github.dbexec.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: run-now submissions per second, one at a time ({@link #sequential()}) and with 64 in flight
 * ({@link #concurrent64()}), for each {@link ClientKind}. Each fork starts its own {@link BenchServer} in the same JVM
 * (in-process, as the fake server is meant to run) and resets it before every iteration; every submission has a
 * fresh idempotency key, so every one creates a run. Run it with
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) org.openjdk.jmh.Main RunNowBenchmark
 * </pre>
 *
 * Note that JMH's {@code -prof gc} counts the in-process server's allocations too; {@link LoadDriver} reports the
 * client's alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RunNowBenchmark {
  @Param({"okhttp", "dbexec-off", "dbexec-default", "sdk"})
  public String client = "okhttp";

  private BenchServer server;
  private RunNowClient runNow;
  private final AtomicLong sequence = new AtomicLong();
  private String prefix = "";

  @Setup(Level.Trial)
  public void start() {
    server = BenchServer.start();
    runNow = server.open(ClientKind.of(client));
    prefix = "jmh-" + ProcessHandle.current().pid() + "-";
  }

  @Setup(Level.Iteration)
  public void resetServer() {
    server.reset();
  }

  @TearDown(Level.Trial)
  public void stop() {
    runNow.close();
    server.close();
  }

  /** One submission at a time. */
  @Benchmark
  @Threads(1)
  public long sequential() {
    return runNow.runNow(nextKey());
  }

  /** 64 threads submitting at once. */
  @Benchmark
  @Threads(64)
  public long concurrent64() {
    return runNow.runNow(nextKey());
  }

  private String nextKey() {
    String number = Long.toString(sequence.incrementAndGet());
    StringBuilder sb = new StringBuilder(64).append(prefix);
    for (int pad = 64 - prefix.length() - number.length(); pad > 0; pad--) {
      sb.append('0');
    }
    return sb.append(number).toString();
  }
}
