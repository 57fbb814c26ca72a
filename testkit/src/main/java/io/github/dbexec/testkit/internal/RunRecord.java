package io.github.dbexec.testkit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A run and its lifecycle timestamps. Mutable; guarded by the {@link Workspace} lock. */
final class RunRecord {
  /** Whether this is a one-time run ({@code runs/submit}): no saved job, no job limit. */
  boolean oneTime() {
    return runType.equals("SUBMIT_RUN");
  }

  final long runId;
  /** The job's id; for a one-time run the id of its anonymous job (never a saved job). */
  final long jobId;
  final String runType;
  final String runName;
  final String creatorUserName;
  final long createdTime;
  final @Nullable String idempotencyToken;
  final Map<String, Object> overridingParameters;
  List<Map<String, Object>> jobParameters;
  /** Every task attempt, in creation order: a repair appends the new attempts of the tasks it re-runs. */
  final List<TaskRun> tasks;
  /**
   * Repair history items already over ({@code runs/get?include_history=true} shape): the ORIGINAL attempt and
   * every REPAIR before the current one. Empty until the first repair.
   */
  final List<Map<String, Object>> pastHistory = new java.util.ArrayList<>();
  /** The latest repair ({@code repair_id}), or null before the first. */
  @Nullable Repair latestRepair;
  /**
   * Run-level settings as the run was created with them: a one-time run's request fields other than its tasks
   * (see {@code SubmitRules.runSettings}); a job run's {@code job_clusters} and {@code git_source}.
   */
  final Map<String, Object> runSettings = new LinkedHashMap<>();
  /** The run's {@code queue_duration}, kept when a repair restarts its lifecycle; -1 before. */
  long queueMillisBeforeRepair = -1;
  RunPlan plan;
  final long timeoutSeconds;

  Phase phase;
  long pendingAt = -1;
  long runningAt = -1;
  long terminatingAt = -1;
  long endAt = -1;
  /** The outcome decided when the run entered TERMINATING (or ended without running). */
  @Nullable Outcome endOutcome;
  @Nullable String resultState;
  String stateMessage = "";
  boolean userCancelledOrTimedout;
  @Nullable String queueCode;
  @Nullable String queueMessage;
  @Nullable String terminationCode;
  @Nullable String terminationType;
  String terminationMessage = "";
  @Nullable String errorMessage;
  /** FAILED or TIMEDOUT: the result of the task that failed the run (outcome TASK_FAILED). */
  @Nullable String failedTaskResult;
  /** What this run accounts for in the workspace's retained bytes (set when registered). */
  long accountedBytes;

  /** The latest attempt of the task with this key, or null. */
  @Nullable TaskRun task(String taskKey) {
    TaskRun latest = null;
    for (TaskRun task : tasks) {
      if (task.taskKey.equals(taskKey)) {
        latest = task;
      }
    }
    return latest;
  }

  /** The latest attempt of every task, in the order the tasks were first created. */
  List<TaskRun> currentTasks() {
    if (latestRepair == null) {
      return tasks;
    }
    Map<String, TaskRun> latest = new LinkedHashMap<>();
    for (TaskRun task : tasks) {
      latest.put(task.taskKey, task);
    }
    return List.copyOf(latest.values());
  }

  /** A repair ({@code runs/repair}) of this run. */
  static final class Repair {
    final long repairId;
    final long startTime;
    final List<Long> taskRunIds;

    Repair(long repairId, long startTime, List<Long> taskRunIds) {
      this.repairId = repairId;
      this.startTime = startTime;
      this.taskRunIds = List.copyOf(taskRunIds);
    }
  }

  /** A task run inside a job run, and how far it got. */
  static final class TaskRun {
    final long runId;
    final String taskKey;
    final Map<String, Object> definition;
    final List<String> dependsOn;
    final String runIf;
    /** 0 for the first attempt; a repair's new attempt has the previous attempt's number plus one. */
    final int attemptNumber;
    /** The {@code runs/get} entry of an attempt a repair left behind (or did not re-run), frozen then. */
    @Nullable Map<String, Object> frozenJson;
    /** When it became ready and started executing (-1 before), and when its execution ends (-1 before). */
    long execStart = -1;
    long execEnd = -1;
    /** Its own final result once done (SUCCESS, FAILED, TIMEDOUT, UPSTREAM_FAILED, EXCLUDED), else null. */
    @Nullable String result;
    String message = "";
    @Nullable TaskPlan plan;

    TaskRun(long runId, String taskKey, Map<String, Object> definition) {
      this(runId, taskKey, definition, 0);
    }

    TaskRun(long runId, String taskKey, Map<String, Object> definition, int attemptNumber) {
      this.attemptNumber = attemptNumber;
      this.runId = runId;
      this.taskKey = taskKey;
      this.definition = definition;
      List<String> deps = new java.util.ArrayList<>();
      if (definition.get("depends_on") instanceof List<?> list) {
        for (Object dep : list) {
          if (dep instanceof Map<?, ?> map && map.get("task_key") instanceof String key) {
            deps.add(key);
          }
        }
      }
      this.dependsOn = List.copyOf(deps);
      this.runIf = definition.get("run_if") instanceof String s ? s : "ALL_SUCCESS";
    }

    boolean done() {
      return result != null;
    }

    boolean started() {
      return execStart >= 0;
    }
  }

  RunRecord(long runId, long jobId, String runType, String runName, String creatorUserName,
      long createdTime, @Nullable String idempotencyToken, Map<String, Object> overridingParameters,
      List<Map<String, Object>> jobParameters, List<TaskRun> tasks, RunPlan plan, long timeoutSeconds) {
    this.runId = runId;
    this.jobId = jobId;
    this.runType = runType;
    this.runName = runName;
    this.creatorUserName = creatorUserName;
    this.createdTime = createdTime;
    this.idempotencyToken = idempotencyToken;
    this.overridingParameters = new LinkedHashMap<>(overridingParameters);
    this.jobParameters = jobParameters;
    this.tasks = tasks;
    this.plan = plan;
    this.timeoutSeconds = timeoutSeconds;
    this.phase = Phase.PENDING;
  }
}
