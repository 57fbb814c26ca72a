package io.github.dbexec;

/**
 * Told, while waiting for a run, each time the run's life-cycle state is seen to change (and once for the first
 * state seen). Called on the polling thread — the waiting thread, or an HTTP thread for asynchronous waits; must be
 * quick and must not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface RunProgressListener {
  /**
   * The run as just read; {@code run.lifeCycleState()} differs from the previous call's.
   * @param run the run as just read from {@code runs/get}
   */
  void onProgress(Run run);
}
