package io.github.dbexec;

/**
 * A run that was waited for ended without success (FAILED, TIMEDOUT, CANCELED, SKIPPED or an unknown terminal
 * state), thrown only when the caller asked for it ({@link RunResult#orThrow()},
 * {@link WaitOptions.Builder#throwOnFailure(boolean)}). The request itself succeeded: this is the run's outcome, not a
 * client error. Never retryable.
 */
public final class RunFailedException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  private final transient RunResult result;

  private RunFailedException(RunResult result) {
    super("Run " + result.runId() + " ended " + result.outcome() + kind(result.failureKind())
        + (result.reason() == null ? "" : ": " + result.reason())
        + (result.run().runPageUrl() == null ? "" : " (" + result.run().runPageUrl() + ")"), null);
    this.result = result;
  }

  private static String kind(RunFailureKind kind) {
    return kind == RunFailureKind.TASK ? " (task failure)" : kind == RunFailureKind.PLATFORM ? " (platform failure)"
        : "";
  }

  /**
   * The exception for a run that ended as {@code result} says (its outcome should not be SUCCESS).
   * @param result the run's result, with its outcome, states and failed tasks
   * @return the exception, its message naming the run, the outcome and the reason
   */
  public static RunFailedException of(RunResult result) {
    return new RunFailedException(java.util.Objects.requireNonNull(result, "result"));
  }

  /** {@return the result: outcome, reason and the final run snapshot} */
  public RunResult result() {
    return result;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
