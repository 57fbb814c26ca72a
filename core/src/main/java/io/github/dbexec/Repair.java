package io.github.dbexec;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A repair the workspace accepted ({@code runs/repair}): the run repaired, the {@code repair_id}, and the way to wait
 * for the run's new end. Immutable and thread-safe; a handle, equal only to itself.
 */
public final class Repair {
  private final long runId;
  private final long repairId;
  private final boolean adopted;
  private final DatabricksExecutor executor;

  Repair(long runId, long repairId, boolean adopted, DatabricksExecutor executor) {
    this.runId = runId;
    this.repairId = repairId;
    this.adopted = adopted;
    this.executor = executor;
  }

  /** {@return the repaired job run's {@code run_id} (a repair keeps the run's id)} */
  public long runId() {
    return runId;
  }

  /** {@return {@code repair_id}: this repair's id, as the run's {@code repair_history} lists it} */
  public long repairId() {
    return repairId;
  }

  /**
   * True when no answer to the repair request arrived and the repair was found in the run's {@code repair_history}
   * instead (a repair newer than the one the request was based on): the lost answer's repair, adopted rather than
   * sent again. It may, rarely, be another client's concurrent repair of the same run.
   * @return true when the repair was found in the history rather than answered
   */
  public boolean adopted() {
    return adopted;
  }

  /**
   * Waits up to {@code timeout} for the repaired run to end; see
   * {@link DatabricksExecutor#awaitTermination(long, WaitOptions)}.
   *
   * @param timeout the longest wait, &gt; 0
   * @return the run's result after the repair: every task's latest attempt
   * @throws AwaitTimeoutException when the timeout passes first; the run keeps going
   */
  public RunResult awaitTermination(Duration timeout) {
    return executor.awaitTermination(runId, WaitOptions.of(timeout));
  }

  /**
   * Waits for the repaired run to end as {@code options} say; see {@link DatabricksExecutor#awaitTermination}.
   * @param options the timeout, polling, cancel-on-timeout and failure handling
   * @return the run's result after the repair: every task's latest attempt
   */
  public RunResult awaitTermination(WaitOptions options) {
    return executor.awaitTermination(runId, options);
  }

  /**
   * Waits without blocking; see {@link DatabricksExecutor#awaitTerminationAsync}.
   * @param options the timeout, polling, cancel-on-timeout and failure handling
   * @return a future completed with the result, or exceptionally as {@link #awaitTermination(WaitOptions)} throws
   */
  public CompletableFuture<RunResult> awaitTerminationAsync(WaitOptions options) {
    return executor.awaitTerminationAsync(runId, options);
  }

  @Override
  public String toString() {
    return "Repair{runId=" + runId + ", repairId=" + repairId + (adopted ? ", adopted" : "") + '}';
  }
}
