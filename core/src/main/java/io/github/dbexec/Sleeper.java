package io.github.dbexec;

import java.time.Duration;

/**
 * How the executor waits between retries and between polls. The default sleeps on the calling thread; tests inject
 * one that advances a fake clock instead, so no test waits on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait, &ge; 0
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** {@return the real sleeper: {@link Thread#sleep(long)}} */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
