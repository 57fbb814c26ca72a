package io.github.dbexec.testkit.internal;

import java.util.List;
import java.util.Map;

/** A saved job. Mutable; guarded by the {@link Workspace} lock. */
final class JobRecord {
  final long jobId;
  final long createdTime;
  final String creatorUserName;
  Map<String, Object> settings;

  JobRecord(long jobId, long createdTime, String creatorUserName, Map<String, Object> settings) {
    this.jobId = jobId;
    this.createdTime = createdTime;
    this.creatorUserName = creatorUserName;
    this.settings = settings;
  }

  String name() {
    Object name = settings.get("name");
    return name instanceof String ? (String) name : "Untitled";
  }

  /** {@code max_concurrent_runs}, default 1. */
  int maxConcurrentRuns() {
    Object value = settings.get("max_concurrent_runs");
    return value instanceof Number ? ((Number) value).intValue() : 1;
  }

  /** {@code queue.enabled}, false when absent. */
  boolean queueEnabled() {
    Object queue = settings.get("queue");
    if (queue instanceof Map) {
      Object enabled = ((Map<?, ?>) queue).get("enabled");
      return Boolean.TRUE.equals(enabled);
    }
    return false;
  }

  /** {@code timeout_seconds}, 0 = none. */
  long timeoutSeconds() {
    Object value = settings.get("timeout_seconds");
    return value instanceof Number ? ((Number) value).longValue() : 0;
  }

  /** The task keys of {@code settings.tasks}, in order. */
  List<String> taskKeys() {
    Object tasks = settings.get("tasks");
    if (!(tasks instanceof List)) {
      return List.of();
    }
    return ((List<?>) tasks).stream()
        .filter(t -> t instanceof Map)
        .map(t -> ((Map<?, ?>) t).get("task_key"))
        .map(k -> k instanceof String ? (String) k : "task")
        .toList();
  }
}
