package io.github.dbexec;

import io.github.dbexec.internal.RunNowCommand;
import io.github.dbexec.internal.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A run-now of one saved job, built fluently and sent with {@link #runNow()}. Obtained from
 * {@link DatabricksExecutor#job(long)}. Mutable and not thread-safe: build one per trigger; the executor it came
 * from is thread-safe and shared.
 *
 * <pre>{@code
 * Submission s = executor.job(11223344L)
 *     .notebookParams(Map.of("file", "/data/in/part-0001.parquet"))
 *     .idempotencyKey("file-closed:/data/in/part-0001.parquet")
 *     .runNow();
 * }</pre>
 *
 * <p>Every run-now carries an {@code idempotency_token}: derived from {@link #idempotencyKey(String)} (see
 * {@link IdempotencyTokens}), given directly with {@link #idempotencyToken(String)}, or random per call of
 * {@link #runNow()} and reused across that call's retries. The Jobs API keeps one run per token, so the same key
 * never starts a second run of the job.
 *
 * <p>Parameter kinds map one-to-one to the run-now body ({@code jobs-api.md} §1). The API does not allow
 * {@code notebook_params} with {@code jar_params}, nor {@code job_parameters} with any of the older kinds; each
 * field's JSON must be at most 10,000 bytes, and {@code python_params} and {@code spark_submit_params} ASCII. dbexec
 * checks all of this in {@link #runNow()} before sending anything.
 */
public final class RunNowRequest {
  /** The Jobs API's limit on each parameter field's JSON, in bytes (UTF-8). */
  public static final int MAX_PARAMETER_JSON_BYTES = 10_000;

  private final DatabricksExecutor executor;
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

  RunNowRequest(DatabricksExecutor executor, long jobId) {
    this.executor = executor;
    this.jobId = jobId;
  }

  /** The job's {@code job_id}. */
  public long jobId() {
    return jobId;
  }

  /**
   * The job's concurrency picture now — {@code max_concurrent_runs}, queue setting, active runs — without
   * submitting anything.
   *
   * @throws ResourceNotFoundException when the job does not exist
   */
  public JobConcurrency concurrency() {
    return executor.concurrency(jobId);
  }

  /**
   * The preflight check the seed stage ran at start-up: the job exists and the credentials are accepted
   * ({@code jobs/get}). Sends no run.
   *
   * @return what was learned about the job
   * @throws ResourceNotFoundException when the job does not exist
   * @throws UnauthenticatedException when the credentials are not accepted
   * @throws PermissionDeniedException when they may not see the job
   */
  public JobInfo validate() {
    return executor.validate(jobId, null);
  }

  /**
   * Like {@link #validate()}, and also checks that the job has a task of the expected type (a notebook task when
   * notebook parameters will be sent, a JAR task for JAR parameters).
   *
   * @throws JobConfigurationException when the job has no task of that type
   */
  public JobInfo validate(TaskType expected) {
    return executor.validate(jobId, Objects.requireNonNull(expected, "expected"));
  }

  /** {@code job_parameters}: job-level parameters by name (the recommended kind). Replaces earlier values. */
  public RunNowRequest jobParameters(Map<String, String> jobParameters) {
    this.jobParameters = copyMap("job_parameters", jobParameters);
    return this;
  }

  /** Adds one job parameter ({@code job_parameters[name] = value}), keeping those set before. */
  public RunNowRequest jobParameter(String name, String value) {
    this.jobParameters = put("job_parameters", jobParameters, name, value);
    return this;
  }

  /** Adds one notebook parameter ({@code notebook_params[name] = value}), keeping those set before. */
  public RunNowRequest notebookParam(String name, String value) {
    this.notebookParams = put("notebook_params", notebookParams, name, value);
    return this;
  }

  /** {@code notebook_params}: notebook widget values by name; not together with {@code jar_params}. */
  public RunNowRequest notebookParams(Map<String, String> notebookParams) {
    this.notebookParams = copyMap("notebook_params", notebookParams);
    return this;
  }

  /** {@code jar_params}: arguments to the JAR task's main class, in order; not with {@code notebook_params}. */
  public RunNowRequest jarParams(List<String> jarParams) {
    this.jarParams = copyList("jar_params", jarParams);
    return this;
  }

  /** {@code python_params}: arguments to a Python file task, in order; ASCII only. */
  public RunNowRequest pythonParams(List<String> pythonParams) {
    this.pythonParams = copyList("python_params", pythonParams);
    return this;
  }

  /** {@code python_named_params}: named arguments to a Python wheel task. */
  public RunNowRequest pythonNamedParams(Map<String, String> pythonNamedParams) {
    this.pythonNamedParams = copyMap("python_named_params", pythonNamedParams);
    return this;
  }

  /** {@code spark_submit_params}: arguments to a spark-submit task, in order; ASCII only. */
  public RunNowRequest sparkSubmitParams(List<String> sparkSubmitParams) {
    this.sparkSubmitParams = copyList("spark_submit_params", sparkSubmitParams);
    return this;
  }

  /** {@code sql_params}: parameters of a SQL task by name. */
  public RunNowRequest sqlParams(Map<String, String> sqlParams) {
    this.sqlParams = copyMap("sql_params", sqlParams);
    return this;
  }

  /** {@code dbt_commands}: the commands of a dbt task, in order. */
  public RunNowRequest dbtCommands(List<String> dbtCommands) {
    this.dbtCommands = copyList("dbt_commands", dbtCommands);
    return this;
  }

  /** {@code pipeline_params.full_refresh}: whether a pipeline task refreshes fully. */
  public RunNowRequest pipelineFullRefresh(boolean fullRefresh) {
    this.pipelineFullRefresh = fullRefresh;
    return this;
  }

  /** {@code queue.enabled} for this run only, overriding the job's queue setting. */
  public RunNowRequest queue(boolean enabled) {
    this.queueEnabled = enabled;
    return this;
  }

  /** {@code performance_target}: {@code STANDARD} or {@code PERFORMANCE_OPTIMIZED} (serverless jobs only). */
  public RunNowRequest performanceTarget(String performanceTarget) {
    this.performanceTarget = Objects.requireNonNull(performanceTarget, "performanceTarget");
    return this;
  }

  /** {@code only}: the task keys to run (a subset of the job's tasks). */
  public RunNowRequest only(List<String> taskKeys) {
    this.only = copyList("only", taskKeys);
    return this;
  }

  /**
   * The caller's idempotency key for this trigger (an event id, a file path, a Kafka offset): the token sent is
   * {@link IdempotencyTokens#forRunNow(long, String)}, so the same key for this job always gives the same run.
   */
  public RunNowRequest idempotencyKey(String idempotencyKey) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return this;
  }

  /**
   * The exact {@code idempotency_token} to send (at most 64 characters), for callers with their own scheme.
   * Takes precedence over {@link #idempotencyKey(String)}.
   */
  public RunNowRequest idempotencyToken(String idempotencyToken) {
    this.idempotencyToken = Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    return this;
  }

  /**
   * Validates the request, then starts the run (retrying per the executor's {@link RetryPolicy} with the same
   * idempotency token), reports what Databricks did with it, and emits an {@code AppSubmittedEvent}. Does not wait
   * for the run to finish; see {@link Submission#awaitTermination}.
   *
   * @return the submission: run id, token, queue report
   * @throws InvalidRequestException before any request, when the request breaks a Jobs API rule
   * @throws ResourceNotFoundException when the job does not exist
   * @throws DatabricksApiException when the workspace refuses the run (not retried for 4xx other than 429)
   * @throws DatabricksTransportException when no usable answer arrived within the retry policy; the run may
   *     exist, and repeating with the same key finds it
   */
  public Submission runNow() {
    return executor.runNow(toCommand());
  }

  /**
   * Like {@link #runNow()} without blocking the caller: validation happens now (and throws
   * {@link InvalidRequestException} at once), the submission on one of the executor's submission threads (at most
   * {@link DatabricksExecutor.Builder#maxSubmissionsInFlight} at a time). The future completes with the submission
   * or exceptionally with the exceptions {@link #runNow()} throws.
   */
  public CompletableFuture<Submission> runNowAsync() {
    return executor.runNowAsync(toCommand());
  }

  RunNowCommand toCommand() {
    checkRules();
    Wire.RunNowBody body = new Wire.RunNowBody();
    body.jobId = jobId;
    body.jobParameters = jobParameters;
    body.notebookParams = notebookParams;
    body.jarParams = jarParams;
    body.pythonParams = pythonParams;
    body.pythonNamedParams = pythonNamedParams;
    body.sparkSubmitParams = sparkSubmitParams;
    body.sqlParams = sqlParams;
    body.dbtCommands = dbtCommands;
    if (pipelineFullRefresh != null) {
      body.pipelineParams = new Wire.PipelineParams();
      body.pipelineParams.fullRefresh = pipelineFullRefresh;
    }
    body.queue = queueEnabled == null ? null : new Wire.QueueSettings(queueEnabled);
    body.performanceTarget = performanceTarget;
    body.only = only;
    String token = idempotencyToken != null ? idempotencyToken
        : idempotencyKey != null ? IdempotencyTokens.forRunNow(jobId, idempotencyKey)
        : IdempotencyTokens.random();
    body.idempotencyToken = token;
    return new RunNowCommand(jobId, body, idempotencyKey);
  }

  private void checkRules() {
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
    requireAscii("python_params", pythonParams);
    requireAscii("spark_submit_params", sparkSubmitParams);
    executor.checkParameterSize("job_parameters", jobParameters);
    executor.checkParameterSize("notebook_params", notebookParams);
    executor.checkParameterSize("jar_params", jarParams);
    executor.checkParameterSize("python_params", pythonParams);
    executor.checkParameterSize("python_named_params", pythonNamedParams);
    executor.checkParameterSize("spark_submit_params", sparkSubmitParams);
    executor.checkParameterSize("sql_params", sqlParams);
    executor.checkParameterSize("dbt_commands", dbtCommands);
    if (idempotencyToken != null
        && (idempotencyToken.isEmpty() || idempotencyToken.length() > IdempotencyTokens.MAX_LENGTH)) {
      throw new InvalidRequestException("idempotency_token",
          "idempotency_token must be 1 to " + IdempotencyTokens.MAX_LENGTH + " characters, was "
              + idempotencyToken.length());
    }
    if (idempotencyKey != null && idempotencyKey.isEmpty()) {
      throw new InvalidRequestException("idempotency_key", "idempotency_key must not be empty");
    }
  }

  private static void requireAscii(String field, @Nullable List<String> values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      for (int c = 0; c < v.length(); c++) {
        if (v.charAt(c) > 0x7f) {
          throw new InvalidRequestException(field,
              field + "[" + i + "] contains a non-ASCII character at index " + c
                  + "; the Jobs API accepts only ASCII here (use job_parameters for other text)");
        }
      }
    }
  }

  private static Map<String, String> put(
      String field, @Nullable Map<String, String> map, String name, String value) {
    if (name == null || value == null) {
      throw new InvalidRequestException(field, field + " must not contain null names or values (name: " + name + ")");
    }
    Map<String, String> copy = map == null ? new LinkedHashMap<>() : map;
    copy.put(name, value);
    return copy;
  }

  private static Map<String, String> copyMap(String field, Map<String, String> map) {
    Objects.requireNonNull(map, field);
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new InvalidRequestException(field, field + " must not contain null names or values (name: "
            + e.getKey() + ")");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return copy;
  }

  private static List<String> copyList(String field, List<String> list) {
    Objects.requireNonNull(list, field);
    List<String> copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String v = list.get(i);
      if (v == null) {
        throw new InvalidRequestException(field, field + "[" + i + "] must not be null");
      }
      copy.add(v);
    }
    return copy;
  }
}
