package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run that was waited for ended: its {@link RunOutcome}, why, and the final {@link Run} snapshot. A failed run
 * is a result, not an exception — unless the caller asks for one with {@link #orThrow()} or
 * {@link WaitOptions.Builder#throwOnFailure(boolean)}. Immutable and thread-safe.
 *
 * @param run the final snapshot of the run: states, termination details, timings
 */
public record RunResult(Run run) {
  /** Checks that the run is present. */
  public RunResult {
    Objects.requireNonNull(run, "run");
  }

  /** SUCCESS, FAILED, TIMEDOUT, CANCELED, SKIPPED or UNKNOWN, from the run's life-cycle and result states. */
  public RunOutcome outcome() {
    return RunOutcome.of(run);
  }

  /** True when the outcome is SUCCESS. */
  public boolean isSuccess() {
    return outcome() == RunOutcome.SUCCESS;
  }

  /** {@code run_id}. */
  public long runId() {
    return run.runId();
  }

  /**
   * Why the run ended this way: {@code state.state_message} (e.g. the error), else
   * {@code status.termination_details.message}, else its code; null when the server said nothing.
   */
  public @Nullable String reason() {
    if (run.stateMessage() != null) {
      return run.stateMessage();
    }
    return run.terminationMessage() != null ? run.terminationMessage() : run.terminationCode();
  }

  /**
   * This result when it is a success.
   *
   * @throws RunFailedException when the outcome is anything but SUCCESS
   */
  public RunResult orThrow() {
    if (!isSuccess()) {
      throw RunFailedException.of(this);
    }
    return this;
  }

  @Override
  public String toString() {
    String reason = reason();
    return "RunResult{runId=" + run.runId() + ", outcome=" + outcome() + (reason == null ? "" : ", reason=" + reason)
        + '}';
  }
}
