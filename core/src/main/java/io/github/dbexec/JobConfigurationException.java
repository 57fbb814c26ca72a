package io.github.dbexec;

/**
 * The job exists and the credentials work, but the job is not what the caller expects — for example, it has no
 * notebook task when notebook parameters are to be sent. Thrown by the preflight check
 * ({@link RunNowRequest.Builder#validate(TaskType)}). Never retryable: fix the job or the configuration.
 */
public final class JobConfigurationException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  private final long jobId;

  private JobConfigurationException(long jobId, String message) {
    super(message, null);
    this.jobId = jobId;
  }

  /** The exception for job {@code jobId}, with a message saying what is wrong and what to check. */
  public static JobConfigurationException of(long jobId, String message) {
    return new JobConfigurationException(jobId, message);
  }

  /** {@code job_id} of the job checked. */
  public long jobId() {
    return jobId;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
