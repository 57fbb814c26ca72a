package io.github.dbexec;

import io.github.dbexec.internal.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A one-time run ({@code runs/submit}) of a single notebook, JAR or Python task, on an existing cluster or a new
 * one, without a saved job. Obtained from {@link DatabricksExecutor#oneTimeRun()}; sent with {@link #submit()}.
 * Mutable and not thread-safe: build one per trigger.
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
 * {@link IdempotencyTokens#forSubmit(String)}, or random per {@link #submit()} and reused across its retries. Queue
 * reports use the run's own state only (a one-time run has no job settings). One-time runs are never retried by
 * Databricks and report {@code run_type} SUBMIT_RUN.
 */
public final class OneTimeRunRequest {
  private final DatabricksExecutor executor;
  private @Nullable String runName;
  private String taskKey = "main";
  private @Nullable String taskKind;
  private final Map<String, Object> task = new LinkedHashMap<>();
  private @Nullable String existingClusterId;
  private @Nullable NewCluster newCluster;
  private final List<Map<String, Object>> libraries = new ArrayList<>();
  private @Nullable Duration timeout;
  private @Nullable Boolean queueEnabled;
  private @Nullable String idempotencyKey;
  private @Nullable String idempotencyToken;

  OneTimeRunRequest(DatabricksExecutor executor) {
    this.executor = executor;
  }

  /** {@code run_name}; the Jobs API's default is {@code Untitled}. */
  public OneTimeRunRequest runName(String runName) {
    this.runName = Objects.requireNonNull(runName, "runName");
    return this;
  }

  /** The task's {@code task_key}; default {@code main}. */
  public OneTimeRunRequest taskKey(String taskKey) {
    this.taskKey = Objects.requireNonNull(taskKey, "taskKey");
    return this;
  }

  /** A {@code notebook_task}: the notebook's workspace path and its {@code base_parameters}. */
  public OneTimeRunRequest notebookTask(String notebookPath, Map<String, String> baseParameters) {
    setTask("notebook_task");
    task.put("notebook_path", Objects.requireNonNull(notebookPath, "notebookPath"));
    task.put("base_parameters", Map.copyOf(Objects.requireNonNull(baseParameters, "baseParameters")));
    return this;
  }

  /** A {@code spark_jar_task}: the main class (its JAR given as a {@link #jarLibrary library}) and arguments. */
  public OneTimeRunRequest jarTask(String mainClassName, List<String> parameters) {
    setTask("spark_jar_task");
    task.put("main_class_name", Objects.requireNonNull(mainClassName, "mainClassName"));
    task.put("parameters", List.copyOf(Objects.requireNonNull(parameters, "parameters")));
    return this;
  }

  /** A {@code spark_python_task}: the Python file's URI and its arguments (ASCII). */
  public OneTimeRunRequest pythonTask(String pythonFile, List<String> parameters) {
    setTask("spark_python_task");
    task.put("python_file", Objects.requireNonNull(pythonFile, "pythonFile"));
    task.put("parameters", List.copyOf(Objects.requireNonNull(parameters, "parameters")));
    return this;
  }

  /** Run on an existing all-purpose cluster ({@code existing_cluster_id}). Replaces a new cluster. */
  public OneTimeRunRequest existingCluster(String clusterId) {
    this.existingClusterId = Objects.requireNonNull(clusterId, "clusterId");
    this.newCluster = null;
    return this;
  }

  /** Run on a new job cluster ({@code new_cluster}). Replaces an existing cluster. */
  public OneTimeRunRequest newCluster(NewCluster cluster) {
    this.newCluster = Objects.requireNonNull(cluster, "cluster");
    this.existingClusterId = null;
    return this;
  }

  /** Adds a JAR library, e.g. {@code dbfs:/jars/etl.jar}. */
  public OneTimeRunRequest jarLibrary(String uri) {
    libraries.add(Map.of("jar", Objects.requireNonNull(uri, "uri")));
    return this;
  }

  /** Adds a Maven library by coordinates, e.g. {@code com.example:etl:1.2.0}. */
  public OneTimeRunRequest mavenLibrary(String coordinates) {
    libraries.add(Map.of("maven", Map.of("coordinates", Objects.requireNonNull(coordinates, "coordinates"))));
    return this;
  }

  /** {@code timeout_seconds}: the run ends TIMEDOUT after this long; whole seconds, &gt; 0. Default: none. */
  public OneTimeRunRequest timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** {@code queue.enabled} for this run. */
  public OneTimeRunRequest queue(boolean enabled) {
    this.queueEnabled = enabled;
    return this;
  }

  /** The caller's idempotency key; the token sent is {@link IdempotencyTokens#forSubmit(String)}. */
  public OneTimeRunRequest idempotencyKey(String idempotencyKey) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return this;
  }

  /** The exact {@code idempotency_token} (at most 64 characters); takes precedence over the key. */
  public OneTimeRunRequest idempotencyToken(String idempotencyToken) {
    this.idempotencyToken = Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    return this;
  }

  /**
   * Validates, then submits the run (retrying with the same token), reports its state and emits an
   * {@code AppSubmittedEvent}. Does not wait; see {@link Submission#awaitTermination}.
   *
   * @throws InvalidRequestException before any request: no task, no cluster, a bad timeout or token
   * @throws DatabricksApiException when the workspace refuses the run
   * @throws DatabricksTransportException when no usable answer arrived; repeat with the same key to find the run
   */
  public Submission submit() {
    return executor.submitOneTimeRun(toBody(), idempotencyKey);
  }

  /** Like {@link #submit()} without blocking; validation throws at once. */
  public CompletableFuture<Submission> submitAsync() {
    Wire.SubmitRunBody body = toBody();
    return executor.submitOneTimeRunAsync(body, idempotencyKey);
  }

  private void setTask(String kind) {
    if (taskKind != null && !taskKind.equals(kind)) {
      throw new InvalidRequestException(kind,
          "a one-time run has one task: " + taskKind + " is already set, so " + kind + " cannot be added");
    }
    taskKind = kind;
    task.clear();
  }

  Wire.SubmitRunBody toBody() {
    if (taskKind == null) {
      throw new InvalidRequestException("tasks",
          "a one-time run needs a task: call notebookTask, jarTask or pythonTask");
    }
    if (existingClusterId == null && newCluster == null) {
      throw new InvalidRequestException("existing_cluster_id",
          "a one-time run needs compute: call existingCluster(..) or newCluster(..)");
    }
    if (timeout != null && (timeout.isNegative() || timeout.toSeconds() < 1)) {
      throw new InvalidRequestException("timeout_seconds", "timeout_seconds must be >= 1 s, was " + timeout);
    }
    if (idempotencyToken != null && (idempotencyToken.isEmpty() || idempotencyToken.length() > IdempotencyTokens.MAX_LENGTH)) {
      throw new InvalidRequestException("idempotency_token",
          "idempotency_token must be 1 to 64 characters, was " + idempotencyToken.length());
    }
    if ("spark_python_task".equals(taskKind)) {
      @SuppressWarnings("unchecked")
      List<String> params = (List<String>) task.get("parameters");
      for (String p : params) {
        if (!p.chars().allMatch(c -> c < 0x80)) {
          throw new InvalidRequestException("parameters", "spark_python_task parameters must be ASCII: " + p);
        }
      }
    }
    executor.checkParameterSize(taskKind, task);
    Wire.SubmitTask t = new Wire.SubmitTask();
    t.taskKey = taskKey;
    t.existingClusterId = existingClusterId;
    t.newCluster = newCluster == null ? null : newCluster.toWire();
    switch (taskKind) {
      case "notebook_task":
        t.notebookTask = Map.copyOf(task);
        break;
      case "spark_jar_task":
        t.sparkJarTask = Map.copyOf(task);
        break;
      default:
        t.sparkPythonTask = Map.copyOf(task);
        break;
    }
    t.libraries = libraries.isEmpty() ? null : List.copyOf(libraries);
    Wire.SubmitRunBody body = new Wire.SubmitRunBody();
    body.runName = runName;
    body.timeoutSeconds = timeout == null ? null : timeout.toSeconds();
    body.queue = queueEnabled == null ? null : new Wire.QueueSettings(queueEnabled);
    body.tasks = List.of(t);
    body.idempotencyToken = idempotencyToken != null ? idempotencyToken
        : idempotencyKey != null ? IdempotencyTokens.forSubmit(idempotencyKey) : IdempotencyTokens.random();
    return body;
  }
}
