package io.github.dbexec;

/**
 * Told each time the executor is about to retry a request. Called on the thread that made the request, before it
 * waits; must be quick and must not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface RetryListener {
  /**
   * A retry of {@code attempt.endpoint()} will start after {@code attempt.delay()}.
   * @param attempt the endpoint, the failed attempt's number, the delay before the retry and the cause
   */
  void onRetry(RetryAttempt attempt);

  /** {@return a listener that does nothing} */
  static RetryListener none() {
    return attempt -> {};
  }
}
