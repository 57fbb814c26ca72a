package io.github.dbexec.internal;

import io.github.dbexec.JobConcurrency;
import io.github.dbexec.JobConfigurationException;
import io.github.dbexec.JobInfo;
import io.github.dbexec.Run;
import io.github.dbexec.RunOutput;
import io.github.dbexec.TaskType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * The executor's reads and cancels of existing jobs and runs ({@code jobs/get}, {@code runs/get},
 * {@code runs/get-output}, {@code runs/cancel}, {@code runs/cancel-all}, and the job's concurrency picture), each
 * retried per the retry policy and mapped to public values. Thread-safe.
 */
public final class Lookups {
  private final JobsService service;
  private final ApiCaller caller;
  private final RunsPager pager;

  public Lookups(JobsService service, ApiCaller caller, RunsPager pager) {
    this.service = service;
    this.caller = caller;
    this.pager = pager;
  }

  /** {@code runs/get}, every page of the run's tasks (API 2.2 pages them by 100). */
  public Run run(long runId) {
    Call<Wire.Run> call = service.getRun(runId);
    Wire.Run first = caller.withRetries(call);
    return WireMapper.run(ArrayPages.completeRun(service, runId, first, caller::withRetries),
        Endpoints.label(call.request()));
  }

  /** {@code runs/get-output}. */
  public RunOutput runOutput(long runId) {
    Call<Wire.RunOutput> call = service.getRunOutput(runId);
    return WireMapper.runOutput(caller.withRetries(call), Endpoints.label(call.request()));
  }

  /** {@code runs/cancel}. */
  public void cancel(long runId) {
    caller.withRetries(service.cancelRun(new Wire.RunIdBody(runId)));
  }

  /** {@code runs/cancel-all}. */
  public void cancelAll(long jobId, boolean includeQueued) {
    caller.withRetries(service.cancelAllRuns(new Wire.CancelAllBody(jobId, includeQueued)));
  }

  /**
   * {@code jobs/get} (every page of the job's tasks), and the check that the job has a task of the {@code expected}
   * type when one is given.
   */
  public JobInfo validate(long jobId, @Nullable TaskType expected) {
    Wire.Job job = ArrayPages.completeJob(service, jobId, caller.withRetries(service.getJob(jobId)),
        caller::withRetries);
    JobInfo info = WireMapper.jobInfo(jobId, job);
    if (expected != null && !info.taskTypes().contains(expected)) {
      throw JobConfigurationException.of(jobId, "Job " + jobId + " ('" + info.name() + "') has no "
          + expected.field() + " (its tasks: " + (info.taskTypes().isEmpty() ? "none dbexec recognises"
          : info.taskTypes()) + "); check the job id or the parameters you send");
    }
    return info;
  }

  /** {@code jobs/get} and every page of the job's active runs. */
  public JobConcurrency concurrency(long jobId) {
    JobInfo info = validate(jobId, null);
    List<Run> active;
    try (Stream<Run> runs = pager.runs(jobId, true)) {
      active = runs.collect(Collectors.toList());
    }
    return new JobConcurrency(jobId, info.maxConcurrentRuns(), info.queueEnabled(), active);
  }
}
