package io.github.dbexec.internal;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Jobs API 2.1/2.2 wire model, as Moshi reads and writes it. Fields are nullable because the server may omit
 * any of them; unknown fields are ignored by Moshi, so what the server adds later does not break reading.
 * Names follow jobs-api.md; only what dbexec uses is declared.
 */
public final class Wire {
  private Wire() {}

  /** Body of {@code POST /jobs/run-now}. Null fields are not written. */
  public static final class RunNowBody {
    @Json(name = "job_id") public long jobId;
    @Json(name = "idempotency_token") public @Nullable String idempotencyToken;
    @Json(name = "job_parameters") public @Nullable Map<String, String> jobParameters;
    @Json(name = "notebook_params") public @Nullable Map<String, String> notebookParams;
    @Json(name = "jar_params") public @Nullable List<String> jarParams;
    @Json(name = "python_params") public @Nullable List<String> pythonParams;
    @Json(name = "python_named_params") public @Nullable Map<String, String> pythonNamedParams;
    @Json(name = "spark_submit_params") public @Nullable List<String> sparkSubmitParams;
    @Json(name = "sql_params") public @Nullable Map<String, String> sqlParams;
    @Json(name = "dbt_commands") public @Nullable List<String> dbtCommands;
    @Json(name = "pipeline_params") public @Nullable PipelineParams pipelineParams;
    public @Nullable QueueSettings queue;
    @Json(name = "performance_target") public @Nullable String performanceTarget;
    public @Nullable List<String> only;
  }

  /** {@code pipeline_params}. */
  public static final class PipelineParams {
    @Json(name = "full_refresh") public @Nullable Boolean fullRefresh;
  }

  /** {@code queue} on a job, a run-now or a runs/submit. */
  public static final class QueueSettings {
    public @Nullable Boolean enabled;

    public QueueSettings() {}

