package io.github.dbexec.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes runs in the shape of the Jobs API {@code Run} model (jobs-api.md §5): int64 ids, epoch-ms times,
 * ms durations, both the legacy {@code state} and the newer {@code status} object, run-level setup/execution/cleanup durations (filled as recorded runs show them), and one entry in
 * {@code tasks} per task of the job with its own timings.
 */
final class RunJson {
  private RunJson() {}

  static Map<String, Object> run(RunRecord run, Workspace workspace) {
    long now = workspace.now();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("job_id", run.jobId);
    json.put("run_id", run.runId);
    json.put("number_in_job", run.runId);
    json.put("original_attempt_run_id", run.runId);
    json.put("attempt_number", 0);
    json.put("creator_user_name", run.creatorUserName);
    json.put("run_name", run.runName);
    json.put("run_type", run.runType);
    json.put("trigger", "ONE_TIME");
    json.put("run_page_url", workspace.runPageUrl(run));
    json.put("start_time", run.createdTime);
    json.put("end_time", run.endAt < 0 ? 0L : run.endAt);
    // filled for runs as real workspaces report them (databricks-sdk-py#375, #278; flytekit#1935)
    json.put("setup_duration", span(run.pendingAt, run.runningAt));
    json.put("execution_duration", span(run.runningAt, run.terminatingAt));
    json.put("cleanup_duration", span(run.terminatingAt, run.endAt));
    json.put("run_duration", run.endAt < 0 ? 0L : run.endAt - run.createdTime);
    json.put("queue_duration", queueDuration(run, now));
    json.put("state", state(run));
    json.put("status", status(run));
    if (!run.overridingParameters.isEmpty()) {
      json.put("overriding_parameters", run.overridingParameters);
    }
    if (!run.jobParameters.isEmpty()) {
      json.put("job_parameters", run.jobParameters);
    }
    List<Object> tasks = new ArrayList<>();
    for (RunRecord.TaskRun task : run.tasks) {
      tasks.add(task(run, task));
    }
    json.put("tasks", tasks);
    // the Run model has job_clusters and git_source; environments and the other submitted settings it has not
    for (String field : List.of("job_clusters", "git_source")) {
      Object value = run.runSettings.get(field);
      if (value != null) {
        json.put(field, Json.deepCopy(value));
      }
    }
    return json;
  }

  private static long queueDuration(RunRecord run, long now) {
    if (run.queueMillisBeforeRepair >= 0) {
      return run.queueMillisBeforeRepair;
    }
    if (run.pendingAt >= 0) {
      return run.pendingAt - run.createdTime;
    }
    if (run.phase == Phase.QUEUED) {
      return now - run.createdTime;
    }
    return run.endAt >= 0 ? run.endAt - run.createdTime : 0L;
  }

  /**
   * Adds {@code format: MULTI_TASK} for API 2.1, where recorded runs carry it (databricks-sdk-py#278, #375);
   * the API 2.2 {@code Run} model (official SDKs) has no such field, so 2.2 answers leave it out.
   */
  static Map<String, Object> forVersion(Map<String, Object> run, String apiVersion) {
    if (apiVersion.equals("2.1")) {
      run.put("format", "MULTI_TASK");
    }
    return run;
  }

