package io.github.dbexec;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The use case of StreamSets Data Collector's Databricks executor as one object: for each incoming event of the host application (any type), start a run
 * of one job with parameters and an idempotency key taken from the event. Obtained from
 * {@link DatabricksExecutor#trigger(long, RunNowMapping)}; immutable and thread-safe, so one trigger serves every
 * thread.
 *
 * <pre>{@code
 * JobTrigger<FileClosed> onFileClosed = executor.trigger(11223344L, (FileClosed e, RunNowRequest.Builder run) -> run
 *     .notebookParams(Map.of("file", e.path()))
 *     .idempotencyKey("file-closed:" + e.path()));
 *
 * Submission s = onFileClosed.fire(event);     // one run per event, re-deliveries included
 * }</pre>
 *
 * @param <E> the host application's event type
 */
public final class JobTrigger<E> {
  private final DatabricksExecutor executor;
  private final long jobId;
  private final RunNowMapping<? super E> mapping;

  JobTrigger(DatabricksExecutor executor, long jobId, RunNowMapping<? super E> mapping) {
    this.executor = executor;
    this.jobId = jobId;
    this.mapping = mapping;
  }

  /** {@return the job's {@code job_id}} */
  public long jobId() {
    return jobId;
  }

  /**
   * Maps {@code event} onto a run-now of the job and starts it, emitting the {@code AppSubmittedEvent} record.
   *
   * @param event the host application's event, mapped onto a run-now by the trigger's {@link RunNowMapping}
   * @return the submission: run id, token and its queue report
   * @throws InvalidRequestException when the mapping produces a request the Jobs API would refuse
   * @throws DatabricksException as {@link DatabricksExecutor#runNow(RunNowRequest)} does
   */
  public Submission fire(E event) {
    return request(event).runNow();
  }

  /**
   * Like {@link #fire} without blocking; mapping and validation happen at once and throw at once.
   * @param event the host application's event, mapped onto a run-now by the trigger's {@link RunNowMapping}
   * @return a future completed with the submission, or exceptionally as {@link #fire} throws
   */
  public CompletableFuture<Submission> fireAsync(E event) {
    return request(event).runNowAsync();
  }

  private RunNowRequest.Builder request(E event) {
    Objects.requireNonNull(event, "event");
    RunNowRequest.Builder request = executor.job(jobId);
    mapping.apply(event, request);
    return request;
  }

  @Override
  public String toString() {
    return "JobTrigger{jobId=" + jobId + '}';
  }
}
