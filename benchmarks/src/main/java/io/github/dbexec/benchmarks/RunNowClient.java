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

  /** Releases connections and threads. */
  @Override
  void close();
}
