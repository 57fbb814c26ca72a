package io.github.dbexec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A wait for a run ended at the caller's timeout before the run reached a terminal state. The run goes on in the
 * workspace unless {@link #canceled()} says dbexec canceled it ({@link WaitOptions.Builder#cancelOnTimeout}). When
 * no poll could read the run ({@link #lastSeen()} null), the message says so and the cause is the last poll's failure
 * (a timeout, a connection failure, a 5xx), so a dead or silent workspace is told apart from a slow run.
 */
public final class AwaitTimeoutException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  /** The {@code run_id} waited on. */
  private final long runId;
  private final transient @Nullable Run lastSeen;
  /** Whether dbexec sent {@code runs/cancel} for the run. */
  private final boolean canceled;

  private AwaitTimeoutException(long runId, Duration timeout, @Nullable Run lastSeen, boolean canceled,
      @Nullable Throwable lastFailure) {
    super("Run " + runId + " did not terminate within " + timeout
        + (lastSeen != null ? "; last seen " + lastSeen.lifeCycleState()
            : lastFailure != null ? ": the run's state was never read: " + lastFailure.getMessage()
            : ": the run's state was never read")
        + (canceled ? "; dbexec asked the workspace to cancel it"
            : lastSeen != null ? "; it keeps running in the workspace"
            : "; it may still be running in the workspace"), lastFailure);
    this.runId = runId;
    this.lastSeen = lastSeen;
    this.canceled = canceled;
  }

  /**
   * The exception for a wait on {@code runId} that reached {@code timeout}.
   *
   * @param lastSeen the last snapshot read, or null when no poll succeeded
   * @param canceled whether dbexec sent {@code runs/cancel} for the run
   * @param runId the {@code run_id} waited on
   * @param timeout the wait's timeout, as given in the {@link WaitOptions}
   * @return the exception, with a message naming the run, the timeout and the last state seen
   */
  public static AwaitTimeoutException of(long runId, Duration timeout, @Nullable Run lastSeen, boolean canceled) {
    return new AwaitTimeoutException(runId, timeout, lastSeen, canceled, null);
  }

  /**
   * Like {@link #of(long, Duration, Run, boolean)}, with the last failed poll as the cause: when no poll succeeded
   * ({@code lastSeen} null) the message says the run's state was never read and gives that failure's message.
   *
   * @param lastFailure the last poll's failure, or null when the last poll succeeded
   * @param runId the {@code run_id} waited on
   * @param timeout the wait's timeout, as given in the {@link WaitOptions}
   * @param lastSeen the last snapshot read, or null when no poll succeeded
   * @param canceled whether dbexec sent {@code runs/cancel} for the run
   * @return the exception, with a message naming the run, the timeout and the last state seen
   */
  public static AwaitTimeoutException of(long runId, Duration timeout, @Nullable Run lastSeen, boolean canceled,
      @Nullable Throwable lastFailure) {
    return new AwaitTimeoutException(runId, timeout, lastSeen, canceled, lastFailure);
  }

  /** {@return {@code run_id} of the run waited for} */
  public long runId() {
    return runId;
  }

  /** {@return the last snapshot read before the timeout; null when no read succeeded} */
  public @Nullable Run lastSeen() {
    return lastSeen;
  }

  /** {@return true when dbexec sent {@code runs/cancel} for the run at the timeout} */
  public boolean canceled() {
    return canceled;
  }

  /** Waiting again may see the run finish. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
