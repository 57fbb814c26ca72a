package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The output of one task run ({@code runs/get-output}): the notebook's exit value, the logs of other task kinds, or
 * the error of a failed task. The Jobs API caps output at 5 MB and keeps it 60 days. Immutable and thread-safe.
 *
 * @param run {@code metadata}: the task run
 * @param notebookResult {@code notebook_output.result}: the value the notebook passed to
 *     {@code dbutils.notebook.exit()}; null when there is none
 * @param notebookResultTruncated {@code notebook_output.truncated}
 * @param logs {@code logs}: stdout of JAR, Python and other non-notebook tasks; null when there are none
 * @param logsTruncated {@code logs_truncated}
 * @param error {@code error}: why the task failed; null when it did not
 * @param errorTrace {@code error_trace}: the stack trace of the failure; null when the task gave none
 */
public record RunOutput(
    Run run,
    @Nullable String notebookResult,
    boolean notebookResultTruncated,
    @Nullable String logs,
    boolean logsTruncated,
    @Nullable String error,
    @Nullable String errorTrace) {
  /**
   * Checks that the run is present.
   * @param run {@code metadata}: the task run
   * @param notebookResult {@code notebook_output.result}: the value the notebook passed to
   *     {@code dbutils.notebook.exit()}; null when there is none
   * @param notebookResultTruncated {@code notebook_output.truncated}
   * @param logs {@code logs}: stdout of JAR, Python and other non-notebook tasks; null when there are none
   * @param logsTruncated {@code logs_truncated}
   * @param error {@code error}: why the task failed; null when it did not
   * @param errorTrace {@code error_trace}: the stack trace of the failure; null when the task gave none
   */
  public RunOutput {
    Objects.requireNonNull(run, "run");
  }

  @Override
  public String toString() {
    return "RunOutput{runId=" + run.runId() + (error == null ? "" : ", error=" + error)
        + (notebookResult == null ? "" : ", notebookResult=" + notebookResult) + '}';
  }
}
