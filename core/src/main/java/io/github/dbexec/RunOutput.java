package io.github.dbexec;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The output of one task run ({@code runs/get-output}): the notebook's exit value, the logs of other task kinds, or
 * the error of a failed task. The Jobs API caps output at 5 MB and keeps it 60 days. Immutable and thread-safe.
 */
public final class RunOutput {
  private final Run run;
  private final @Nullable String notebookResult;
  private final boolean notebookResultTruncated;
  private final @Nullable String logs;
  private final boolean logsTruncated;
  private final @Nullable String error;
  private final @Nullable String errorTrace;

  RunOutput(Run run, @Nullable String notebookResult, boolean notebookResultTruncated, @Nullable String logs,
      boolean logsTruncated, @Nullable String error, @Nullable String errorTrace) {
    this.run = Objects.requireNonNull(run, "run");
    this.notebookResult = notebookResult;
    this.notebookResultTruncated = notebookResultTruncated;
    this.logs = logs;
    this.logsTruncated = logsTruncated;
    this.error = error;
    this.errorTrace = errorTrace;
  }

  /** {@code metadata}: the task run. */
  public Run run() {
    return run;
  }

  /** {@code notebook_output.result}: the value the notebook passed to {@code dbutils.notebook.exit()}. */
  public Optional<String> notebookResult() {
    return Optional.ofNullable(notebookResult);
  }

  /** {@code notebook_output.truncated}. */
  public boolean notebookResultTruncated() {
    return notebookResultTruncated;
  }

  /** {@code logs}: stdout of JAR, Python and other non-notebook tasks. */
  public Optional<String> logs() {
    return Optional.ofNullable(logs);
  }

  /** {@code logs_truncated}. */
  public boolean logsTruncated() {
    return logsTruncated;
  }

  /** {@code error}: why the task failed. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** {@code error_trace}: the stack trace of the failure, when the task gave one. */
  public Optional<String> errorTrace() {
    return Optional.ofNullable(errorTrace);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RunOutput)) {
      return false;
    }
    RunOutput r = (RunOutput) o;
    return run.equals(r.run) && Objects.equals(notebookResult, r.notebookResult) && Objects.equals(logs, r.logs)
        && Objects.equals(error, r.error) && Objects.equals(errorTrace, r.errorTrace)
        && notebookResultTruncated == r.notebookResultTruncated && logsTruncated == r.logsTruncated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(run, notebookResult, logs, error);
  }

  @Override
  public String toString() {
    return "RunOutput{runId=" + run.runId() + (error == null ? "" : ", error=" + error)
        + (notebookResult == null ? "" : ", notebookResult=" + notebookResult) + '}';
  }
}
