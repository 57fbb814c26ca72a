package io.github.dbexec.testkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a {@code runs/submit} body as the Jobs API does before it creates a run: the tasks (one
 * {@code task_key} each, unique; exactly one task kind with its required fields; compute where the kind needs
 * it; {@code depends_on} naming other tasks, without cycles; a known {@code run_if}), the serverless
 * {@code environments} the tasks name, {@code git_source} and {@code libraries}; shared {@code job_clusters}
 * are refused, as runs/submit does (recorded, Microsoft Q&A 922078). Every error is 400 INVALID_PARAMETER_VALUE. Recorded wordings: the missing compute
 * (databricks/cli#838, #1039), a task depending on itself (apache/airflow#47983), a {@code git_source} without
 * {@code git_provider} (databricks/cli {@code libs/testserver/jobs.go}); the other wordings are assumed.
 */
final class SubmitRules {
  /** The task kinds a one-time run may hold (SubmitTask); those the fake plays out are all of them. */
  static final List<String> TASK_KINDS = List.of("notebook_task", "spark_jar_task", "spark_python_task",
      "python_wheel_task", "spark_submit_task", "sql_task", "dbt_task", "pipeline_task", "run_job_task",
      "condition_task", "for_each_task", "dashboard_task", "alert_task", "power_bi_task",
      "clean_rooms_notebook_task", "gen_ai_compute_task", "dbt_cloud_task", "dbt_platform_task");
  /** Kinds that run on a cluster and cannot run without one (no serverless environment). */
  private static final Set<String> CLUSTER_ONLY = Set.of("spark_submit_task");
  /** Kinds that need a cluster or a serverless environment ({@code environment_key}). */
  private static final Set<String> NEED_COMPUTE = Set.of("spark_jar_task", "spark_python_task",
      "python_wheel_task", "dbt_task");
  /** Required fields per kind (docs: the SDK models' required fields). */
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "notebook_task", List.of("notebook_path"),
      "spark_jar_task", List.of(),
      "spark_python_task", List.of("python_file"),
      "python_wheel_task", List.of("package_name", "entry_point"),
      "sql_task", List.of("warehouse_id"),
      "dbt_task", List.of("commands"),
      "pipeline_task", List.of("pipeline_id"),
      "run_job_task", List.of("job_id"));
  static final Set<String> RUN_IF = Set.of("ALL_SUCCESS", "ALL_DONE", "NONE_FAILED", "AT_LEAST_ONE_SUCCESS",
      "ALL_FAILED", "AT_LEAST_ONE_FAILED");
  private static final List<String> GIT_PROVIDERS = List.of("github", "gitlab", "bitbucketcloud",
      "gitlabenterpriseedition", "bitbucketserver", "azuredevopsservices", "githubenterprise", "awscodecommit");
  private static final List<String> LIBRARY_KINDS = List.of("jar", "egg", "whl", "pypi", "maven", "cran",
      "requirements");
  /** What runs/submit answers to {@code job_clusters} (recorded, Microsoft Q&A 922078, API 2.1). */
  static final String SHARED_JOB_CLUSTERS = "Shared job cluster feature is not supported in runs/submit API.";
  static final String MISSING_COMPUTE = "One of job_cluster_key, new_cluster, or existing_cluster_id must be "
      + "specified.";

  private SubmitRules() {}

  /**
   * The validated tasks of a {@code runs/submit} body, in their order.
   *
   * @throws ApiException 400 INVALID_PARAMETER_VALUE for the first rule the body breaks
   */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> validate(Map<String, Object> body) {
    Object rawTasks = body.get("tasks");
    if (rawTasks != null && !(rawTasks instanceof List)) {
      throw ApiException.invalidParameter("Expected an array for 'tasks' but got " + Json.write(rawTasks));
    }
    List<?> list = rawTasks == null ? List.of() : (List<?>) rawTasks;
    if (list.isEmpty()) {
      // recorded for a body without tasks (databricks/cli#838)
      throw ApiException.invalidParameter(MISSING_COMPUTE);
    }
    if (list.size() > 1000) {
      throw ApiException.invalidParameter("A run can have at most 1000 tasks, got " + list.size());
    }
    if (body.get("job_clusters") != null) {
      // recorded (Microsoft Q&A 922078, API 2.1); the SubmitRun model of the official SDKs has no job_clusters
      throw ApiException.invalidParameter(SHARED_JOB_CLUSTERS);
    }
    Set<String> environments = keys(body, "environments", "environment_key", "spec");
    Map<String, Object> gitSource = object(body, "git_source");
    if (gitSource != null) {
      validateGitSource(gitSource);
    }
    Object timeout = body.get("timeout_seconds");
    if (timeout != null && (!(timeout instanceof Long) || (Long) timeout < 0)) {
      throw ApiException.invalidParameter(
          "Expected a non-negative integer for 'timeout_seconds' but got " + Json.write(timeout));
    }
    List<Map<String, Object>> tasks = new ArrayList<>();
    Set<String> taskKeys = new LinkedHashSet<>();
    for (Object item : list) {
      if (!(item instanceof Map) || !(((Map<?, ?>) item).get("task_key") instanceof String key) || key.isEmpty()) {
        throw ApiException.invalidParameter("Missing required field: tasks.task_key");
      }
      if (!taskKeys.add(key)) {
        throw ApiException.invalidParameter("Task key '" + key + "' is used by more than one task. Task keys "
            + "must be unique within a run.");
      }
      tasks.add((Map<String, Object>) item);
    }
    for (Map<String, Object> task : tasks) {
      validateTask(task, environments, gitSource != null);
    }
    validateGraph(tasks, taskKeys);
    return tasks;
  }

  private static void validateTask(Map<String, Object> task, Set<String> environments, boolean hasGitSource) {
    String key = (String) task.get("task_key");
    List<String> kinds = new ArrayList<>();
    for (String kind : TASK_KINDS) {
      if (task.get(kind) != null) {
        kinds.add(kind);
      }
    }
    if (kinds.size() != 1) {
      throw ApiException.invalidParameter("Task '" + key + "' must have exactly one task type (for example "
          + "notebook_task, spark_jar_task, spark_python_task, python_wheel_task, spark_submit_task, sql_task, "
          + "dbt_task, pipeline_task or run_job_task), got " + (kinds.isEmpty() ? "none" : String.join(", ", kinds))
          + ".");
    }
    String kind = kinds.get(0);
    Object payload = task.get(kind);
    if (!(payload instanceof Map)) {
      throw ApiException.invalidParameter("Expected an object for 'tasks." + kind + "' but got " + Json.write(payload));
    }
    Map<?, ?> fields = (Map<?, ?>) payload;
    for (String required : REQUIRED.getOrDefault(kind, List.of())) {
      if (fields.get(required) == null) {
        throw ApiException.invalidParameter("Missing required field: tasks." + kind + "." + required);
      }
    }
    if (kind.equals("spark_jar_task") && fields.get("main_class_name") == null && fields.get("jar_uri") == null) {
      throw ApiException.invalidParameter("Missing required field: tasks.spark_jar_task.main_class_name");
    }
    if ("GIT".equals(fields.get("source")) && !hasGitSource) {
      throw ApiException.invalidParameter("Task '" + key + "' has source GIT but the run has no git_source.");
    }
    List<String> computes = new ArrayList<>();
    for (String compute : List.of("existing_cluster_id", "new_cluster", "job_cluster_key", "environment_key")) {
      if (task.get(compute) != null) {
        computes.add(compute);
      }
    }
    if (computes.size() > 1) {
      throw ApiException.invalidParameter("Task '" + key + "' can use only one of existing_cluster_id, "
          + "new_cluster, job_cluster_key or environment_key, got " + String.join(", ", computes) + ".");
    }
    String compute = computes.isEmpty() ? null : computes.get(0);
    if (compute == null && (NEED_COMPUTE.contains(kind) || CLUSTER_ONLY.contains(kind))) {
      throw ApiException.invalidParameter(MISSING_COMPUTE);
    }
    if ("environment_key".equals(compute) && CLUSTER_ONLY.contains(kind)) {
      throw ApiException.invalidParameter("Task '" + key + "': " + kind + " is not supported on serverless "
          + "compute. " + MISSING_COMPUTE);
    }
    if ("job_cluster_key".equals(compute)) {
      throw ApiException.invalidParameter(SHARED_JOB_CLUSTERS);
    }
    if ("environment_key".equals(compute) && !environments.contains(String.valueOf(task.get(compute)))) {
      throw ApiException.invalidParameter("Task '" + key + "' uses environment_key '" + task.get(compute)
          + "', which is not defined in environments.");
    }
    Object libraries = task.get("libraries");
    if (libraries != null) {
      if ("environment_key".equals(compute) || compute == null) {
        throw ApiException.invalidParameter("Task '" + key + "': libraries are not supported on serverless "
            + "compute; list them as dependencies of the task's environment.");
      }
      validateLibraries(key, libraries);
    }
    Object runIf = task.get("run_if");
    if (runIf != null && !RUN_IF.contains(String.valueOf(runIf))) {
      throw ApiException.invalidParameter("Invalid run_if '" + runIf + "' of task '" + key + "'; expected one of "
          + String.join(", ", new java.util.TreeSet<>(RUN_IF)) + ".");
    }
  }

  private static void validateLibraries(String key, Object libraries) {
    if (!(libraries instanceof List)) {
      throw ApiException.invalidParameter("Expected an array for 'tasks.libraries' but got " + Json.write(libraries));
    }
    for (Object library : (List<?>) libraries) {
      List<String> kinds = new ArrayList<>();
      if (library instanceof Map<?, ?> map) {
        for (String kind : LIBRARY_KINDS) {
          if (map.get(kind) != null) {
            kinds.add(kind);
          }
        }
        if (kinds.size() == 1) {
          Object value = map.get(kinds.get(0));
          String inner = switch (kinds.get(0)) {
            case "pypi", "cran" -> "package";
            case "maven" -> "coordinates";
            default -> null;
          };
          if (inner != null && !(value instanceof Map<?, ?> spec && spec.get(inner) instanceof String)) {
            throw ApiException.invalidParameter("Missing required field: tasks.libraries." + kinds.get(0) + "."
                + inner);
          }
          continue;
        }
      }
      throw ApiException.invalidParameter("Each library of task '" + key + "' must set exactly one of "
          + String.join(", ", LIBRARY_KINDS) + ", got " + Json.write(library) + ".");
    }
  }

  private static void validateGitSource(Map<String, Object> gitSource) {
    Object provider = gitSource.get("git_provider");
    if (!(provider instanceof String p) || !GIT_PROVIDERS.contains(p.toLowerCase(Locale.ROOT))) {
      // the CLI's test server, written against real answers
      throw ApiException.invalidParameter("git_source.git_provider must be one of: "
          + String.join(",", GIT_PROVIDERS));
    }
    if (!(gitSource.get("git_url") instanceof String)) {
      throw ApiException.invalidParameter("Missing required field: git_source.git_url");
    }
    int refs = 0;
    for (String ref : List.of("git_branch", "git_tag", "git_commit")) {
      refs += gitSource.get(ref) != null ? 1 : 0;
    }
    if (refs > 1) {
      throw ApiException.invalidParameter("Only one of git_branch, git_tag or git_commit can be set in git_source.");
    }
  }

  /** depends_on names other tasks of the run (not itself), and the graph has no cycle. */
  private static void validateGraph(List<Map<String, Object>> tasks, Set<String> taskKeys) {
    Map<String, List<String>> edges = new HashMap<>();
    for (Map<String, Object> task : tasks) {
      String key = (String) task.get("task_key");
      List<String> deps = new ArrayList<>();
      Object dependsOn = task.get("depends_on");
      if (dependsOn != null && !(dependsOn instanceof List)) {
        throw ApiException.invalidParameter("Expected an array for 'tasks.depends_on' but got "
            + Json.write(dependsOn));
      }
      for (Object dep : dependsOn == null ? List.of() : (List<?>) dependsOn) {
        if (!(dep instanceof Map<?, ?> map) || !(map.get("task_key") instanceof String depKey)) {
          throw ApiException.invalidParameter("Missing required field: tasks.depends_on.task_key");
        }
        if (depKey.equals(key)) {
          // recorded (apache/airflow#47983)
          throw ApiException.invalidParameter("Invalid dependency graph, task '" + key
              + "' can not reference itself.");
        }
        if (!taskKeys.contains(depKey)) {
          throw ApiException.invalidParameter("Invalid dependency graph, task '" + key + "' depends on '" + depKey
              + "', which is not a task of this run.");
        }
        deps.add(depKey);
      }
      edges.put(key, deps);
    }
    Map<String, Integer> mark = new HashMap<>();
    for (String key : taskKeys) {
      List<String> cycle = cycleFrom(key, edges, mark, new ArrayList<>());
      if (cycle != null) {
        throw ApiException.invalidParameter("Invalid dependency graph, the tasks form a cycle: "
            + String.join(" -> ", cycle) + ".");
      }
    }
  }

  /** Depth-first search; mark 1 = on the path, 2 = done. Returns the cycle found (closed), or null. */
  private static @Nullable List<String> cycleFrom(String key, Map<String, List<String>> edges,
      Map<String, Integer> mark, List<String> path) {
    Integer state = mark.get(key);
    if (state != null && state == 2) {
      return null;
    }
    if (state != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
      cycle.add(key);
      return cycle;
    }
    mark.put(key, 1);
    path.add(key);
    for (String dep : edges.getOrDefault(key, List.of())) {
      List<String> cycle = cycleFrom(dep, edges, mark, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    mark.put(key, 2);
    return null;
  }

  /** The keys of a keyed array ({@code job_clusters}, {@code environments}), checking each entry. */
  private static Set<String> keys(Map<String, Object> body, String field, String keyField, String required) {
    Object value = body.get(field);
    Set<String> keys = new LinkedHashSet<>();
    if (value == null) {
      return keys;
    }
    if (!(value instanceof List)) {
      throw ApiException.invalidParameter("Expected an array for '" + field + "' but got " + Json.write(value));
    }
    for (Object item : (List<?>) value) {
      if (!(item instanceof Map<?, ?> map) || !(map.get(keyField) instanceof String key)) {
        throw ApiException.invalidParameter("Missing required field: " + field + "." + keyField);
      }
      if (!(map.get(required) instanceof Map)) {
        throw ApiException.invalidParameter("Missing required field: " + field + "." + required);
      }
      if (!keys.add(key)) {
        throw ApiException.invalidParameter("Duplicate " + keyField + " '" + key + "' in " + field + ".");
      }
    }
    return keys;
  }

  private static @Nullable Map<String, Object> object(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw ApiException.invalidParameter("Expected an object for '" + field + "' but got " + Json.write(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  /**
   * What a one-time run keeps of its request besides the tasks, as sent: {@code git_source}, {@code environments}, {@code timeout_seconds}, {@code health}, the notification
   * settings, {@code run_as}, {@code access_control_list}, {@code queue}, {@code budget_policy_id},
   * {@code performance_target}.
   */
  static Map<String, Object> runSettings(Map<String, Object> body) {
    Map<String, Object> kept = new LinkedHashMap<>();
    for (String field : List.of("git_source", "environments", "timeout_seconds", "health",
        "email_notifications", "webhook_notifications", "notification_settings", "run_as", "access_control_list",
        "queue", "budget_policy_id", "usage_policy_id", "performance_target")) {
      Object value = body.get(field);
      if (value != null) {
        kept.put(field, Json.deepCopy(value));
      }
    }
    return kept;
  }
}
