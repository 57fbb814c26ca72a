package io.github.dbexec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A wait for a run ended at the caller's timeout before the run reached a terminal state. The run goes on in the
 * workspace unless {@link #canceled()} says dbexec canceled it ({@link WaitOptions.Builder#cancelOnTimeout}).
 */
public final class AwaitTimeoutException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  private final long runId;
  private final transient @Nullable Run lastSeen;
  private final boolean canceled;

  private AwaitTimeoutException(long runId, Duration timeout, @Nullable Run lastSeen, boolean canceled) {
    super("Run " + runId + " did not terminate within " + timeout
        + (lastSeen == null ? " (its state could not be read)" : "; last seen " + lastSeen.lifeCycleState())
        + (canceled ? "; dbexec asked the workspace to cancel it" : "; it keeps running in the workspace"), null);
    this.runId = runId;
    this.lastSeen = lastSeen;
    this.canceled = canceled;
  }

  /**
   * The exception for a wait on {@code runId} that reached {@code timeout}.
   *
   * @param lastSeen the last snapshot read, or null when no poll succeeded
   * @param canceled whether dbexec sent {@code runs/cancel} for the run
   */
  public static AwaitTimeoutException of(long runId, Duration timeout, @Nullable Run lastSeen, boolean canceled) {
    return new AwaitTimeoutException(runId, timeout, lastSeen, canceled);
  }

  /** {@code run_id} of the run waited for. */
  public long runId() {
    return runId;
  }

  /** The last snapshot read before the timeout; null when no read succeeded. */
  public @Nullable Run lastSeen() {
    return lastSeen;
  }

  /** True when dbexec sent {@code runs/cancel} for the run at the timeout. */
  public boolean canceled() {
    return canceled;
  }

  /** Waiting again may see the run finish. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
