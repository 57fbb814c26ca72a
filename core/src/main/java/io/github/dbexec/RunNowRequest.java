package io.github.dbexec;

import io.github.dbexec.internal.RequestRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A run-now of one saved job: an immutable value, checked against the Jobs API's rules when it is created. Send it
 * with {@link DatabricksExecutor#runNow(RunNowRequest)}, or build and send it fluently from
 * {@link DatabricksExecutor#job(long)}:
 *
 * <pre>{@code
 * Submission s = executor.job(11223344L)
 *     .notebookParams(Map.of("file", "/data/in/part-0001.parquet"))
 *     .idempotencyKey("file-closed:/data/in/part-0001.parquet")
 *     .runNow();
 *
 * RunNowRequest request = RunNowRequest.builder(11223344L).jobParameter("day", "2026-11-21").build();
 * Submission same = executor.runNow(request);
 * }</pre>
 *
 * <p>Every run-now carries an {@code idempotency_token}: {@link #idempotencyToken()} when given, else derived from
 * {@link #idempotencyKey()} (see {@link IdempotencyTokens}), else random per submission and reused across that
 * submission's retries. The Jobs API keeps one run per token, so the same key never starts a second run of the job.
 *
 * <p>Parameter kinds map one-to-one to the run-now body. The Jobs API does not allow {@code notebook_params} with
 * {@code jar_params}, nor {@code job_parameters} with any of the older kinds; each field's JSON must be at most
 * 10,000 bytes, and {@code python_params} and {@code spark_submit_params} ASCII. The canonical constructor checks all
 * of this, so an invalid request never exists and nothing invalid is ever sent. Fields not set are null.
 *
 * <p>The canonical constructor throws {@link InvalidRequestException} when the request breaks a Jobs API rule,
 * naming the field.
 *
 * @param jobId {@code job_id}, &gt; 0
 * @param jobParameters {@code job_parameters}: job-level parameters by name (the recommended kind)
 * @param notebookParams {@code notebook_params}: notebook widget values by name
 * @param jarParams {@code jar_params}: arguments to the JAR task's main class, in order
 * @param pythonParams {@code python_params}: arguments to a Python file task, in order; ASCII
 * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
 * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII
 * @param sqlParams {@code sql_params}: parameters of a SQL task by name
 * @param dbtCommands {@code dbt_commands}: the commands of a dbt task, in order
 * @param pipelineFullRefresh {@code pipeline_params.full_refresh}
 * @param queueEnabled {@code queue.enabled} for this run only, overriding the job's queue setting
 * @param performanceTarget {@code performance_target}: {@code STANDARD} or {@code PERFORMANCE_OPTIMIZED}
 * @param only {@code only}: the task keys to run
 * @param idempotencyKey the caller's key for this trigger (an event id, a file path, a Kafka offset), not empty
 * @param idempotencyToken the exact {@code idempotency_token} to send, 1 to 64 characters; wins over the key
 * @param cancelPreviousRuns cancel the job's active runs, queued ones included ({@code runs/cancel-all} with
 *     {@code all_queued_runs}), before starting this one, as Airflow's {@code cancel_previous_runs} does; see
 *     {@link Builder#cancelPreviousRuns(boolean)}
 */
public record RunNowRequest(
    long jobId,
    @Nullable Map<String, String> jobParameters,
    @Nullable Map<String, String> notebookParams,
    @Nullable List<String> jarParams,
    @Nullable List<String> pythonParams,
    @Nullable Map<String, String> pythonNamedParams,
    @Nullable List<String> sparkSubmitParams,
    @Nullable Map<String, String> sqlParams,
    @Nullable List<String> dbtCommands,
    @Nullable Boolean pipelineFullRefresh,
    @Nullable Boolean queueEnabled,
    @Nullable String performanceTarget,
    @Nullable List<String> only,
    @Nullable String idempotencyKey,
    @Nullable String idempotencyToken,
    boolean cancelPreviousRuns) {
  /** The Jobs API's limit on each parameter field's JSON, in bytes (UTF-8). */
  public static final int MAX_PARAMETER_JSON_BYTES = 10_000;

  /**
   * Copies the collections and checks the Jobs API's rules.
   * @param jobId {@code job_id}, &gt; 0
   * @param jobParameters {@code job_parameters}: job-level parameters by name (the recommended kind)
   * @param notebookParams {@code notebook_params}: notebook widget values by name
   * @param jarParams {@code jar_params}: arguments to the JAR task's main class, in order
   * @param pythonParams {@code python_params}: arguments to a Python file task, in order; ASCII
   * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
   * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII
   * @param sqlParams {@code sql_params}: parameters of a SQL task by name
   * @param dbtCommands {@code dbt_commands}: the commands of a dbt task, in order
   * @param pipelineFullRefresh {@code pipeline_params.full_refresh}
   * @param queueEnabled {@code queue.enabled} for this run only, overriding the job's queue setting
   * @param performanceTarget {@code performance_target}: {@code STANDARD} or {@code PERFORMANCE_OPTIMIZED}
   * @param only {@code only}: the task keys to run
   * @param idempotencyKey the caller's key for this trigger (an event id, a file path, a Kafka offset), not empty
   * @param idempotencyToken the exact {@code idempotency_token} to send, 1 to 64 characters; wins over the key
   * @param cancelPreviousRuns cancel the job's active runs, queued ones included ({@code runs/cancel-all} with
   *     {@code all_queued_runs}), before starting this one, as Airflow's {@code cancel_previous_runs} does; see
   *     {@link Builder#cancelPreviousRuns(boolean)}
   */
  public RunNowRequest {
    if (jobId <= 0) {
      throw new InvalidRequestException("job_id", "job_id must be > 0, was " + jobId);
    }
    jobParameters = RequestRules.copyMap("job_parameters", jobParameters);
    notebookParams = RequestRules.copyMap("notebook_params", notebookParams);
    jarParams = RequestRules.copyList("jar_params", jarParams);
    pythonParams = RequestRules.copyList("python_params", pythonParams);
    pythonNamedParams = RequestRules.copyMap("python_named_params", pythonNamedParams);
    sparkSubmitParams = RequestRules.copyList("spark_submit_params", sparkSubmitParams);
    sqlParams = RequestRules.copyMap("sql_params", sqlParams);
    dbtCommands = RequestRules.copyList("dbt_commands", dbtCommands);
    only = RequestRules.copyList("only", only);
    if (notebookParams != null && jarParams != null) {
      throw new InvalidRequestException("notebook_params",
          "notebook_params and jar_params cannot be sent together: a job has either notebook or JAR tasks; "
              + "use job_parameters for jobs with both");
    }
    if (jobParameters != null) {
      String legacy = notebookParams != null ? "notebook_params" : jarParams != null ? "jar_params"
          : pythonParams != null ? "python_params" : pythonNamedParams != null ? "python_named_params"
          : sparkSubmitParams != null ? "spark_submit_params" : sqlParams != null ? "sql_params"
          : dbtCommands != null ? "dbt_commands" : null;
      if (legacy != null) {
        throw new InvalidRequestException("job_parameters",
            "job_parameters cannot be sent with " + legacy + ": the Jobs API rejects job parameters together "
                + "with task-level parameters; pass everything as job_parameters");
      }
    }
    if (performanceTarget != null
        && !performanceTarget.equals("STANDARD") && !performanceTarget.equals("PERFORMANCE_OPTIMIZED")) {
      throw new InvalidRequestException("performance_target",
          "performance_target must be STANDARD or PERFORMANCE_OPTIMIZED, was " + performanceTarget);
    }
    RequestRules.requireAscii("python_params", pythonParams);
    RequestRules.requireAscii("spark_submit_params", sparkSubmitParams);
    RequestRules.checkParameterSize("job_parameters", jobParameters);
    RequestRules.checkParameterSize("notebook_params", notebookParams);
    RequestRules.checkParameterSize("jar_params", jarParams);
    RequestRules.checkParameterSize("python_params", pythonParams);
    RequestRules.checkParameterSize("python_named_params", pythonNamedParams);
    RequestRules.checkParameterSize("spark_submit_params", sparkSubmitParams);
    RequestRules.checkParameterSize("sql_params", sqlParams);
    RequestRules.checkParameterSize("dbt_commands", dbtCommands);
    RequestRules.checkIdempotency(idempotencyToken, idempotencyKey);
  }

  /**
   * A request that does not cancel previous runs ({@code cancelPreviousRuns} false), as before that option existed.
   *
   * @param jobId {@code job_id}, &gt; 0
   * @param jobParameters {@code job_parameters}: job-level parameters by name (the recommended kind)
   * @param notebookParams {@code notebook_params}: notebook widget values by name
   * @param jarParams {@code jar_params}: arguments to the JAR task's main class, in order
   * @param pythonParams {@code python_params}: arguments to a Python file task, in order; ASCII
   * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
   * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII
   * @param sqlParams {@code sql_params}: parameters of a SQL task by name
   * @param dbtCommands {@code dbt_commands}: the commands of a dbt task, in order
   * @param pipelineFullRefresh {@code pipeline_params.full_refresh}
   * @param queueEnabled {@code queue.enabled} for this run only, overriding the job's queue setting
   * @param performanceTarget {@code performance_target}: {@code STANDARD} or {@code PERFORMANCE_OPTIMIZED}
   * @param only {@code only}: the task keys to run
   * @param idempotencyKey the caller's key for this trigger (an event id, a file path, a Kafka offset), not empty
   * @param idempotencyToken the exact {@code idempotency_token} to send, 1 to 64 characters; wins over the key
   * @throws InvalidRequestException when the request breaks a Jobs API rule, naming the field
   */
  public RunNowRequest(long jobId, @Nullable Map<String, String> jobParameters,
      @Nullable Map<String, String> notebookParams, @Nullable List<String> jarParams,
      @Nullable List<String> pythonParams, @Nullable Map<String, String> pythonNamedParams,
      @Nullable List<String> sparkSubmitParams, @Nullable Map<String, String> sqlParams,
      @Nullable List<String> dbtCommands, @Nullable Boolean pipelineFullRefresh, @Nullable Boolean queueEnabled,
      @Nullable String performanceTarget, @Nullable List<String> only, @Nullable String idempotencyKey,
      @Nullable String idempotencyToken) {
    this(jobId, jobParameters, notebookParams, jarParams, pythonParams, pythonNamedParams, sparkSubmitParams,
        sqlParams, dbtCommands, pipelineFullRefresh, queueEnabled, performanceTarget, only, idempotencyKey,
        idempotencyToken, false);
  }

  /**
   * A builder for a run-now of {@code jobId}, to {@link Builder#build()} and pass to the executor.
   * @param jobId the saved job's {@code job_id}, &gt; 0
   * @return a builder for that job's run-now
   */
  public static Builder builder(long jobId) {
    return new Builder(null, jobId);
  }

  /** {@return a builder holding this request's values} */
  public Builder toBuilder() {
    Builder b = new Builder(null, jobId);
    b.jobParameters = jobParameters == null ? null : new LinkedHashMap<>(jobParameters);
    b.notebookParams = notebookParams == null ? null : new LinkedHashMap<>(notebookParams);
    b.jarParams = jarParams;
    b.pythonParams = pythonParams;
    b.pythonNamedParams = pythonNamedParams;
    b.sparkSubmitParams = sparkSubmitParams;
    b.sqlParams = sqlParams;
    b.dbtCommands = dbtCommands;
    b.pipelineFullRefresh = pipelineFullRefresh;
    b.queueEnabled = queueEnabled;
    b.performanceTarget = performanceTarget;
    b.only = only;
    b.idempotencyKey = idempotencyKey;
    b.idempotencyToken = idempotencyToken;
    b.cancelPreviousRuns = cancelPreviousRuns;
    return b;
  }

  /**
   * Builds a {@link RunNowRequest}; {@link #build()} checks the Jobs API's rules. Mutable, not thread-safe: one per
   * trigger. A builder from {@link DatabricksExecutor#job(long)} can also send what it builds ({@link #runNow()},
   * {@link #runNowAsync()}) and look at the job ({@link #validate()}, {@link #concurrency()}); one from
   * {@link RunNowRequest#builder(long)} only builds.
   */
  public static final class Builder {
    private final @Nullable DatabricksExecutor executor;
    private final long jobId;
    private @Nullable Map<String, String> jobParameters;
    private @Nullable Map<String, String> notebookParams;
    private @Nullable List<String> jarParams;
    private @Nullable List<String> pythonParams;
    private @Nullable Map<String, String> pythonNamedParams;
    private @Nullable List<String> sparkSubmitParams;
    private @Nullable Map<String, String> sqlParams;
    private @Nullable List<String> dbtCommands;
    private @Nullable Boolean pipelineFullRefresh;
    private @Nullable Boolean queueEnabled;
    private @Nullable String performanceTarget;
    private @Nullable List<String> only;
    private @Nullable String idempotencyKey;
    private @Nullable String idempotencyToken;
    private boolean cancelPreviousRuns;

    Builder(@Nullable DatabricksExecutor executor, long jobId) {
      this.executor = executor;
      this.jobId = jobId;
    }

    /** {@return the job's {@code job_id}} */
    public long jobId() {
      return jobId;
    }

    /**
     * {@code job_parameters}: job-level parameters by name (the recommended kind). Replaces earlier values.
     * @param jobParameters {@code job_parameters}: job-level parameters by name (the recommended kind)
     * @return this builder
     */
    public Builder jobParameters(Map<String, String> jobParameters) {
      this.jobParameters = new LinkedHashMap<>(RequestRules.copyMap("job_parameters", Objects.requireNonNull(jobParameters, "jobParameters")));
      return this;
    }

    /**
     * Adds one job parameter ({@code job_parameters[name] = value}), keeping those set before.
     * @param name the parameter's name
     * @param value its value
     * @return this builder
     */
    public Builder jobParameter(String name, String value) {
      this.jobParameters = put(jobParameters, name, value);
      return this;
    }

    /**
     * {@code notebook_params}: notebook widget values by name; not together with {@code jar_params}.
     * @param notebookParams {@code notebook_params}: notebook widget values by name
     * @return this builder
     */
    public Builder notebookParams(Map<String, String> notebookParams) {
      this.notebookParams = new LinkedHashMap<>(RequestRules.copyMap("notebook_params", Objects.requireNonNull(notebookParams, "notebookParams")));
      return this;
    }

    /**
     * Adds one notebook parameter ({@code notebook_params[name] = value}), keeping those set before.
     * @param name the parameter's name
     * @param value its value
     * @return this builder
     */
    public Builder notebookParam(String name, String value) {
      this.notebookParams = put(notebookParams, name, value);
      return this;
    }

    /**
     * {@code jar_params}: arguments to the JAR task's main class, in order; not with {@code notebook_params}.
     * @param jarParams {@code jar_params}: arguments to the JAR task's main class, in order
     * @return this builder
     */
    public Builder jarParams(List<String> jarParams) {
      this.jarParams = RequestRules.copyList("jar_params", Objects.requireNonNull(jarParams, "jarParams"));
      return this;
    }

    /**
     * {@code python_params}: arguments to a Python file task, in order; ASCII only.
     * @param pythonParams {@code python_params}: arguments to a Python file task, in order; ASCII
     * @return this builder
     */
    public Builder pythonParams(List<String> pythonParams) {
      this.pythonParams = RequestRules.copyList("python_params", Objects.requireNonNull(pythonParams, "pythonParams"));
      return this;
    }

    /**
     * {@code python_named_params}: named arguments to a Python wheel task.
     * @param pythonNamedParams {@code python_named_params}: named arguments to a Python wheel task
     * @return this builder
     */
    public Builder pythonNamedParams(Map<String, String> pythonNamedParams) {
      this.pythonNamedParams = new LinkedHashMap<>(RequestRules.copyMap("python_named_params", Objects.requireNonNull(pythonNamedParams, "pythonNamedParams")));
      return this;
    }

    /**
     * {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII only.
     * @param sparkSubmitParams {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII
     * @return this builder
     */
    public Builder sparkSubmitParams(List<String> sparkSubmitParams) {
      this.sparkSubmitParams = RequestRules.copyList("spark_submit_params", Objects.requireNonNull(sparkSubmitParams, "sparkSubmitParams"));
      return this;
    }

    /**
     * {@code sql_params}: parameters of a SQL task by name.
     * @param sqlParams {@code sql_params}: parameters of a SQL task by name
     * @return this builder
     */
    public Builder sqlParams(Map<String, String> sqlParams) {
      this.sqlParams = new LinkedHashMap<>(RequestRules.copyMap("sql_params", Objects.requireNonNull(sqlParams, "sqlParams")));
      return this;
    }

    /**
     * {@code dbt_commands}: the commands of a dbt task, in order.
     * @param dbtCommands {@code dbt_commands}: the commands of a dbt task, in order
     * @return this builder
     */
    public Builder dbtCommands(List<String> dbtCommands) {
      this.dbtCommands = RequestRules.copyList("dbt_commands", Objects.requireNonNull(dbtCommands, "dbtCommands"));
      return this;
    }

    /**
     * {@code pipeline_params.full_refresh}: whether a pipeline task refreshes fully.
     * @param fullRefresh true for a full refresh
     * @return this builder
     */
    public Builder pipelineFullRefresh(boolean fullRefresh) {
      this.pipelineFullRefresh = fullRefresh;
      return this;
    }

    /**
     * {@code queue.enabled} for this run only, overriding the job's queue setting.
     * @param enabled true to let the run wait in the job queue, false to skip it when the job is at its limit
     * @return this builder
     */
    public Builder queue(boolean enabled) {
      this.queueEnabled = enabled;
      return this;
    }

    /**
     * {@code performance_target}: {@code STANDARD} or {@code PERFORMANCE_OPTIMIZED} (serverless jobs only).
     * @param performanceTarget {@code performance_target}: {@code STANDARD} or {@code PERFORMANCE_OPTIMIZED}
     * @return this builder
     */
    public Builder performanceTarget(String performanceTarget) {
      this.performanceTarget = Objects.requireNonNull(performanceTarget, "performanceTarget");
      return this;
    }

    /**
     * {@code only}: the task keys to run (a subset of the job's tasks).
     * @param taskKeys the {@code task_key}s of the tasks to run
     * @return this builder
     */
    public Builder only(List<String> taskKeys) {
      this.only = RequestRules.copyList("only", Objects.requireNonNull(taskKeys, "taskKeys"));
      return this;
    }

    /**
     * The caller's idempotency key for this trigger: the token sent is
     * {@link IdempotencyTokens#forRunNow(long, String)}, so the same key for this job always gives the same run.
     * @param idempotencyKey the caller's key for this trigger (an event id, a file path, a Kafka offset), not empty
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      return this;
    }

    /**
     * The exact {@code idempotency_token} to send (at most 64 characters); takes precedence over the key.
     * @param idempotencyToken the exact {@code idempotency_token} to send, 1 to 64 characters; wins over the key
     * @return this builder
     */
    public Builder idempotencyToken(String idempotencyToken) {
      this.idempotencyToken = Objects.requireNonNull(idempotencyToken, "idempotencyToken");
      return this;
    }

    /**
     * Whether to cancel the job's active runs, queued ones included, before starting this one; default false. The
     * executor sends {@code runs/cancel-all} ({@code job_id}, {@code all_queued_runs: true}) and, once it is
     * accepted, the run-now, so the new run is never among those cancelled; retries of the run-now do not cancel
     * again. Cancellation is asynchronous: cancelled runs may still be TERMINATING when the new run starts, and with
     * {@code max_concurrent_runs} 1 the new run may queue briefly behind them. When {@code runs/cancel-all} fails,
     * nothing is started and the submission fails with its exception. Caution: repeating a whole submission (same
     * idempotency key) after a lost answer cancels the run the first attempt started, and the repeat then returns
     * that cancelled run.
     *
     * @param cancelPreviousRuns true to cancel the job's active runs first
     * @return this builder
     */
    public Builder cancelPreviousRuns(boolean cancelPreviousRuns) {
      this.cancelPreviousRuns = cancelPreviousRuns;
      return this;
    }

    /**
     * The request.
     *
     * @return the request, checked
     * @throws InvalidRequestException when it breaks a Jobs API rule, naming the field
     */
    public RunNowRequest build() {
      return new RunNowRequest(jobId, jobParameters, notebookParams, jarParams, pythonParams, pythonNamedParams,
          sparkSubmitParams, sqlParams, dbtCommands, pipelineFullRefresh, queueEnabled, performanceTarget, only,
          idempotencyKey, idempotencyToken, cancelPreviousRuns);
    }

    /**
     * Builds the request and starts the run; see {@link DatabricksExecutor#runNow(RunNowRequest)}.
     *
     * @return the submission: run id, token and its queue report
     * @throws InvalidRequestException before any request, when the request breaks a Jobs API rule
     * @throws IllegalStateException when this builder did not come from {@link DatabricksExecutor#job(long)}
     */
    public Submission runNow() {
      return executor().runNow(build());
    }

    /**
     * Builds the request (throwing at once) and starts the run without blocking; see {@link #runNow()}.
     * @return a future completed with the submission, or exceptionally as {@link #runNow()} throws
     */
    public CompletableFuture<Submission> runNowAsync() {
      return executor().runNowAsync(build());
    }

    /**
     * The preflight check StreamSets Data Collector's Databricks executor runs at start-up: the job exists and the
     * credentials are accepted ({@code jobs/get}). Sends no run.
     *
     * @return the job's id, name, concurrency settings and task types
     * @throws ResourceNotFoundException when the job does not exist
     * @throws UnauthenticatedException when the credentials are not accepted
     * @throws PermissionDeniedException when they may not see the job
     */
    public JobInfo validate() {
      return executor().validate(jobId, null);
    }

    /**
     * Like {@link #validate()}, and also checks that the job has a task of the expected type.
     *
     * @param expected the task type the job must have, e.g. {@link TaskType#NOTEBOOK}
     * @return the job's id, name, concurrency settings and task types
     * @throws JobConfigurationException when the job has no task of that type
     */
    public JobInfo validate(TaskType expected) {
      return executor().validate(jobId, Objects.requireNonNull(expected, "expected"));
    }

    /** {@return the job's concurrency picture now; see {@link DatabricksExecutor#concurrency(long)}} */
    public JobConcurrency concurrency() {
      return executor().concurrency(jobId);
    }

    private DatabricksExecutor executor() {
      if (executor == null) {
        throw new IllegalStateException("this builder came from RunNowRequest.builder(jobId): build() it and pass "
            + "the request to DatabricksExecutor.runNow(request)");
      }
      return executor;
    }

    private static Map<String, String> put(@Nullable Map<String, String> map, String name, String value) {
      Map<String, String> copy = map == null ? new LinkedHashMap<>() : map;
      copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return copy;
    }
  }
}
