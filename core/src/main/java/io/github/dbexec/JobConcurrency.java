package io.github.dbexec;

import java.util.List;
import java.util.Objects;

/**
 * A job's concurrency picture right now, without submitting anything: its {@code max_concurrent_runs} and queue
 * setting ({@code jobs/get}) and its active runs ({@code runs/list?active_only=true}, all pages). Immutable.
 *
 * @param jobId {@code job_id}
 * @param maxConcurrentRuns {@code settings.max_concurrent_runs} (1 when the job does not say; 0 skips every run)
 * @param queueEnabled {@code settings.queue.enabled} (false when absent)
 * @param activeRuns the job's runs in QUEUED, PENDING, RUNNING or TERMINATING, newest first as listed
 */
public record JobConcurrency(long jobId, int maxConcurrentRuns, boolean queueEnabled, List<Run> activeRuns) {
  /**
   * Validates and copies.
   * @param jobId {@code job_id}
   * @param maxConcurrentRuns {@code settings.max_concurrent_runs} (1 when the job does not say; 0 skips every run)
   * @param queueEnabled {@code settings.queue.enabled} (false when absent)
   * @param activeRuns the job's runs in QUEUED, PENDING, RUNNING or TERMINATING, newest first as listed
   */
  public JobConcurrency {
    activeRuns = List.copyOf(Objects.requireNonNull(activeRuns, "activeRuns"));
  }

  /** {@return how many active runs are waiting in the queue} */
  public long queuedRuns() {
    return activeRuns.stream().filter(r -> r.lifeCycleState() == RunLifeCycleState.QUEUED).count();
  }

  /** {@return how many active runs hold a concurrency slot (active and not queued)} */
  public long runningRuns() {
    return activeRuns.size() - queuedRuns();
  }

  /**
   * What a run-now would most likely meet now: STARTED when a slot is free, else QUEUED or SKIPPED by the queue
   * setting. A prediction — another client may submit first.
   * @return STARTED, QUEUED or SKIPPED
   */
  public QueueOutcome nextRunOutcome() {
    if (runningRuns() < maxConcurrentRuns) {
      return QueueOutcome.STARTED;
    }
    return queueEnabled ? QueueOutcome.QUEUED : QueueOutcome.SKIPPED;
  }

  @Override
  public String toString() {
    return "JobConcurrency{jobId=" + jobId + ", maxConcurrentRuns=" + maxConcurrentRuns + ", queueEnabled="
        + queueEnabled + ", running=" + runningRuns() + ", queued=" + queuedRuns() + '}';
  }

}
