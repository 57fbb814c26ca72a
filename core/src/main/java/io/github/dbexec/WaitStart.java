package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The executor begins waiting for a run to end, as told to {@link ExecutorListener#waitStart}. Immutable.
 *
 * @param runId the run's {@code run_id}
 * @param jobId the run's {@code job_id} when known (a wait on a {@link Submission}); null otherwise
 * @param timeout the caller's {@link WaitOptions#timeout()}
 * @param async whether the wait is asynchronous ({@code awaitTerminationAsync}): its polls then run on HTTP and
 *     scheduler threads
 */
public record WaitStart(long runId, @Nullable Long jobId, Duration timeout, boolean async) {

  /**
   * Validates the components.
   * @param runId the run's {@code run_id}
   * @param jobId the run's {@code job_id} when known (a wait on a {@link Submission}); null otherwise
   * @param timeout the caller's {@link WaitOptions#timeout()}
   * @param async whether the wait is asynchronous ({@code awaitTerminationAsync}): its polls then run on HTTP and
   *     scheduler threads
   */
  public WaitStart {
    Objects.requireNonNull(timeout, "timeout");
  }
}
