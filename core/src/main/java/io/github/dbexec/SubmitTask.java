package io.github.dbexec;

import io.github.dbexec.internal.JsonTrees;
import io.github.dbexec.internal.RequestRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One task of a one-time run: one element of {@code tasks} in {@code runs/submit}. It has a key, a task type with
 * that type's fields, the compute it runs on, the tasks it waits for, and libraries. An immutable value, checked when
 * it is created; add it with {@link OneTimeRunRequest.Builder#task(SubmitTask)}.
 *
 * <pre>{@code
 * SubmitTask.builder("transform")
 *     .pythonWheelTask("etl", "transform", List.of("--day", "2026-11-20"))
 *     .environment("default")                         // serverless, with the run's environment "default"
 *     .dependsOn("ingest")
 *     .runIf(RunIf.ALL_SUCCEEDED)
 *     .build();
 * }</pre>
 *
 * <p><b>Compute.</b> Notebook, JAR, Python, Python wheel, spark-submit and dbt tasks need compute: an existing
 * all-purpose cluster ({@code existing_cluster_id}), a new job cluster ({@code new_cluster}), or serverless compute
 * with an environment of the run ({@code environment_key}). A notebook may also run on serverless compute without an
 * environment ({@link Builder#serverless()}: nothing is sent) or on a SQL warehouse ({@code notebook_task.warehouse_id}
 * given in {@link Builder#additionalFields(String)}). SQL tasks run on their warehouse; pipeline tasks on the
 * pipeline's own compute. Spark-submit tasks need a cluster. Serverless tasks take no {@code libraries}: their
 * environment's dependencies replace them. Compute given in the additional fields is accepted unchecked. (The
 * {@code job_cluster_key} of saved jobs is not modelled: {@code runs/submit} refuses shared job clusters.)
 *
 * <p><b>Additional fields</b> (the escape hatch): a JSON object merged into this task's JSON as a JSON Merge Patch
 * (RFC 7396) after the typed fields, for what dbexec does not model ({@code max_retries}, {@code condition_task},
 * {@code notebook_task.warehouse_id}, task-level notifications, ...). They are <b>unchecked</b>: dbexec checks only
 * that they are JSON and do not set {@code task_key}; the workspace judges the rest. A type given only there (e.g.
 * {@code run_job_task}) makes the task's {@link #taskType()} null.
 *
 * <p>The canonical constructor throws {@link InvalidRequestException} naming the field of the rule broken.
 *
 * @param taskKey {@code task_key}: 1 to 100 letters, digits, {@code -} or {@code _}; unique within the run
 * @param description {@code description}; null for none
 * @param dependsOn {@code depends_on}: the keys of the tasks that must finish first (sent as
 *     {@code [{"task_key": ..}]}); empty for none
 * @param runIf {@code run_if}: when this task runs, judged by its dependencies; null for the default,
 *     {@link RunIf#ALL_SUCCEEDED}
 * @param taskType the task type, which names the field {@link #taskFields()} is sent in; null when the type is given
 *     only in {@link #additionalFields()}
 * @param taskFields the task type's fields as the Jobs API names them (e.g. {@code notebook_path} and
 *     {@code base_parameters}); empty when {@code taskType} is null
 * @param existingClusterId {@code existing_cluster_id}; at most one of it, {@code newCluster},
 *     {@code environmentKey} and {@code serverless} is set
 * @param newCluster {@code new_cluster}
 * @param environmentKey {@code environment_key}: one of the run's {@link ServerlessEnvironment}s
 * @param serverless a notebook on serverless compute without an environment (no compute field is sent)
 * @param libraries {@code libraries}; empty for none
 * @param timeout {@code timeout_seconds} of this task, whole seconds, at least 1 s; null for none
 * @param additionalFields unchecked fields merged into the task's JSON; empty for none
 */
public record SubmitTask(
    String taskKey,
    @Nullable String description,
    List<String> dependsOn,
    @Nullable RunIf runIf,
    @Nullable TaskType taskType,
    Map<String, Object> taskFields,
    @Nullable String existingClusterId,
    @Nullable NewCluster newCluster,
    @Nullable String environmentKey,
    boolean serverless,
    List<Library> libraries,
    @Nullable Duration timeout,
    Map<String, Object> additionalFields) {
  private static final Pattern KEY = Pattern.compile("[\\w-]{1,100}");
  private static final Set<String> COMPUTE_FIELDS =
      Set.of("existing_cluster_id", "new_cluster", "job_cluster_key", "environment_key", "compute");

  /**
   * Copies the collections and checks the Jobs API's rules for one task.
   * @param taskKey {@code task_key}: 1 to 100 letters, digits, {@code -} or {@code _}; unique within the run
   * @param description {@code description}; null for none
   * @param dependsOn {@code depends_on}: the keys of the tasks that must finish first (sent as
   *     {@code [{"task_key": ..}]}); empty for none
   * @param runIf {@code run_if}: when this task runs, judged by its dependencies; null for the default,
   *     {@link RunIf#ALL_SUCCEEDED}
   * @param taskType the task type, which names the field {@link #taskFields()} is sent in; null when the type is given
   *     only in {@link #additionalFields()}
   * @param taskFields the task type's fields as the Jobs API names them (e.g. {@code notebook_path} and
   *     {@code base_parameters}); empty when {@code taskType} is null
   * @param existingClusterId {@code existing_cluster_id}; at most one of it, {@code newCluster},
   *     {@code environmentKey} and {@code serverless} is set
   * @param newCluster {@code new_cluster}
   * @param environmentKey {@code environment_key}: one of the run's {@link ServerlessEnvironment}s
   * @param serverless a notebook on serverless compute without an environment (no compute field is sent)
   * @param libraries {@code libraries}; empty for none
   * @param timeout {@code timeout_seconds} of this task, whole seconds, at least 1 s; null for none
   * @param additionalFields unchecked fields merged into the task's JSON; empty for none
   */
  public SubmitTask {
    checkKey("task_key", taskKey);
    dependsOn = copyKeys(taskKey, Objects.requireNonNull(dependsOn, "dependsOn"));
    taskFields = JsonTrees.copyObject("taskFields", Objects.requireNonNull(taskFields, "taskFields"));
    libraries = List.copyOf(Objects.requireNonNull(libraries, "libraries"));
    additionalFields = JsonTrees.copyObject("additionalFields",
        Objects.requireNonNull(additionalFields, "additionalFields"));
    if (additionalFields.containsKey("task_key")) {
      throw new InvalidRequestException("task_key", "task '" + taskKey + "': task_key cannot be set in "
          + "additionalFields; it is the key given to SubmitTask.builder(key)");
    }
    if (environmentKey != null) {
      checkKey("environment_key", environmentKey);
    }
    int computes = (existingClusterId != null ? 1 : 0) + (newCluster != null ? 1 : 0)
        + (environmentKey != null ? 1 : 0) + (serverless ? 1 : 0);
    if (computes > 1) {
      throw new InvalidRequestException("existing_cluster_id", "task '" + taskKey + "' has " + computes
          + " computes; give one of existing_cluster_id, new_cluster, environment_key or serverless");
    }
    if (timeout != null && (timeout.isNegative() || timeout.toSeconds() < 1)) {
      throw new InvalidRequestException("timeout_seconds", "task '" + taskKey + "': timeout_seconds must be >= 1 s, "
          + "was " + timeout);
    }
    if (taskType == null) {
      if (!taskFields.isEmpty()) {
        throw new InvalidRequestException("tasks", "task '" + taskKey + "' has task fields but no task type");
      }
      if (!hasValue(additionalFields, k -> k.endsWith("_task"))) {
        throw new InvalidRequestException("tasks", "task '" + taskKey + "' needs a task type: call notebookTask, "
            + "jarTask, pythonTask, pythonWheelTask, sparkSubmitTask, sqlQueryTask, sqlFileTask, dbtTask or "
            + "pipelineTask, or give a *_task field in additionalFields");
      }
    } else {
      checkCompute(taskKey, taskType, existingClusterId != null || newCluster != null || environmentKey != null
          || hasValue(additionalFields, COMPUTE_FIELDS::contains), serverless,
          warehouseId(taskType, taskFields, additionalFields) != null);
      if (taskType == TaskType.PYTHON || taskType == TaskType.SPARK_SUBMIT) {
        RequestRules.requireAscii(taskType.field() + ".parameters", strings(taskFields.get("parameters")));
      }
      RequestRules.checkParameterSize(taskType.field(), taskFields);
      if (taskType == TaskType.SPARK_SUBMIT && (environmentKey != null || serverless)) {
        throw new InvalidRequestException("environment_key", "task '" + taskKey + "': spark_submit_task does not run "
            + "on serverless compute; give it existingCluster(..) or newCluster(..)");
      }
    }
    if (!libraries.isEmpty() && (environmentKey != null || serverless)) {
      throw new InvalidRequestException("libraries", "task '" + taskKey + "' runs on serverless compute, which takes "
          + "no task libraries: list them as dependencies of its ServerlessEnvironment");
    }
  }

  private static boolean hasValue(Map<String, Object> fields, Predicate<String> name) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (e.getValue() != null && name.test(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  private static void checkCompute(String key, TaskType type, boolean compute, boolean serverless,
      boolean warehouse) {
    switch (type) {
      case NOTEBOOK:
        if (!compute && !serverless && !warehouse) {
          throw new InvalidRequestException("existing_cluster_id", "task '" + key + "' (notebook_task) needs "
              + "compute: call existingCluster(..), newCluster(..), environment(..) or serverless()");
        }
        return;
      case SQL:
        if (!warehouse) {
          throw new InvalidRequestException("warehouse_id", "task '" + key + "' (sql_task) needs sql_task."
              + "warehouse_id, the SQL warehouse it runs on");
        }
        return;
      case PIPELINE:
        return;
      default:
        if (serverless) {
          throw new InvalidRequestException("environment_key", "task '" + key + "' (" + type.field() + ") on "
              + "serverless compute needs an environment: call environment(key) with a ServerlessEnvironment of "
              + "the run; serverless() alone is for notebook tasks");
        }
        if (!compute) {
          throw new InvalidRequestException("existing_cluster_id", "task '" + key + "' (" + type.field()
              + ") needs compute: call existingCluster(..), newCluster(..) or environment(..)");
        }
    }
  }

  private static @Nullable Object warehouseId(TaskType type, Map<String, Object> fields,
      Map<String, Object> additional) {
    Object extra = additional.get(type.field());
    if (extra instanceof Map && ((Map<?, ?>) extra).get("warehouse_id") != null) {
      return ((Map<?, ?>) extra).get("warehouse_id");
    }
    return fields.get("warehouse_id");
  }

  private static @Nullable List<String> strings(@Nullable Object list) {
    if (!(list instanceof List)) {
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (Object o : (List<?>) list) {
      strings.add(String.valueOf(o));
    }
    return strings;
  }

  private static List<String> copyKeys(String taskKey, List<String> keys) {
    Set<String> copy = new LinkedHashSet<>();
    for (String k : keys) {
      checkKey("depends_on", k);
      if (!copy.add(k)) {
        throw new InvalidRequestException("depends_on", "task '" + taskKey + "' depends on '" + k + "' twice");
      }
    }
    return List.copyOf(copy);
  }

  /** Checks a {@code task_key} or {@code environment_key}: 1 to 100 letters, digits, {@code -} or {@code _}. */
  static void checkKey(String field, @Nullable String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidRequestException(field, field + " is missing: every one needs a key");
    }
    if (!KEY.matcher(key).matches()) {
      throw new InvalidRequestException(field, field + " '" + key + "' must be 1 to 100 letters, digits, '-' or '_'");
    }
  }

  /**
   * A builder for a task with the key {@code taskKey} ({@code task_key}); {@link Builder#build()} checks it.
   *
   * @param taskKey 1 to 100 letters, digits, {@code -} or {@code _}, unique within the run
   * @return a builder for the task
   */
  public static Builder builder(String taskKey) {
    return new Builder(Objects.requireNonNull(taskKey, "taskKey"));
  }

  /**
   * Builds a {@link SubmitTask}. Each task-type method sets the type and its fields; calling one of another type
   * throws at once. The compute setters replace each other. Mutable, not thread-safe.
   */
  public static final class Builder {
    private String taskKey;
    private @Nullable String description;
    private final List<String> dependsOn = new ArrayList<>();
    private @Nullable RunIf runIf;
    private @Nullable TaskType taskType;
    private final Map<String, Object> taskFields = new LinkedHashMap<>();
    private @Nullable String existingClusterId;
    private @Nullable NewCluster newCluster;
    private @Nullable String environmentKey;
    private boolean serverless;
    private final List<Library> libraries = new ArrayList<>();
    private @Nullable Duration timeout;
    private Map<String, Object> additionalFields = new LinkedHashMap<>();

    Builder(String taskKey) {
      this.taskKey = taskKey;
    }

    void taskKey(String key) {
      this.taskKey = Objects.requireNonNull(key, "taskKey");
    }

    boolean hasTaskType() {
      return taskType != null;
    }

    /**
     * {@code description} of the task.
     * @param description free text, shown in the workspace UI
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Adds tasks that must finish before this one ({@code depends_on}), by key.
     * @param taskKeys the {@code task_key}s of other tasks of the run
     * @return this builder
     */
    public Builder dependsOn(String... taskKeys) {
      for (String k : taskKeys) {
        dependsOn.add(Objects.requireNonNull(k, "taskKeys"));
      }
      return this;
    }

    /**
     * {@code run_if}: when this task runs, judged by its dependencies; default {@link RunIf#ALL_SUCCEEDED}.
     * @param runIf the condition
     * @return this builder
     */
    public Builder runIf(RunIf runIf) {
      this.runIf = Objects.requireNonNull(runIf, "runIf");
      return this;
    }

    /**
     * A {@code notebook_task}: the notebook's path (workspace, or in the run's Git source) and its parameters.
     * @param notebookPath the notebook's path, e.g. {@code /Workspace/etl/ingest}, or relative to the Git source
     * @param baseParameters the notebook's {@code base_parameters}, by widget name
     * @return this builder
     */
    public Builder notebookTask(String notebookPath, Map<String, String> baseParameters) {
      type(TaskType.NOTEBOOK);
      taskFields.put("notebook_path", Objects.requireNonNull(notebookPath, "notebookPath"));
      taskFields.put("base_parameters", map("base_parameters", baseParameters));
      return this;
    }

    /**
     * A {@code spark_jar_task}: the main class (its JAR given as a {@link Library#jar library}) and its arguments.
     * @param mainClassName the {@code main_class_name}, e.g. {@code com.example.Etl}
     * @param parameters the main method's arguments, in order
     * @return this builder
     */
    public Builder jarTask(String mainClassName, List<String> parameters) {
      type(TaskType.JAR);
      taskFields.put("main_class_name", Objects.requireNonNull(mainClassName, "mainClassName"));
      taskFields.put("parameters", list("parameters", parameters));
      return this;
    }

    /**
     * A {@code spark_python_task}: the Python file's URI and its arguments (ASCII).
     * @param pythonFile the Python file's URI, e.g. {@code dbfs:/etl/ingest.py}
     * @param parameters the script's arguments, in order; ASCII
     * @return this builder
     */
    public Builder pythonTask(String pythonFile, List<String> parameters) {
      type(TaskType.PYTHON);
      taskFields.put("python_file", Objects.requireNonNull(pythonFile, "pythonFile"));
      taskFields.put("parameters", list("parameters", parameters));
      return this;
    }

    /**
     * A {@code python_wheel_task} with positional arguments: the package (installed as a {@link Library#whl}
     * library or an environment dependency), its entry point, and {@code parameters}.
     * @param packageName the wheel's {@code package_name}
     * @param entryPoint the {@code entry_point} declared in the wheel's metadata
     * @param parameters the positional arguments, in order
     * @return this builder
     */
    public Builder pythonWheelTask(String packageName, String entryPoint, List<String> parameters) {
      wheel(packageName, entryPoint);
      taskFields.put("parameters", list("parameters", parameters));
      return this;
    }

    /**
     * A {@code python_wheel_task} with named arguments ({@code named_parameters}, passed as {@code --name=value}).
     * @param packageName the wheel's {@code package_name}
     * @param entryPoint the {@code entry_point} declared in the wheel's metadata
     * @param namedParameters the arguments by name
     * @return this builder
     */
    public Builder pythonWheelTask(String packageName, String entryPoint, Map<String, String> namedParameters) {
      wheel(packageName, entryPoint);
      taskFields.put("named_parameters", map("named_parameters", namedParameters));
      return this;
    }

    private void wheel(String packageName, String entryPoint) {
      type(TaskType.PYTHON_WHEEL);
      taskFields.put("package_name", Objects.requireNonNull(packageName, "packageName"));
      taskFields.put("entry_point", Objects.requireNonNull(entryPoint, "entryPoint"));
    }

    /**
     * A {@code spark_submit_task}: the {@code spark-submit} arguments (ASCII), e.g. {@code --class} and a JAR.
     * @param parameters the {@code spark-submit} arguments, in order; ASCII
     * @return this builder
     */
    public Builder sparkSubmitTask(List<String> parameters) {
      type(TaskType.SPARK_SUBMIT);
      taskFields.put("parameters", list("parameters", parameters));
      return this;
    }

    /**
     * A {@code sql_task} running a saved query ({@code query.query_id}) on a SQL warehouse.
     * @param warehouseId the SQL warehouse's {@code warehouse_id}
     * @param queryId the saved query's id
     * @param parameters the query's parameters by name
     * @return this builder
     */
    public Builder sqlQueryTask(String warehouseId, String queryId, Map<String, String> parameters) {
      sql(warehouseId, parameters);
      taskFields.put("query", Map.of("query_id", Objects.requireNonNull(queryId, "queryId")));
      return this;
    }

    /**
     * A {@code sql_task} running a SQL file ({@code file.path}: in the workspace, or in the run's Git source) on a
     * SQL warehouse.
     * @param warehouseId the SQL warehouse's {@code warehouse_id}
     * @param path the SQL file's path
     * @param parameters the file's parameters by name
     * @return this builder
     */
    public Builder sqlFileTask(String warehouseId, String path, Map<String, String> parameters) {
      sql(warehouseId, parameters);
      taskFields.put("file", Map.of("path", Objects.requireNonNull(path, "path")));
      return this;
    }

    private void sql(String warehouseId, Map<String, String> parameters) {
      type(TaskType.SQL);
      taskFields.put("warehouse_id", Objects.requireNonNull(warehouseId, "warehouseId"));
      taskFields.put("parameters", map("parameters", parameters));
    }

    /**
     * A {@code dbt_task}: the dbt commands, e.g. {@code dbt deps}, {@code dbt run}. Needs compute.
     * @param commands the dbt commands, in order
     * @return this builder
     */
    public Builder dbtTask(List<String> commands) {
      type(TaskType.DBT);
      taskFields.put("commands", list("commands", commands));
      return this;
    }

    /**
     * A {@code dbt_task} whose SQL runs on the SQL warehouse {@code warehouseId} ({@code warehouse_id}).
     * @param commands the dbt commands, in order
     * @param warehouseId the SQL warehouse's {@code warehouse_id}
     * @return this builder
     */
    public Builder dbtTask(List<String> commands, String warehouseId) {
      dbtTask(commands);
      taskFields.put("warehouse_id", Objects.requireNonNull(warehouseId, "warehouseId"));
      return this;
    }

    /**
     * A {@code pipeline_task}: an update of the pipeline {@code pipelineId}, in full when {@code fullRefresh}.
     * @param pipelineId the pipeline's {@code pipeline_id}
     * @param fullRefresh true for a full refresh of every table
     * @return this builder
     */
    public Builder pipelineTask(String pipelineId, boolean fullRefresh) {
      type(TaskType.PIPELINE);
      taskFields.put("pipeline_id", Objects.requireNonNull(pipelineId, "pipelineId"));
      taskFields.put("full_refresh", fullRefresh);
      return this;
    }

    /**
     * Runs on an existing all-purpose cluster ({@code existing_cluster_id}). Replaces other compute.
     * @param clusterId the cluster's {@code cluster_id}
     * @return this builder
     */
    public Builder existingCluster(String clusterId) {
      clearCompute();
      this.existingClusterId = Objects.requireNonNull(clusterId, "clusterId");
      return this;
    }

    /**
     * Runs on a new job cluster of its own ({@code new_cluster}). Replaces other compute.
     * @param cluster the cluster spec
     * @return this builder
     */
    public Builder newCluster(NewCluster cluster) {
      clearCompute();
      this.newCluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /**
     * Runs on serverless compute with the run's environment {@code environmentKey} ({@code environment_key}; see
     * {@link OneTimeRunRequest.Builder#environment(ServerlessEnvironment)}). Replaces other compute.
     * @param environmentKey the {@code environment_key} of an environment added to the run
     * @return this builder
     */
    public Builder environment(String environmentKey) {
      clearCompute();
      this.environmentKey = Objects.requireNonNull(environmentKey, "environmentKey");
      return this;
    }

    /**
     * Runs a notebook on serverless compute without an environment: no compute field is sent, which the Jobs API
     * reads as serverless. For notebook tasks only. Replaces other compute.
     * @return this builder
     */
    public Builder serverless() {
      clearCompute();
      this.serverless = true;
      return this;
    }

    private void clearCompute() {
      existingClusterId = null;
      newCluster = null;
      environmentKey = null;
      serverless = false;
    }

    /**
     * Adds libraries ({@code libraries}).
     * @param libraries the libraries to install before the task runs
     * @return this builder
     */
    public Builder library(Library... libraries) {
      this.libraries.addAll(Arrays.asList(libraries));
      return this;
    }

    /**
     * {@code timeout_seconds} of this task: whole seconds, &ge; 1 s. Default: none.
     * @param timeout the task's timeout; whole seconds, at least 1 s
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Merges a JSON object into this task's JSON, unchecked (see {@link SubmitTask}), e.g.
     * {@code {"max_retries": 2, "notebook_task": {"warehouse_id": "abc"}}}. Several calls merge in order.
     *
     * @param json a JSON object
     * @return this builder
     * @throws InvalidRequestException ({@code additionalFields}) at once when {@code json} is not one JSON object
     */
    public Builder additionalFields(String json) {
      additionalFields = JsonTrees.compose(additionalFields,
          JsonTrees.parseObject("additionalFields", Objects.requireNonNull(json, "json")));
      return this;
    }

    /**
     * Merges an object of maps, lists, strings, numbers, booleans and nulls into this task's JSON, unchecked (see
     * {@link SubmitTask}). Several calls merge in order.
     *
     * @param fields the fields to merge, by name
     * @return this builder
     * @throws InvalidRequestException ({@code additionalFields}) at once when {@code fields} holds a value that is
     *     not JSON
     */
    public Builder additionalFields(Map<String, ?> fields) {
      additionalFields = JsonTrees.compose(additionalFields,
          JsonTrees.copyObject("additionalFields", Objects.requireNonNull(fields, "fields")));
      return this;
    }

    /**
     * The task.
     *
     * @return the task, checked
     * @throws InvalidRequestException naming the field: a bad key, no task type, no compute where the type needs
     *     one, a bad timeout or parameter
     */
    public SubmitTask build() {
      return new SubmitTask(taskKey, description, dependsOn, runIf, taskType, taskFields, existingClusterId,
          newCluster, environmentKey, serverless, libraries, timeout, additionalFields);
    }

    private void type(TaskType type) {
      if (taskType != null && taskType != type) {
        throw new InvalidRequestException(type.field(), "task '" + taskKey + "' has one task type: "
            + taskType.field() + " is already set, so " + type.field() + " cannot be added");
      }
      taskType = type;
      taskFields.clear();
    }

    private static Map<String, String> map(String field, Map<String, String> map) {
      Map<String, String> copy = RequestRules.copyMap(field, Objects.requireNonNull(map, field));
      return copy == null ? Map.of() : copy;
    }

    private static List<String> list(String field, List<String> list) {
      List<String> copy = RequestRules.copyList(field, Objects.requireNonNull(list, field));
      return copy == null ? List.of() : copy;
    }
  }
}
