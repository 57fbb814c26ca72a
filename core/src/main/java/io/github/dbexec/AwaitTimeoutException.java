package io.github.dbexec;

import java.time.Duration;
import java.util.Optional;
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

  AwaitTimeoutException(long runId, Duration timeout, @Nullable Run lastSeen, boolean canceled) {
    super("Run " + runId + " did not terminate within " + timeout
        + (lastSeen == null ? " (its state could not be read)" : "; last seen " + lastSeen.lifeCycleState())
        + (canceled ? "; dbexec asked the workspace to cancel it" : "; it keeps running in the workspace"), null);
    this.runId = runId;
    this.lastSeen = lastSeen;
    this.canceled = canceled;
  }

  /** {@code run_id} of the run waited for. */
  public long runId() {
    return runId;
  }

  /** The last snapshot read before the timeout, if any read succeeded. */
  public Optional<Run> lastSeen() {
    return Optional.ofNullable(lastSeen);
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
