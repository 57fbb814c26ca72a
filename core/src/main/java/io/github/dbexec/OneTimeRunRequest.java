package io.github.dbexec;

import io.github.dbexec.internal.RequestRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A one-time run ({@code runs/submit}) of a single notebook, JAR or Python task, on an existing cluster or a new
 * one, without a saved job: an immutable value, checked when it is created. Send it with
 * {@link DatabricksExecutor#submit(OneTimeRunRequest)}, or build and send it fluently from
 * {@link DatabricksExecutor#oneTimeRun()}:
 *
 * <pre>{@code
 * Submission s = executor.oneTimeRun()
 *     .runName("backfill 2026-11-20")
 *     .notebookTask("/Repos/etl/backfill", Map.of("day", "2026-11-20"))
 *     .existingCluster("0923-164208-meows279")
 *     .idempotencyKey("backfill:2026-11-20")
 *     .submit();
 * }</pre>
 *
 * <p>Idempotency works as for run-now: the token is derived from the key with
 * {@link IdempotencyTokens#forSubmit(String)}, or random per submission and reused across its retries. Queue reports
 * use the run's own state only (a one-time run has no job settings). One-time runs are never retried by Databricks
 * and report {@code run_type} SUBMIT_RUN.
 *
 * <p>The canonical constructor throws {@link InvalidRequestException} when the request breaks a Jobs API rule,
 * naming the field.
 *
 * @param runName {@code run_name}; null gives the Jobs API's default, {@code Untitled}
 * @param taskKey the task's {@code task_key}
 * @param taskType the kind of the one task: {@code notebook_task}, {@code spark_jar_task} or
 *     {@code spark_python_task}
 * @param task the task's fields, as the Jobs API names them ({@code notebook_path} and {@code base_parameters};
 *     {@code main_class_name} and {@code parameters}; {@code python_file} and {@code parameters})
 * @param existingClusterId {@code existing_cluster_id}; exactly one of it and {@code newCluster} is set
 * @param newCluster {@code new_cluster}
 * @param libraries {@code libraries}, e.g. {@code {"jar": "dbfs:/jars/etl.jar"}}
 * @param timeout {@code timeout_seconds}, whole seconds, at least 1 s; null for none
 * @param queueEnabled {@code queue.enabled} for this run; null for the workspace's default
 * @param idempotencyKey the caller's key, not empty; null for none
 * @param idempotencyToken the exact {@code idempotency_token}, 1 to 64 characters; wins over the key
 */
public record OneTimeRunRequest(
    @Nullable String runName,
    String taskKey,
    TaskType taskType,
    Map<String, Object> task,
    @Nullable String existingClusterId,
    @Nullable NewCluster newCluster,
    List<Map<String, Object>> libraries,
    @Nullable Duration timeout,
    @Nullable Boolean queueEnabled,
    @Nullable String idempotencyKey,
    @Nullable String idempotencyToken) {
  /** Copies the collections and checks the Jobs API's rules. */
  public OneTimeRunRequest {
    Objects.requireNonNull(taskKey, "taskKey");
    Objects.requireNonNull(taskType, "taskType");
    task = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(task, "task")));
    libraries = List.copyOf(Objects.requireNonNull(libraries, "libraries"));
    if (existingClusterId == null && newCluster == null) {
      throw new InvalidRequestException("existing_cluster_id",
          "a one-time run needs compute: call existingCluster(..) or newCluster(..)");
    }
    if (timeout != null && (timeout.isNegative() || timeout.toSeconds() < 1)) {
      throw new InvalidRequestException("timeout_seconds", "timeout_seconds must be >= 1 s, was " + timeout);
    }
    RequestRules.checkIdempotency(idempotencyToken, idempotencyKey);
    if (taskType == TaskType.PYTHON && task.get("parameters") instanceof List) {
      List<String> params = new ArrayList<>();
      for (Object p : (List<?>) task.get("parameters")) {
        params.add(String.valueOf(p));
      }
      RequestRules.requireAscii("parameters", params);
    }
    RequestRules.checkParameterSize(taskType.field(), task);
  }

  /** A builder for a one-time run, to {@link Builder#build()} and pass to the executor. */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Builds a {@link OneTimeRunRequest}; {@link #build()} checks it. Mutable, not thread-safe: one per trigger. A
   * builder from {@link DatabricksExecutor#oneTimeRun()} can also send what it builds ({@link #submit()}).
   */
  public static final class Builder {
    private final @Nullable DatabricksExecutor executor;
    private @Nullable String runName;
    private String taskKey = "main";
    private @Nullable TaskType taskType;
    private final Map<String, Object> task = new LinkedHashMap<>();
    private @Nullable String existingClusterId;
    private @Nullable NewCluster newCluster;
    private final List<Map<String, Object>> libraries = new ArrayList<>();
    private @Nullable Duration timeout;
    private @Nullable Boolean queueEnabled;
    private @Nullable String idempotencyKey;
    private @Nullable String idempotencyToken;

    Builder(@Nullable DatabricksExecutor executor) {
      this.executor = executor;
    }

    /** {@code run_name}; the Jobs API's default is {@code Untitled}. */
    public Builder runName(String runName) {
      this.runName = Objects.requireNonNull(runName, "runName");
      return this;
    }

    /** The task's {@code task_key}; default {@code main}. */
    public Builder taskKey(String taskKey) {
      this.taskKey = Objects.requireNonNull(taskKey, "taskKey");
      return this;
    }

    /** A {@code notebook_task}: the notebook's workspace path and its {@code base_parameters}. */
    public Builder notebookTask(String notebookPath, Map<String, String> baseParameters) {
      setTask(TaskType.NOTEBOOK);
      task.put("notebook_path", Objects.requireNonNull(notebookPath, "notebookPath"));
      task.put("base_parameters", Map.copyOf(Objects.requireNonNull(baseParameters, "baseParameters")));
      return this;
    }

    /** A {@code spark_jar_task}: the main class (its JAR given as a {@link #jarLibrary library}) and arguments. */
    public Builder jarTask(String mainClassName, List<String> parameters) {
      setTask(TaskType.JAR);
      task.put("main_class_name", Objects.requireNonNull(mainClassName, "mainClassName"));
      task.put("parameters", List.copyOf(Objects.requireNonNull(parameters, "parameters")));
      return this;
    }

    /** A {@code spark_python_task}: the Python file's URI and its arguments (ASCII). */
    public Builder pythonTask(String pythonFile, List<String> parameters) {
      setTask(TaskType.PYTHON);
      task.put("python_file", Objects.requireNonNull(pythonFile, "pythonFile"));
      task.put("parameters", List.copyOf(Objects.requireNonNull(parameters, "parameters")));
      return this;
    }

    /** Run on an existing all-purpose cluster ({@code existing_cluster_id}). Replaces a new cluster. */
    public Builder existingCluster(String clusterId) {
      this.existingClusterId = Objects.requireNonNull(clusterId, "clusterId");
      this.newCluster = null;
      return this;
    }

    /** Run on a new job cluster ({@code new_cluster}). Replaces an existing cluster. */
    public Builder newCluster(NewCluster cluster) {
      this.newCluster = Objects.requireNonNull(cluster, "cluster");
      this.existingClusterId = null;
      return this;
    }

    /** Adds a JAR library, e.g. {@code dbfs:/jars/etl.jar}. */
    public Builder jarLibrary(String uri) {
      libraries.add(Map.of("jar", Objects.requireNonNull(uri, "uri")));
      return this;
    }

    /** Adds a Maven library by coordinates, e.g. {@code com.example:etl:1.2.0}. */
    public Builder mavenLibrary(String coordinates) {
      libraries.add(Map.of("maven", Map.of("coordinates", Objects.requireNonNull(coordinates, "coordinates"))));
      return this;
    }

    /** {@code timeout_seconds}: the run ends TIMEDOUT after this long; whole seconds, &gt; 0. Default: none. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** {@code queue.enabled} for this run. */
    public Builder queue(boolean enabled) {
      this.queueEnabled = enabled;
      return this;
    }

    /** The caller's idempotency key; the token sent is {@link IdempotencyTokens#forSubmit(String)}. */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      return this;
    }

    /** The exact {@code idempotency_token} (at most 64 characters); takes precedence over the key. */
    public Builder idempotencyToken(String idempotencyToken) {
      this.idempotencyToken = Objects.requireNonNull(idempotencyToken, "idempotencyToken");
      return this;
    }

    /**
     * The request.
     *
     * @throws InvalidRequestException no task, no cluster, a bad timeout, token or parameter
     */
    public OneTimeRunRequest build() {
      if (taskType == null) {
        throw new InvalidRequestException("tasks",
            "a one-time run needs a task: call notebookTask, jarTask or pythonTask");
      }
      return new OneTimeRunRequest(runName, taskKey, taskType, task, existingClusterId, newCluster, libraries,
          timeout, queueEnabled, idempotencyKey, idempotencyToken);
    }

    /**
     * Builds the request and submits the run; see {@link DatabricksExecutor#submit(OneTimeRunRequest)}.
     *
     * @throws IllegalStateException when this builder did not come from {@link DatabricksExecutor#oneTimeRun()}
     */
    public Submission submit() {
      return executor().submit(build());
    }

    /** Builds the request (throwing at once) and submits the run without blocking. */
    public CompletableFuture<Submission> submitAsync() {
      return executor().submitAsync(build());
    }

    private DatabricksExecutor executor() {
      if (executor == null) {
        throw new IllegalStateException("this builder came from OneTimeRunRequest.builder(): build() it and pass "
            + "the request to DatabricksExecutor.submit(request)");
      }
      return executor;
    }

    private void setTask(TaskType type) {
      if (taskType != null && taskType != type) {
        throw new InvalidRequestException(type.field(),
            "a one-time run has one task: " + taskType.field() + " is already set, so " + type.field()
                + " cannot be added");
      }
      taskType = type;
      task.clear();
    }
  }
}
