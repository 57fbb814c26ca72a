package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A wait for a run has ended, as told to {@link ExecutorListener#waitEnd}. Immutable.
 *
 * @param runId the run's {@code run_id}
 * @param outcome how the wait ended
 * @param resultState the run's result state when it terminated with one; null otherwise
 * @param polls how many polls were made, failed ones included
 * @param duration from {@link ExecutorListener#waitStart} to this callback, on the monotonic clock
 * @param failure what the wait threw or completed its future with; null when it returned a {@link RunResult}
 */
public record WaitEnd(long runId, WaitOutcome outcome, @Nullable RunResultState resultState, int polls,
    Duration duration, @Nullable Throwable failure) {

  /**
   * Validates the components.
   * @param runId the run's {@code run_id}
   * @param outcome how the wait ended
   * @param resultState the run's result state when it terminated with one; null otherwise
   * @param polls how many polls were made, failed ones included
   * @param duration from {@link ExecutorListener#waitStart} to this callback, on the monotonic clock
   * @param failure what the wait threw or completed its future with; null when it returned a {@link RunResult}
   */
  public WaitEnd {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    if (polls < 0) {
      throw new IllegalArgumentException("polls must be >= 0, was " + polls);
    }
    if (outcome != WaitOutcome.TERMINATED && failure == null) {
      throw new IllegalArgumentException("failure is required when outcome is " + outcome);
    }
  }

  /** {@return the simple class name of {@link #failure()}, or {@code "none"}: a bounded value fit for a metric tag} */
  public String exceptionType() {
    return failure == null ? "none" : failure.getClass().getSimpleName();
  }
}
