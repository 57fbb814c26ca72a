package io.github.dbexec.benchmarks;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;

/**
 * The fake server every client is measured against: a {@link FakeJobsServer} on the system clock, one token, runs
 * that finish 1 ms after they start (so the server's set of active runs stays small however fast runs are
 * started) and one job allowing 1,000 concurrent runs, so nothing queues or is skipped. {@link #reset()} between
 * measurements keeps the server's memory and per-request cost from growing with the runs already created.
 */
public final class BenchServer implements AutoCloseable {
  /** The Bearer token the server accepts. */
  public static final String TOKEN = "dapi-bench";

  private final FakeJobsServer server;
  private volatile long jobId;

  private BenchServer(FakeJobsServer server) {
    this.server = server;
    this.jobId = createJob();
  }

  /** Starts a server on a free port of 127.0.0.1, with the benchmark job created. */
  public static BenchServer start() {
    return start(1_000);
  }

  /**
   * Starts a server on a free port of 127.0.0.1 whose request journal keeps {@code journalCapacity} requests. (The
   * fake server sets TCP_NODELAY on its sockets itself, so MockWebServer's ~40 ms Nagle stall does not occur.)
   */
  public static BenchServer start(int journalCapacity) {
    return new BenchServer(FakeJobsServer.builder().token(TOKEN).runDuration(Duration.ofMillis(1))
        .journalCapacity(journalCapacity).start());
  }

  private long createJob() {
    return server.createJob(JobSpec.builder().name("bench").maxConcurrentRuns(1000).notebookTask("/bench").build());
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return server.url();
  }

  /** The benchmark job's {@code job_id}. */
  public long jobId() {
    return jobId;
  }

  /** The underlying fake server. */
  public FakeJobsServer server() {
    return server;
  }

  /** Forgets every run and recreates the job (same id); call only while no request is in flight. */
  public void reset() {
    server.reset();
    jobId = createJob();
  }

  /** A new client of {@code kind} for this server's job. */
  public RunNowClient open(ClientKind kind) {
    return kind.open(url(), TOKEN, jobId);
  }

  @Override
  public void close() {
    server.close();
  }
}
