package io.github.dbexec.benchmarks;

/**
 * One way of starting a run of a saved job ({@code POST /api/2.2/jobs/run-now}) with a given idempotency key; the
 * thing every benchmark measures. Implementations are thread-safe and meant to be shared by all threads.
 */
public interface RunNowClient extends AutoCloseable {
  /**
   * Starts a run of the job and returns its {@code run_id}.
   *
   * @param key a unique key per submission: sent as the {@code idempotency_token} by raw OkHttp and the SDK, and as
   *     the idempotency key (from which the token is derived) by dbexec
   */
  long runNow(String key);

  /**
   * Starts a run like {@link #runNow} and returns a handle whose {@link Started#queueOutcome()} reads what the client
   * reports about the run's queueing (dbexec: {@code Submission.queueReport()}, which may wait for a look-up made
   * after the submission returned); clients without a queue report answer {@code "none"}.
   */
  default Started start(String key) {
    runNow(key);
    return () -> "none";
  }

  /** A started run whose queue report can be read later. */
  interface Started {
    /** The queue outcome the client reports ({@code STARTED}, {@code QUEUED}, {@code SKIPPED}, {@code UNKNOWN}). */
    String queueOutcome();
  }

  /** Releases connections and threads. */
  @Override
  void close();
}
