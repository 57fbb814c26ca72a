package io.github.dbexec.testkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One life-cycle state change of a run, reported to a {@link RunListener}. Immutable. */
public final class RunStateChange {
  private final long runId;
  private final long jobId;
  private final @Nullable String previousLifeCycleState;
  private final String lifeCycleState;
  private final @Nullable String resultState;
  private final long atMillis;

  RunStateChange(long runId, long jobId, @Nullable String previousLifeCycleState, String lifeCycleState,
      @Nullable String resultState, long atMillis) {
    this.runId = runId;
    this.jobId = jobId;
    this.previousLifeCycleState = previousLifeCycleState;
    this.lifeCycleState = lifeCycleState;
    this.resultState = resultState;
    this.atMillis = atMillis;
  }

  /** {@code run_id}. */
  public long runId() {
    return runId;
  }

  /** {@code job_id}; 0 for a one-time run. */
  public long jobId() {
    return jobId;
  }

  /** The state before; null when the run was just created. */
  public @Nullable String previousLifeCycleState() {
    return previousLifeCycleState;
  }

  /** The new {@code life_cycle_state}. */
  public String lifeCycleState() {
    return lifeCycleState;
  }

  /** The {@code result_state} once the run is terminal; null before. */
  public @Nullable String resultState() {
    return resultState;
  }

  /** When the change happened, epoch ms on the server's {@link FakeClock} (not when it was reported). */
  public long atMillis() {
    return atMillis;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RunStateChange)) {
      return false;
    }
    RunStateChange other = (RunStateChange) o;
    return runId == other.runId && jobId == other.jobId && atMillis == other.atMillis
        && Objects.equals(previousLifeCycleState, other.previousLifeCycleState)
        && lifeCycleState.equals(other.lifeCycleState) && Objects.equals(resultState, other.resultState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, jobId, previousLifeCycleState, lifeCycleState, resultState, atMillis);
  }

  @Override
  public String toString() {
    return "RunStateChange{runId=" + runId + ", " + previousLifeCycleState + " -> " + lifeCycleState
        + (resultState == null ? "" : "/" + resultState) + " at " + atMillis + "}";
  }
}
