package io.github.dbexec;

import java.util.List;
import java.util.Objects;

/**
 * No saved job, or more than one, has the name looked up with {@link DatabricksExecutor#findJobId(String)}
 * ({@code jobs/list?name=}, an exact, case-insensitive match). The message names the job name and the count, and
 * the matching ids when there are several. Never retryable as it is: create or rename the job, or use its id.
 */
public final class JobLookupException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  /** The name looked up. */
  private final String jobName;
  /** The ids of the jobs with that name; empty when none. */
  private final List<Long> matchingJobIds;

  private JobLookupException(String jobName, List<Long> matchingJobIds, String message) {
    super(message, null);
    this.jobName = jobName;
    this.matchingJobIds = List.copyOf(matchingJobIds);
  }

  /**
   * The exception for {@code jobName} matched by {@code matchingJobIds} (empty or more than one).
   *
   * @param jobName the name looked up
   * @param matchingJobIds the {@code job_id}s of the jobs with that name, in the order {@code jobs/list} gave them
   * @return the exception, its message naming the name and the count
   */
  public static JobLookupException of(String jobName, List<Long> matchingJobIds) {
    Objects.requireNonNull(jobName, "jobName");
    int count = matchingJobIds.size();
    String message = count == 0
        ? "No job is named '" + jobName + "' (0 jobs matched in jobs/list); check the name, or the workspace and the "
            + "credentials' permission to see the job"
        : count + " jobs are named '" + jobName + "' (job ids " + matchingJobIds + "); rename all but one, or use "
            + "the job id";
    return new JobLookupException(jobName, matchingJobIds, message);
  }

  /** {@return the name looked up} */
  public String jobName() {
    return jobName;
  }

  /** {@return the {@code job_id}s of the jobs that have the name: empty, or more than one} */
  public List<Long> matchingJobIds() {
    return matchingJobIds;
  }

  /** {@return how many jobs have the name: 0, or more than 1} */
  public int matchCount() {
    return matchingJobIds.size();
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
