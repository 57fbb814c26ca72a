package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One poll of a wait has been read, or has failed transiently, as told to {@link ExecutorListener#waitPoll}.
 * Immutable. (The poll's HTTP request is also told as an attempt, just before.)
 *
 * @param runId the run's {@code run_id}
 * @param poll the number of this poll, starting at 1
 * @param lifeCycleState the run's life-cycle state as read; null when the poll failed
 * @param stateChanged whether the state differs from the previous poll's (always true for the first successful poll)
 * @param failure the transient failure the wait tolerated; null when the poll was read
 */
public record WaitPoll(long runId, int poll, @Nullable RunLifeCycleState lifeCycleState, boolean stateChanged,
    @Nullable DatabricksException failure) {

  /**
   * Validates the components: exactly one of the state and the failure.
   * @param runId the run's {@code run_id}
   * @param poll the number of this poll, starting at 1
   * @param lifeCycleState the run's life-cycle state as read; null when the poll failed
   * @param stateChanged whether the state differs from the previous poll's (always true for the first successful poll)
   * @param failure the transient failure the wait tolerated; null when the poll was read
   */
  public WaitPoll {
    if (poll < 1) {
      throw new IllegalArgumentException("poll must be >= 1, was " + poll);
    }
    if ((lifeCycleState == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of lifeCycleState and failure must be given");
    }
  }

  /** {@return why the poll failed; null when it was read} */
  public @Nullable FailureCause failureCause() {
    return failure == null ? null : FailureCause.of(Objects.requireNonNull(failure));
  }
}
