package io.github.dbexec;

/**
 * The job exists and the credentials work, but the job is not what the caller expects — for example, it has no
 * notebook task when notebook parameters are to be sent. Thrown by the preflight check
 * ({@link RunNowRequest.Builder#validate(TaskType)}). Never retryable: fix the job or the configuration.
 */
public final class JobConfigurationException extends DatabricksException {
  private static final long serialVersionUID = 1L;

  /** The {@code job_id} of the job at fault. */
  private final long jobId;

  private JobConfigurationException(long jobId, String message) {
    super(message, null);
    this.jobId = jobId;
  }

  /**
   * The exception for job {@code jobId}, with a message saying what is wrong and what to check.
   * @param jobId the {@code job_id} of the job at fault
   * @param message what is wrong and what to check
   * @return the exception
   */
  public static JobConfigurationException of(long jobId, String message) {
    return new JobConfigurationException(jobId, message);
  }

  /** {@return {@code job_id} of the job checked} */
  public long jobId() {
    return jobId;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
