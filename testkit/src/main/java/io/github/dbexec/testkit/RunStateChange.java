package io.github.dbexec.testkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One life-cycle state change of a run, reported to a {@link RunListener}.
 *
 * @param runId the {@code run_id}
 * @param jobId the {@code job_id} (for a one-time run, the id of its anonymous job)
 * @param previousLifeCycleState the state before; null when the run was just created
 * @param lifeCycleState the new {@code life_cycle_state}
 * @param resultState the {@code result_state} once the run is terminal; null before
 * @param atMillis when the change happened, epoch ms on the server's {@link FakeClock} (not when it was
 *     reported)
 */
public record RunStateChange(long runId, long jobId, @Nullable LifeCycleState previousLifeCycleState,
    LifeCycleState lifeCycleState, @Nullable ResultState resultState, long atMillis) {

  /**
   * Checks the components.
   *
   * @param runId the {@code run_id}
   * @param jobId the {@code job_id} (for a one-time run, the id of its anonymous job)
   * @param previousLifeCycleState the state before; null when the run was just created
   * @param lifeCycleState the new {@code life_cycle_state}
   * @param resultState the {@code result_state} once the run is terminal; null before
   * @param atMillis when the change happened, epoch ms on the server's {@link FakeClock} (not when it was
   *     reported)
   * @throws NullPointerException when {@code lifeCycleState} is null
   */
  public RunStateChange {
    Objects.requireNonNull(lifeCycleState, "lifeCycleState");
  }

  @Override
  public String toString() {
    return "RunStateChange{runId=" + runId + ", " + previousLifeCycleState + " -> " + lifeCycleState
        + (resultState == null ? "" : "/" + resultState) + " at " + atMillis + "}";
  }
}