  static Map<String, Object> state(RunRecord run) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("life_cycle_state", run.phase.name());
    if (run.phase.isTerminal() && run.resultState != null) {
      state.put("result_state", run.resultState);
    }
    state.put("state_message", run.stateMessage);
    state.put("user_cancelled_or_timedout", run.userCancelledOrTimedout);
    if (run.phase == Phase.QUEUED && run.queueMessage != null) {
      state.put("queue_reason", run.queueMessage);
    }
    return state;
  }

  static Map<String, Object> status(RunRecord run) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", run.phase.statusState());
    if (run.phase == Phase.QUEUED && run.queueCode != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("code", run.queueCode);
      details.put("message", run.queueMessage);
      status.put("queue_details", details);
    }
    if ((run.phase == Phase.TERMINATING || run.phase.isTerminal()) && run.terminationCode != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("code", run.terminationCode);
      details.put("type", run.terminationType);
      details.put("message", run.terminationMessage);
      status.put("termination_details", details);
    }
    return status;
  }

  /**
   * The run's {@code repair_history} ({@code runs/get?include_history=true}): the ORIGINAL attempt (no
   * {@code id}), then one REPAIR item per repair with its {@code id}; each with {@code start_time},
   * {@code end_time} (0 while it runs), {@code state}, {@code status} and the {@code task_run_ids} it ran. A run
   * never repaired has only its ORIGINAL item, which mirrors the run.
   */
  static List<Object> repairHistory(RunRecord run) {
    List<Object> history = new ArrayList<>();
    for (Map<String, Object> item : run.pastHistory) {
      history.add(Json.deepCopy(item));
    }
    history.add(liveHistoryItem(run));
    return history;
  }

  /** The history item of the run's current attempt: the original run, or its latest repair. */
  static Map<String, Object> liveHistoryItem(RunRecord run) {
    Map<String, Object> item = new LinkedHashMap<>();
    RunRecord.Repair repair = run.latestRepair;
    item.put("type", repair == null ? "ORIGINAL" : "REPAIR");
    if (repair != null) {
      item.put("id", repair.repairId);
    }
    item.put("start_time", repair == null ? run.createdTime : repair.startTime);
    item.put("end_time", run.endAt < 0 ? 0L : run.endAt);
    item.put("state", state(run));
    item.put("status", status(run));
    List<Long> taskRunIds = new ArrayList<>();
    if (repair == null) {
      for (RunRecord.TaskRun task : run.tasks) {
        taskRunIds.add(task.runId);
      }
    } else {
      taskRunIds.addAll(repair.taskRunIds);
    }
    item.put("task_run_ids", taskRunIds);
    return item;
  }

  /** The task definition fields a run's task entry repeats (all of them fields of the SDK's RunTask model). */
  private static final List<String> TASK_FIELDS = List.of("description", "depends_on", "run_if", "notebook_task",
      "spark_jar_task", "spark_python_task", "python_wheel_task", "spark_submit_task", "sql_task", "dbt_task",
      "pipeline_task", "run_job_task", "dashboard_task", "alert_task", "power_bi_task", "clean_rooms_notebook_task",
      "gen_ai_compute_task", "existing_cluster_id", "new_cluster", "job_cluster_key", "environment_key",
      "libraries", "timeout_seconds", "max_retries", "min_retry_interval_millis", "retry_on_timeout",
      "email_notifications", "webhook_notifications", "notification_settings", "disabled");

  /** One entry of a run's {@code tasks}. */
  static Map<String, Object> task(RunRecord run, RunRecord.TaskRun task) {
    if (task.frozenJson != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> frozen = (Map<String, Object>) Json.deepCopy(task.frozenJson);
      return frozen;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", task.runId);
    json.put("task_key", task.taskKey);
    for (String payload : TASK_FIELDS) {
      Object value = task.definition.get(payload);
      if (value != null) {
        json.put(payload, value);
      }
    }
    if (task.done() || (Lifecycle.tasksDecide(run) && task.started())) {
      ownTiming(run, task, json);
      json.put("attempt_number", task.attemptNumber);
      json.put("state", taskState(run, task));
      json.put("status", taskStatus(run, task));
      return json;
    }
    boolean waiting = !task.dependsOn.isEmpty() && run.phase.isActive();
    json.put("start_time", run.pendingAt < 0 || waiting ? 0L : run.pendingAt);
    json.put("end_time", run.endAt < 0 || run.pendingAt < 0 ? 0L : run.endAt);
    json.put("setup_duration", waiting ? 0L : span(run.pendingAt, run.runningAt));
    json.put("execution_duration", waiting ? 0L : span(run.runningAt, run.terminatingAt));
    json.put("cleanup_duration", waiting ? 0L : span(run.terminatingAt, run.endAt));
    json.put("attempt_number", task.attemptNumber);
    if (waiting) {
      // downstream tasks wait BLOCKED while the run is queued, pending or running (a recorded queued report)
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("life_cycle_state", "BLOCKED");
      state.put("state_message", "");
      state.put("user_cancelled_or_timedout", false);
      json.put("state", state);
      json.put("status", Map.of("state", "BLOCKED"));
    } else {
      json.put("state", state(run));
      json.put("status", status(run));
    }
    return json;
  }

  /** Timings of a task that ran on its own: roots carry the run's setup, the last ones its cleanup. */
  private static void ownTiming(RunRecord run, RunRecord.TaskRun task, Map<String, Object> json) {
    boolean root = task.dependsOn.isEmpty();
    boolean executed = task.plan != null;
    long start = root ? run.pendingAt : task.execStart;
    boolean last = task.done() && run.terminatingAt >= 0 && task.execEnd == run.terminatingAt;
    long cleanup = last ? span(run.terminatingAt, run.endAt) : 0L;
    boolean finished = task.done() && (!last || run.endAt >= 0);
    json.put("start_time", start);
    json.put("end_time", finished ? task.execEnd + cleanup : 0L);
    json.put("setup_duration", root && executed ? span(run.pendingAt, run.runningAt) : 0L);
    json.put("execution_duration", executed && task.done() ? task.execEnd - task.execStart : 0L);
    json.put("cleanup_duration", cleanup);
  }

  private static Map<String, Object> taskState(RunRecord run, RunRecord.TaskRun task) {
    Map<String, Object> state = new LinkedHashMap<>();
    if (!task.done()) {
      state.put("life_cycle_state", "RUNNING");
      state.put("state_message", "In run");
    } else {
      boolean skipped = "UPSTREAM_FAILED".equals(task.result) || "EXCLUDED".equals(task.result);
      state.put("life_cycle_state", skipped ? "SKIPPED" : "TERMINATED");
      state.put("result_state", task.result);
      state.put("state_message", task.message);
    }
    state.put("user_cancelled_or_timedout", "TIMEDOUT".equals(task.result));
    return state;
  }

  private static Map<String, Object> taskStatus(RunRecord run, RunRecord.TaskRun task) {
    Map<String, Object> status = new LinkedHashMap<>();
    if (!task.done()) {
      status.put("state", "RUNNING");
      return status;
    }
    status.put("state", "TERMINATED");
    Map<String, Object> details = new LinkedHashMap<>();
    switch (String.valueOf(task.result)) {
      case "SUCCESS" -> {
        details.put("code", "SUCCESS");
        details.put("type", "SUCCESS");
      }
      case "FAILED" -> {
        details.put("code", "RUN_EXECUTION_ERROR");
        details.put("type", "CLIENT_ERROR");
      }
      case "TIMEDOUT" -> {
        details.put("code", "CANCELED");
        details.put("type", "CLIENT_ERROR");
      }
      default -> {
        details.put("code", "SKIPPED");
        details.put("type", "SUCCESS");
      }
    }
    details.put("message", task.message);
    status.put("termination_details", details);
    return status;
  }

  private static long span(long from, long to) {
    return from < 0 || to < 0 ? 0L : to - from;
  }
}
