package io.github.dbexec;

import io.github.dbexec.internal.JsonTrees;
import io.github.dbexec.internal.RequestRules;
import io.github.dbexec.internal.TaskGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A one-time run ({@code runs/submit}) without a saved job: one task or many, with the tasks' dependencies, their
 * compute (existing clusters, new clusters, serverless environments), a Git source, libraries, a timeout, health
 * rules, notifications, the identity it runs as and who may see it. An immutable value, checked when it is created.
 * Send it with {@link DatabricksExecutor#submit(OneTimeRunRequest)}, or build and send it fluently from
 * {@link DatabricksExecutor#oneTimeRun()}.
 *
 * <p>One task, with the shortcuts of the builder:
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
 * <p>Several tasks on serverless compute, the second after the first:
 *
 * <pre>{@code
 * Submission s = executor.oneTimeRun()
 *     .runName("nightly")
 *     .environment(ServerlessEnvironment.of("default", "2", List.of("etl==1.4.0")))
 *     .task("ingest", t -> t.pythonWheelTask("etl", "ingest", List.of()).environment("default"))
 *     .task("report", t -> t.notebookTask("/Repos/etl/report", Map.of()).serverless().dependsOn("ingest"))
 *     .additionalFields("{\"performance_target\": \"PERFORMANCE_OPTIMIZED\"}")
 *     .idempotencyKey("nightly:2026-11-20")
 *     .submit();
 * }</pre>
 *
 * <p><b>Additional fields</b> (the escape hatch): a JSON object merged into the request body as a JSON Merge Patch
 * (RFC 7396) after the typed fields: objects merge, arrays and other values replace, {@code null} removes. For any
 * field dbexec does not model ({@code budget_policy_id}, {@code notification_settings}, {@code performance_target},
 * ...). They are <b>unchecked</b>: dbexec checks only that they are JSON and set neither {@code idempotency_token}
 * (use {@link Builder#idempotencyKey}) nor {@code tasks} (use {@link SubmitTask.Builder#additionalFields}); the
 * workspace judges the rest. Fields for one task go in that task's additional fields.
 *
 * <p>Idempotency works as for run-now: the token is derived from the key with
 * {@link IdempotencyTokens#forSubmit(String)}, or random per submission and reused across its retries. Queue reports
 * use the run's own state only (a one-time run has no job settings). One-time runs are never retried by Databricks
 * and report {@code run_type} SUBMIT_RUN.
 *
 * <p>The canonical constructor throws {@link InvalidRequestException} when the request breaks a Jobs API rule,
 * naming the field: no task, two tasks with one key, a {@code depends_on} naming no task of the run or forming a
 * cycle (the message names the tasks on it), an {@code environment_key} naming no environment of the run.
 *
 * @param runName {@code run_name}; null gives the Jobs API's default, {@code Untitled}
 * @param tasks {@code tasks}: at least one, with unique keys
 * @param environments {@code environments}: serverless environments the tasks name; empty for none
 * @param gitSource {@code git_source}; null for none
 * @param timeout {@code timeout_seconds} of the run, whole seconds, at least 1 s; null for none
 * @param queueEnabled {@code queue.enabled} for this run; null for the workspace's default
 * @param healthRules {@code health.rules}; empty for none
 * @param emailNotifications {@code email_notifications}: e-mail addresses per event; null for none
 * @param webhookNotifications {@code webhook_notifications}: notification destination ids per event; null for none
 * @param runAs {@code run_as}; null for the caller
 * @param accessControlList {@code access_control_list}; empty for none
 * @param additionalFields unchecked fields merged into the request body; empty for none
 * @param idempotencyKey the caller's key, not empty; null for none
 * @param idempotencyToken the exact {@code idempotency_token}, 1 to 64 characters; wins over the key
 */
public record OneTimeRunRequest(
    @Nullable String runName,
    List<SubmitTask> tasks,
    List<ServerlessEnvironment> environments,
    @Nullable GitSource gitSource,
    @Nullable Duration timeout,
    @Nullable Boolean queueEnabled,
    List<HealthRule> healthRules,
    @Nullable Notifications emailNotifications,
    @Nullable Notifications webhookNotifications,
    @Nullable RunAs runAs,
    List<AccessControl> accessControlList,
    Map<String, Object> additionalFields,
    @Nullable String idempotencyKey,
    @Nullable String idempotencyToken) {
  /**
   * Copies the collections and checks the Jobs API's rules.
   * @param runName {@code run_name}; null gives the Jobs API's default, {@code Untitled}
   * @param tasks {@code tasks}: at least one, with unique keys
   * @param environments {@code environments}: serverless environments the tasks name; empty for none
   * @param gitSource {@code git_source}; null for none
   * @param timeout {@code timeout_seconds} of the run, whole seconds, at least 1 s; null for none
   * @param queueEnabled {@code queue.enabled} for this run; null for the workspace's default
   * @param healthRules {@code health.rules}; empty for none
   * @param emailNotifications {@code email_notifications}: e-mail addresses per event; null for none
   * @param webhookNotifications {@code webhook_notifications}: notification destination ids per event; null for none
   * @param runAs {@code run_as}; null for the caller
   * @param accessControlList {@code access_control_list}; empty for none
   * @param additionalFields unchecked fields merged into the request body; empty for none
   * @param idempotencyKey the caller's key, not empty; null for none
   * @param idempotencyToken the exact {@code idempotency_token}, 1 to 64 characters; wins over the key
   */
  public OneTimeRunRequest {
    tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
    environments = List.copyOf(Objects.requireNonNull(environments, "environments"));
    healthRules = List.copyOf(Objects.requireNonNull(healthRules, "healthRules"));
    accessControlList = List.copyOf(Objects.requireNonNull(accessControlList, "accessControlList"));
    additionalFields = JsonTrees.copyObject("additionalFields",
        Objects.requireNonNull(additionalFields, "additionalFields"));
    if (tasks.isEmpty()) {
      throw new InvalidRequestException("tasks", "a one-time run needs a task: call notebookTask, jarTask or "
          + "pythonTask, or add tasks with task(..)");
    }
    if (additionalFields.containsKey("idempotency_token")) {
      throw new InvalidRequestException("idempotency_token", "idempotency_token cannot be set in additionalFields; "
          + "use idempotencyKey(..) or idempotencyToken(..)");
    }
    if (additionalFields.containsKey("tasks")) {
      throw new InvalidRequestException("tasks", "tasks cannot be set in the run's additionalFields; give each "
          + "task's own fields with SubmitTask.Builder.additionalFields(..)");
    }
    if (timeout != null && (timeout.isNegative() || timeout.toSeconds() < 1)) {
      throw new InvalidRequestException("timeout_seconds", "timeout_seconds must be >= 1 s, was " + timeout);
    }
    RequestRules.checkIdempotency(idempotencyToken, idempotencyKey);
    TaskGraph.check(tasks, environments);
  }

  /** {@return a builder for a one-time run, to {@link Builder#build()} and pass to the executor} */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Builds a {@link OneTimeRunRequest}; {@link #build()} checks it. Add tasks with {@link #task(SubmitTask)}, or
   * describe a single task with the shortcuts ({@link #notebookTask}, {@link #jarTask}, {@link #pythonTask},
   * {@link #existingCluster}, {@link #newCluster}, {@link #jarLibrary}, {@link #mavenLibrary}, {@link #taskKey}) —
   * not both. Mutable, not thread-safe: one per trigger. A builder from {@link DatabricksExecutor#oneTimeRun()} can
   * also send what it builds ({@link #submit()}).
   */
  public static final class Builder {
    private final @Nullable DatabricksExecutor executor;
    private @Nullable String runName;
    private String taskKey = "main";
    private SubmitTask.@Nullable Builder single;
    private final List<SubmitTask> tasks = new ArrayList<>();
    private final List<ServerlessEnvironment> environments = new ArrayList<>();
    private @Nullable GitSource gitSource;
    private @Nullable Duration timeout;
    private @Nullable Boolean queueEnabled;
    private final List<HealthRule> healthRules = new ArrayList<>();
    private @Nullable Notifications emailNotifications;
    private @Nullable Notifications webhookNotifications;
    private @Nullable RunAs runAs;
    private final List<AccessControl> accessControlList = new ArrayList<>();
    private Map<String, Object> additionalFields = new LinkedHashMap<>();
    private @Nullable String idempotencyKey;
    private @Nullable String idempotencyToken;

    Builder(@Nullable DatabricksExecutor executor) {
      this.executor = executor;
    }

    /**
     * {@code run_name}; the Jobs API's default is {@code Untitled}.
     * @param runName the run's name, shown in the workspace UI
     * @return this builder
     */
    public Builder runName(String runName) {
      this.runName = Objects.requireNonNull(runName, "runName");
      return this;
    }

    /**
     * Adds a task ({@code tasks}).
     * @param task the task, built with {@link SubmitTask#builder(String)}
     * @return this builder
     */
    public Builder task(SubmitTask task) {
      tasks.add(Objects.requireNonNull(task, "task"));
      return this;
    }

    /**
     * Adds a task with the key {@code taskKey}, described by {@code spec} on a fresh {@link SubmitTask.Builder}.
     *
     * @param taskKey the task's {@code task_key}, unique within the run
     * @param spec sets the task up on the builder it is given
     * @return this builder
     * @throws InvalidRequestException when the task breaks a rule (see {@link SubmitTask.Builder#build()})
     */
    public Builder task(String taskKey, Consumer<SubmitTask.Builder> spec) {
      SubmitTask.Builder b = SubmitTask.builder(taskKey);
      Objects.requireNonNull(spec, "spec").accept(b);
      return task(b.build());
    }

    /**
     * Adds a serverless environment ({@code environments}) that tasks name with {@code environment(key)}.
     * @param environment the environment, with its {@code environment_key} unique within the run
     * @return this builder
     */
    public Builder environment(ServerlessEnvironment environment) {
      environments.add(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /**
     * {@code git_source}: the repository the tasks' paths are relative to.
     * @param gitSource the Git repository and reference
     * @return this builder
     */
    public Builder gitSource(GitSource gitSource) {
      this.gitSource = Objects.requireNonNull(gitSource, "gitSource");
      return this;
    }

    /**
     * The single task's {@code task_key} (shortcut); default {@code main}.
     * @param taskKey the single task's {@code task_key}
     * @return this builder
     */
    public Builder taskKey(String taskKey) {
      this.taskKey = Objects.requireNonNull(taskKey, "taskKey");
      return this;
    }

    /**
     * The single task is a {@code notebook_task} (shortcut; see {@link SubmitTask.Builder#notebookTask}).
     * @param notebookPath the notebook's path, e.g. {@code /Workspace/etl/ingest}
     * @param baseParameters the notebook's {@code base_parameters}, by widget name
     * @return this builder
     */
    public Builder notebookTask(String notebookPath, Map<String, String> baseParameters) {
      single().notebookTask(notebookPath, baseParameters);
      return this;
    }

    /**
     * The single task is a {@code spark_jar_task} (shortcut; see {@link SubmitTask.Builder#jarTask}).
     * @param mainClassName the {@code main_class_name}, e.g. {@code com.example.Etl}
     * @param parameters the main method's arguments, in order
     * @return this builder
     */
    public Builder jarTask(String mainClassName, List<String> parameters) {
      single().jarTask(mainClassName, parameters);
      return this;
    }

    /**
     * The single task is a {@code spark_python_task} (shortcut; see {@link SubmitTask.Builder#pythonTask}).
     * @param pythonFile the Python file's URI, e.g. {@code dbfs:/etl/ingest.py}
     * @param parameters the script's arguments, in order; ASCII
     * @return this builder
     */
    public Builder pythonTask(String pythonFile, List<String> parameters) {
      single().pythonTask(pythonFile, parameters);
      return this;
    }

    /**
     * The single task runs on an existing all-purpose cluster ({@code existing_cluster_id}; shortcut).
     * @param clusterId the cluster's {@code cluster_id}
     * @return this builder
     */
    public Builder existingCluster(String clusterId) {
      single().existingCluster(clusterId);
      return this;
    }

    /**
     * The single task runs on a new job cluster ({@code new_cluster}; shortcut).
     * @param cluster the cluster spec
     * @return this builder
     */
    public Builder newCluster(NewCluster cluster) {
      single().newCluster(cluster);
      return this;
    }

    /**
     * Adds a JAR library to the single task, e.g. {@code dbfs:/jars/etl.jar} (shortcut).
     * @param uri the JAR's URI
     * @return this builder
     */
    public Builder jarLibrary(String uri) {
      single().library(Library.jar(Objects.requireNonNull(uri, "uri")));
      return this;
    }

    /**
     * Adds a Maven library to the single task by coordinates, e.g. {@code com.example:etl:1.2.0} (shortcut).
     * @param coordinates Maven coordinates {@code groupId:artifactId:version}
     * @return this builder
     */
    public Builder mavenLibrary(String coordinates) {
      single().library(Library.maven(Objects.requireNonNull(coordinates, "coordinates")));
      return this;
    }

    /**
     * {@code timeout_seconds} of the run: it ends TIMEDOUT after this long; whole seconds, &ge; 1 s. Default: none.
     * @param timeout the run's timeout; whole seconds, at least 1 s
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * {@code queue.enabled} for this run.
     * @param enabled true to let the run wait in the job queue when the workspace is at its limit
     * @return this builder
     */
    public Builder queue(boolean enabled) {
      this.queueEnabled = enabled;
      return this;
    }

    /**
     * Adds a health rule ({@code health.rules}).
     * @param rule the health rule
     * @return this builder
     */
    public Builder healthRule(HealthRule rule) {
      healthRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * {@code email_notifications}: e-mail addresses to notify, per event.
     * @param notifications the recipients per event
     * @return this builder
     */
    public Builder emailNotifications(Notifications notifications) {
      this.emailNotifications = Objects.requireNonNull(notifications, "notifications");
      return this;
    }

    /**
     * {@code webhook_notifications}: ids of the workspace's notification destinations to notify, per event.
     * @param notifications the recipients per event
     * @return this builder
     */
    public Builder webhookNotifications(Notifications notifications) {
      this.webhookNotifications = Objects.requireNonNull(notifications, "notifications");
      return this;
    }

    /**
     * {@code run_as}: the identity the run runs as.
     * @param runAs the user or service principal
     * @return this builder
     */
    public Builder runAs(RunAs runAs) {
      this.runAs = Objects.requireNonNull(runAs, "runAs");
      return this;
    }

    /**
     * Adds a permission on the run ({@code access_control_list}).
     * @param entry the principal and its permission level
     * @return this builder
     */
    public Builder accessControl(AccessControl entry) {
      accessControlList.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /**
     * Merges a JSON object into the request body, unchecked (see {@link OneTimeRunRequest}), e.g.
     * {@code {"budget_policy_id": "..."}}. Several calls merge in order.
     *
     * @param json a JSON object, e.g. {@code {"budget_policy_id": "..."}}
     * @return this builder
     * @throws InvalidRequestException ({@code additionalFields}) at once when {@code json} is not one JSON object
     */
    public Builder additionalFields(String json) {
      additionalFields = JsonTrees.compose(additionalFields,
          JsonTrees.parseObject("additionalFields", Objects.requireNonNull(json, "json")));
      return this;
    }

    /**
     * Merges an object of maps, lists, strings, numbers, booleans and nulls into the request body, unchecked (see
     * {@link OneTimeRunRequest}). Several calls merge in order.
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
     * The caller's idempotency key; the token sent is {@link IdempotencyTokens#forSubmit(String)}.
     * @param idempotencyKey the caller's key for this run (an event id, a file path), not empty
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      return this;
    }

    /**
     * The exact {@code idempotency_token} (at most 64 characters); takes precedence over the key.
     * @param idempotencyToken the token to send, 1 to 64 characters
     * @return this builder
     */
    public Builder idempotencyToken(String idempotencyToken) {
      this.idempotencyToken = Objects.requireNonNull(idempotencyToken, "idempotencyToken");
      return this;
    }

    /**
     * The request.
     *
     * @return the request, checked
     * @throws InvalidRequestException naming the field: no task, both the single-task shortcuts and
     *     {@link #task(SubmitTask)}, a task without compute, a duplicate key, an unknown or cyclic
     *     {@code depends_on}, an unknown {@code environment_key}, a bad timeout, token or parameter
     */
    public OneTimeRunRequest build() {
      List<SubmitTask> all = new ArrayList<>(tasks);
      if (single != null) {
        if (!tasks.isEmpty()) {
          throw new InvalidRequestException("tasks", "use either the single-task shortcuts (notebookTask, "
              + "existingCluster, jarLibrary, ...) or task(..), not both");
        }
        if (!single.hasTaskType()) {
          throw new InvalidRequestException("tasks", "a one-time run needs a task: call notebookTask, jarTask or "
              + "pythonTask, or add tasks with task(..)");
        }
        single.taskKey(taskKey);
        all.add(single.build());
      }
      return new OneTimeRunRequest(runName, all, environments, gitSource, timeout, queueEnabled, healthRules,
          emailNotifications, webhookNotifications, runAs, accessControlList, additionalFields, idempotencyKey,
          idempotencyToken);
    }

    /**
     * Builds the request and submits the run; see {@link DatabricksExecutor#submit(OneTimeRunRequest)}.
     *
     * @return the submission: run id, token and its queue report
     * @throws IllegalStateException when this builder did not come from {@link DatabricksExecutor#oneTimeRun()}
     */
    public Submission submit() {
      return executor().submit(build());
    }

    /**
     * Builds the request (throwing at once) and submits the run without blocking.
     * @return a future completed with the submission, or exceptionally as {@link #submit()} throws
     */
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

    private SubmitTask.Builder single() {
      if (single == null) {
        single = SubmitTask.builder(taskKey);
      }
      return single;
    }
  }
}
