package io.github.dbexec;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a run that was waited for ended: its {@link RunOutcome}, why, and the final {@link Run} snapshot. A failed run
 * is a result, not an exception — unless the caller asks for one with {@link #orThrow()} or
 * {@link WaitOptions.Builder#throwOnFailure(boolean)}. Immutable and thread-safe.
 */
public final class RunResult {
  private final Run run;
  private final RunOutcome outcome;

  RunResult(Run run) {
    this.run = Objects.requireNonNull(run, "run");
    this.outcome = RunOutcome.of(run);
  }

  /** SUCCESS, FAILED, TIMEDOUT, CANCELED, SKIPPED or UNKNOWN. */
  public RunOutcome outcome() {
    return outcome;
  }

  /** True when the outcome is SUCCESS. */
  public boolean isSuccess() {
    return outcome == RunOutcome.SUCCESS;
  }

  /** The final snapshot of the run: states, termination details, timings. */
  public Run run() {
    return run;
  }

  /** {@code run_id}. */
  public long runId() {
    return run.runId();
  }

  /**
   * Why the run ended this way: {@code state.state_message} (e.g. the error), else
   * {@code status.termination_details.message}, else its code; absent when the server said nothing.
   */
  public Optional<String> reason() {
    return run.stateMessage().or(run::terminationMessage).or(run::terminationCode);
  }

  /**
   * This result when it is a success.
   *
   * @throws RunFailedException when the outcome is anything but SUCCESS
   */
  public RunResult orThrow() {
    if (!isSuccess()) {
      throw new RunFailedException(this);
    }
    return this;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RunResult && ((RunResult) o).run.equals(run);
  }

  @Override
  public int hashCode() {
    return run.hashCode();
  }

  @Override
  public String toString() {
    return "RunResult{runId=" + run.runId() + ", outcome=" + outcome + reason().map(r -> ", reason=" + r).orElse("")
        + '}';
  }
}
