package io.github.dbexec.testkit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates job settings as {@code jobs/create} (and later {@code reset}/{@code update}) receive them and
 * adds the defaults the real service adds: {@code name} "Untitled", {@code max_concurrent_runs} 1,
 * {@code timeout_seconds} 0, empty notification objects, {@code format} MULTI_TASK, task defaults
 * ({@code run_if} ALL_SUCCESS, {@code timeout_seconds} 0) and, for jobs created through API 2.2 without a
 * {@code queue} setting, {@code queue: {enabled: true}} (jobs-api.md §0).
 *
 * <p>Error wording for bad settings is the fake's own (UNVERIFIED); codes are INVALID_PARAMETER_VALUE.
 */
final class JobSettingsRules {
  static final int MAX_CONCURRENT_RUNS_LIMIT = 1000;

  private JobSettingsRules() {}

  /** Validated settings with defaults, as stored by a new job. */
  static Map<String, Object> forCreate(Map<String, Object> body, String apiVersion) {
    Map<String, Object> settings = Json.mutableCopy(body);
    settings.remove("access_control_list");
    validate(settings);
    settings.putIfAbsent("name", "Untitled");
    settings.putIfAbsent("email_notifications", new LinkedHashMap<>());
    settings.putIfAbsent("webhook_notifications", new LinkedHashMap<>());
    settings.putIfAbsent("timeout_seconds", 0L);
    settings.putIfAbsent("max_concurrent_runs", 1L);
    settings.put("format", "MULTI_TASK");
    if ("2.2".equals(apiVersion) && !settings.containsKey("queue")) {
      Map<String, Object> queue = new LinkedHashMap<>();
      queue.put("enabled", true);
      settings.put("queue", queue);
    }
    Object tasks = settings.get("tasks");
    if (tasks instanceof List) {
      for (Object task : (List<?>) tasks) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) task;
        map.putIfAbsent("run_if", "ALL_SUCCESS");
        map.putIfAbsent("timeout_seconds", 0L);
        map.putIfAbsent("email_notifications", new LinkedHashMap<>());
      }
    }
    return settings;
  }

  /** Checks the types and limits of the settings fields the fake interprets. */
  static void validate(Map<String, Object> settings) {
    Object name = settings.get("name");
    if (name != null && !(name instanceof String)) {
      throw ApiException.invalidParameter("Expected a string for 'name' but got " + Json.write(name));
    }
    Object max = settings.get("max_concurrent_runs");
    if (max != null) {
      if (!(max instanceof Long)) {
        throw ApiException.invalidParameter(
            "Expected an integer for 'max_concurrent_runs' but got " + Json.write(max));
      }
      long value = (Long) max;
      if (value < 0 || value > MAX_CONCURRENT_RUNS_LIMIT) {
        throw ApiException.invalidParameter("max_concurrent_runs must be between 0 and "
            + MAX_CONCURRENT_RUNS_LIMIT + ", got " + value);
      }
    }
    Object timeout = settings.get("timeout_seconds");
    if (timeout != null && (!(timeout instanceof Long) || (Long) timeout < 0)) {
      throw ApiException.invalidParameter(
          "Expected a non-negative integer for 'timeout_seconds' but got " + Json.write(timeout));
    }
    Object queue = settings.get("queue");
    if (queue != null) {
      if (!(queue instanceof Map)) {
        throw ApiException.invalidParameter("Expected an object for 'queue' but got " + Json.write(queue));
      }
      Object enabled = ((Map<?, ?>) queue).get("enabled");
      if (!(enabled instanceof Boolean)) {
        throw ApiException.invalidParameter("Missing required field: queue.enabled");
      }
    }
    Object tasks = settings.get("tasks");
    if (tasks != null) {
      if (!(tasks instanceof List)) {
        throw ApiException.invalidParameter("Expected an array for 'tasks' but got " + Json.write(tasks));
      }
      List<?> list = (List<?>) tasks;
      if (list.size() > 1000) {
        throw ApiException.invalidParameter("A job can have at most 1000 tasks, got " + list.size());
      }
      for (Object task : list) {
        if (!(task instanceof Map) || !(((Map<?, ?>) task).get("task_key") instanceof String)) {
          throw ApiException.invalidParameter("Missing required field: tasks.task_key");
        }
      }
    }
  }
}
