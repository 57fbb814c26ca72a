package io.github.dbexec;

/** How a wait for a run ended, as told to {@link ExecutorListener#waitEnd}. */
public enum WaitOutcome {
  /**
   * The run reached a terminal state; its result state is in {@link WaitEnd#resultState()}. Also when the wait then
   * threw {@link RunFailedException} because the options asked for it.
   */
  TERMINATED,
  /** The caller's timeout passed first: the wait threw {@link AwaitTimeoutException}. */
  TIMED_OUT,
  /** A non-transient error ended the wait (the run was deleted, credentials were refused, the thread interrupted). */
  FAILED,
  /** The caller cancelled the asynchronous wait's future. */
  CANCELLED
}
