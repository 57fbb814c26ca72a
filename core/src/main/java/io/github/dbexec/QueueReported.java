package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The executor has learnt what Databricks did with a new run (see {@link QueueReport}), as told to
 * {@link ExecutorListener#queueReported} when the report is known — after {@code runNow()} returned, unless queue
 * reporting is off. Immutable.
 *
 * @param runId the new run's {@code run_id}
 * @param jobId the job's {@code job_id}; null for a one-time run
 * @param report the report the {@link Submission} carries
 * @param duration from the run-now answer to this report, on the monotonic clock: the wait for the batch the report
 *     shared with other submissions to the job, and its look-ups ({@code runs/list}, {@code runs/get},
 *     {@code jobs/get}; those made for this run alone are also told as its HTTP attempts); zero when
 *     {@link QueueReporting#OFF}
 */
public record QueueReported(long runId, @Nullable Long jobId, QueueReport report, Duration duration) {

  /**
   * Validates the components.
   * @param runId the new run's {@code run_id}
   * @param jobId the job's {@code job_id}; null for a one-time run
   * @param report the report the {@link Submission} carries
   * @param duration from the run-now answer to this report, on the monotonic clock: the wait for the batch the report
   *     shared with other submissions to the job, and its look-ups ({@code runs/list}, {@code runs/get},
   *     {@code jobs/get}; those made for this run alone are also told as its HTTP attempts); zero when
   *     {@link QueueReporting#OFF}
   */
  public QueueReported {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(duration, "duration");
  }

  /** {@return the report's outcome} */
  public QueueOutcome outcome() {
    return report.outcome();
  }
}
