package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The executor has reported what Databricks did with a new run (see {@link QueueReport}), as told to
 * {@link ExecutorListener#queueReported}. Immutable.
 *
 * @param runId the new run's {@code run_id}
 * @param jobId the job's {@code job_id}; null for a one-time run
 * @param report the report the {@link Submission} carries
 * @param duration the time spent on the report's look-ups ({@code runs/get}, {@code jobs/get}, {@code runs/list},
 *     each also told as an HTTP attempt), on the monotonic clock; zero when {@link QueueReporting#OFF}
 */
public record QueueReported(long runId, @Nullable Long jobId, QueueReport report, Duration duration) {

  /** Validates the components. */
  public QueueReported {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(duration, "duration");
  }

  /** The report's outcome. */
  public QueueOutcome outcome() {
    return report.outcome();
  }
}
