package io.github.dbexec;

import java.util.Objects;
import java.util.Set;

/**
 * What the preflight check ({@link RunNowRequest.Builder#validate()}) learned about a job from {@code jobs/get}. Immutable.
 *
 * @param jobId {@code job_id}
 * @param name {@code settings.name}, empty when the job has none
 * @param maxConcurrentRuns {@code settings.max_concurrent_runs} (1 when absent)
 * @param queueEnabled {@code settings.queue.enabled} (false when absent)
 * @param taskTypes the kinds of the job's tasks that dbexec recognises
 */
public record JobInfo(long jobId, String name, int maxConcurrentRuns, boolean queueEnabled, Set<TaskType> taskTypes) {
  /**
   * Validates and copies.
   * @param jobId {@code job_id}
   * @param name {@code settings.name}, empty when the job has none
   * @param maxConcurrentRuns {@code settings.max_concurrent_runs} (1 when absent)
   * @param queueEnabled {@code settings.queue.enabled} (false when absent)
   * @param taskTypes the kinds of the job's tasks that dbexec recognises
   */
  public JobInfo {
    Objects.requireNonNull(name, "name");
    taskTypes = Set.copyOf(Objects.requireNonNull(taskTypes, "taskTypes"));
  }
}
