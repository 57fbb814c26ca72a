package io.github.dbexec;

/**
 * How a submission (a run-now or a one-time run) ended, as told to {@link ExecutorListener#submissionEnd}: the
 * {@link QueueOutcome} of the run it started, or {@link #FAILED} when it started none.
 */
public enum SubmissionOutcome {
  /** A run was started and is active, not queued; see {@link QueueOutcome#STARTED}. */
  STARTED,
  /** A run was started and waits in the job's queue; see {@link QueueOutcome#QUEUED}. */
  QUEUED,
  /** A run was created already skipped and will never run; see {@link QueueOutcome#SKIPPED}. */
  SKIPPED,
  /** A run was started; what Databricks did with it was not looked up or could not be told. */
  UNKNOWN,
  /** No run was started, or none is known to have been: the submission threw. */
  FAILED;

  /**
   * The outcome of a submission that started a run whose queue report says {@code queueOutcome}.
   * @param queueOutcome the queue report's outcome
   * @return the matching submission outcome
   */
  public static SubmissionOutcome of(QueueOutcome queueOutcome) {
    switch (queueOutcome) {
      case STARTED:
        return STARTED;
      case QUEUED:
        return QUEUED;
      case SKIPPED:
        return SKIPPED;
      default:
        return UNKNOWN;
    }
  }
}