    public QueueSettings(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Response of run-now and runs/submit. */
  public static final class RunNowResponse {
    @Json(name = "run_id") public @Nullable Long runId;
    @Json(name = "number_in_job") public @Nullable Long numberInJob;
  }

  /** Response of {@code GET /jobs/get}. */
  public static final class Job {
    @Json(name = "job_id") public @Nullable Long jobId;
    public @Nullable JobSettings settings;
    /** API 2.2: more array elements follow; fetch them with {@link #nextPageToken}. */
    @Json(name = "has_more") public @Nullable Boolean hasMore;
    @Json(name = "next_page_token") public @Nullable String nextPageToken;
  }

  /** {@code settings} of a job. */
  public static final class JobSettings {
    public @Nullable String name;
    @Json(name = "max_concurrent_runs") public @Nullable Integer maxConcurrentRuns;
    public @Nullable QueueSettings queue;
    public @Nullable List<Task> tasks;
  }

  /** One task of a job or of a run. */
  public static final class Task {
    @Json(name = "task_key") public @Nullable String taskKey;
    @Json(name = "run_id") public @Nullable Long runId;
    @Json(name = "notebook_task") public @Nullable Map<String, Object> notebookTask;
    @Json(name = "spark_jar_task") public @Nullable Map<String, Object> sparkJarTask;
    @Json(name = "spark_python_task") public @Nullable Map<String, Object> sparkPythonTask;
    @Json(name = "python_wheel_task") public @Nullable Map<String, Object> pythonWheelTask;
    @Json(name = "spark_submit_task") public @Nullable Map<String, Object> sparkSubmitTask;
    @Json(name = "sql_task") public @Nullable Map<String, Object> sqlTask;
    @Json(name = "dbt_task") public @Nullable Map<String, Object> dbtTask;
    @Json(name = "pipeline_task") public @Nullable Map<String, Object> pipelineTask;
    public @Nullable RunState state;
    @Json(name = "attempt_number") public @Nullable Integer attemptNumber;
    @Json(name = "start_time") public @Nullable Long startTime;
    @Json(name = "end_time") public @Nullable Long endTime;
    @Json(name = "setup_duration") public @Nullable Long setupDuration;
    @Json(name = "execution_duration") public @Nullable Long executionDuration;
    @Json(name = "cleanup_duration") public @Nullable Long cleanupDuration;
  }

  /** A run, as {@code runs/get} and {@code runs/list} return it. */
  public static final class Run {
    @Json(name = "job_id") public @Nullable Long jobId;
    @Json(name = "run_id") public @Nullable Long runId;
    @Json(name = "number_in_job") public @Nullable Long numberInJob;
    @Json(name = "run_name") public @Nullable String runName;
    @Json(name = "run_page_url") public @Nullable String runPageUrl;
    @Json(name = "run_type") public @Nullable String runType;
    public @Nullable String trigger;
    @Json(name = "start_time") public @Nullable Long startTime;
    @Json(name = "end_time") public @Nullable Long endTime;
    @Json(name = "setup_duration") public @Nullable Long setupDuration;
    @Json(name = "execution_duration") public @Nullable Long executionDuration;
    @Json(name = "cleanup_duration") public @Nullable Long cleanupDuration;
    @Json(name = "run_duration") public @Nullable Long runDuration;
    @Json(name = "queue_duration") public @Nullable Long queueDuration;
    public @Nullable RunState state;
    public @Nullable RunStatus status;
    public @Nullable List<Task> tasks;
    /**
     * API 2.2: more array elements follow ({@code runs/get}: fetch them with {@link #nextPageToken}; a
     * {@code runs/list} item with {@code expand_tasks}: read the run with {@code runs/get}).
     */
    @Json(name = "has_more") public @Nullable Boolean hasMore;
    @Json(name = "next_page_token") public @Nullable String nextPageToken;
  }

  /** The legacy {@code state} object of a run. */
  public static final class RunState {
    @Json(name = "life_cycle_state") public @Nullable String lifeCycleState;
    @Json(name = "result_state") public @Nullable String resultState;
    @Json(name = "state_message") public @Nullable String stateMessage;
    @Json(name = "user_cancelled_or_timedout") public @Nullable Boolean userCancelledOrTimedout;
    @Json(name = "queue_reason") public @Nullable String queueReason;
  }

  /** The newer {@code status} object of a run. */
  public static final class RunStatus {
    public @Nullable String state;
    @Json(name = "queue_details") public @Nullable Details queueDetails;
    @Json(name = "termination_details") public @Nullable Details terminationDetails;
  }

  /** {@code queue_details} or {@code termination_details}: a code, a type (termination only) and a message. */
  public static final class Details {
    public @Nullable String code;
    public @Nullable String type;
    public @Nullable String message;
  }

  /** Response of {@code GET /jobs/runs/list}. */
  public static final class RunList {
    public @Nullable List<Run> runs;
    @Json(name = "has_more") public @Nullable Boolean hasMore;
    @Json(name = "next_page_token") public @Nullable String nextPageToken;
  }

  /** A Databricks error body: {@code {"error_code": "...", "message": "...", "details": [...]}}. */
  public static final class ErrorBody {
    @Json(name = "error_code") public @Nullable Object errorCode;
    public @Nullable Object message;
    public @Nullable String error;
    public @Nullable List<Map<String, Object>> details;
  }

  /** Body of {@code runs/cancel} (and other calls that take only a run id). */
  public static final class RunIdBody {
    @Json(name = "run_id") public long runId;

    public RunIdBody(long runId) {
      this.runId = runId;
    }
  }

  /** Body of {@code runs/cancel-all}. */
  public static final class CancelAllBody {
    @Json(name = "job_id") public long jobId;
    @Json(name = "all_queued_runs") public boolean allQueuedRuns;

    public CancelAllBody(long jobId, boolean allQueuedRuns) {
      this.jobId = jobId;
      this.allQueuedRuns = allQueuedRuns;
    }
  }

  /** Response of {@code GET /jobs/runs/get-output}. */
  public static final class RunOutput {
    public @Nullable Run metadata;
    @Json(name = "notebook_output") public @Nullable NotebookOutput notebookOutput;
    public @Nullable String logs;
    @Json(name = "logs_truncated") public @Nullable Boolean logsTruncated;
    public @Nullable String error;
    @Json(name = "error_trace") public @Nullable String errorTrace;
  }

  /** {@code notebook_output} of a task run. */
  public static final class NotebookOutput {
    public @Nullable String result;
    public @Nullable Boolean truncated;
  }

  /** An answer whose content does not matter ({@code runs/cancel} answers {@code {}}); an empty body is accepted. */
  public static final class Empty {}

  // ---- jobs by name and repair (#14)

  /** Response of {@code GET /jobs/list}: a page of jobs ({@code jobs} omitted when empty). */
  public static final class JobList {
    public @Nullable List<Job> jobs;
    @Json(name = "has_more") public @Nullable Boolean hasMore;
    @Json(name = "next_page_token") public @Nullable String nextPageToken;
  }

  /** A run read with {@code include_history=true}: only what a repair needs. */
  public static final class RunHistory {
    @Json(name = "run_id") public @Nullable Long runId;
    @Json(name = "job_id") public @Nullable Long jobId;
    public @Nullable RunState state;
    @Json(name = "repair_history") public @Nullable List<RepairHistoryItem> repairHistory;
    @Json(name = "has_more") public @Nullable Boolean hasMore;
    @Json(name = "next_page_token") public @Nullable String nextPageToken;
  }

  /** One entry of {@code repair_history}: the original run ({@code type: ORIGINAL}) or a repair. */
  public static final class RepairHistoryItem {
    public @Nullable Long id;
    public @Nullable String type;
    @Json(name = "start_time") public @Nullable Long startTime;
    @Json(name = "end_time") public @Nullable Long endTime;
    public @Nullable RunState state;
    @Json(name = "task_run_ids") public @Nullable List<Long> taskRunIds;
  }

  /** Body of {@code POST /jobs/runs/repair}. Null fields are not written. */
  public static final class RepairRunBody {
    @Json(name = "run_id") public long runId;
    @Json(name = "rerun_tasks") public @Nullable List<String> rerunTasks;
    @Json(name = "rerun_all_failed_tasks") public @Nullable Boolean rerunAllFailedTasks;
    @Json(name = "rerun_dependent_tasks") public @Nullable Boolean rerunDependentTasks;
    @Json(name = "latest_repair_id") public @Nullable Long latestRepairId;
    @Json(name = "job_parameters") public @Nullable Map<String, String> jobParameters;
    @Json(name = "notebook_params") public @Nullable Map<String, String> notebookParams;
    @Json(name = "jar_params") public @Nullable List<String> jarParams;
    @Json(name = "python_params") public @Nullable List<String> pythonParams;
    @Json(name = "python_named_params") public @Nullable Map<String, String> pythonNamedParams;
    @Json(name = "spark_submit_params") public @Nullable List<String> sparkSubmitParams;
    @Json(name = "sql_params") public @Nullable Map<String, String> sqlParams;
  }

  /** Response of {@code runs/repair}. */
  public static final class RepairResponse {
    @Json(name = "repair_id") public @Nullable Long repairId;
  }
}
