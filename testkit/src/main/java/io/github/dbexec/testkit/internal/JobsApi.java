package io.github.dbexec.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Jobs API endpoints ({@code /api/2.1/jobs/*} and {@code /api/2.2/jobs/*}): reads a request, changes
 * the {@link Workspace} inside one transaction and writes the response body. Shapes and rules follow
 * jobs-api.md; where the real behaviour is UNVERIFIED the Javadoc of the method says what the fake does.
 */
public final class JobsApi {
  private static final List<String> OVERRIDING_PARAMETER_FIELDS = List.of("notebook_params", "jar_params",
      "python_params", "python_named_params", "spark_submit_params", "sql_params", "dbt_commands",
      "pipeline_params");

  private final Workspace workspace;

  public JobsApi(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Answers one request.
   *
   * @throws ApiException for every error the API reports with an error body
   */
  public ApiResponse handle(ApiRequest request) {
    String route = request.method() + " " + request.endpoint();
    switch (route) {
      case "POST /jobs/create":
        return create(request);
      case "GET /jobs/get":
        return getJob(request);
      case "GET /jobs/list":
        return listJobs(request);
      case "POST /jobs/reset":
        return resetJob(request);
      case "POST /jobs/update":
        return updateJob(request);
      case "POST /jobs/delete":
        return deleteJob(request);
      case "POST /jobs/run-now":
        return runNow(request);
      case "POST /jobs/runs/submit":
        return submit(request);
      case "GET /jobs/runs/get":
        return getRun(request);
      case "GET /jobs/runs/list":
        return listRuns(request);
      case "GET /jobs/runs/get-output":
        return getOutput(request);
      case "POST /jobs/runs/cancel":
        return cancel(request);
      case "POST /jobs/runs/cancel-all":
        return cancelAll(request);
      case "POST /jobs/runs/delete":
        return deleteRun(request);
      case "POST /jobs/runs/repair":
        return repair(request);
      default:
        throw new ApiException(404, "ENDPOINT_NOT_FOUND",
            "No API found for '" + request.method() + " /" + request.apiVersion() + request.endpoint() + "'");
    }
  }

  /**
   * Creates a job as {@code POST /api/{apiVersion}/jobs/create} would.
   *
   * @throws ApiException when the settings are invalid
   */
  public long createJob(Map<String, Object> body, String apiVersion) {
    Map<String, Object> settings = JobSettingsRules.forCreate(body, apiVersion);
    return workspace.transact(ws -> ws.createJob(settings));
  }

  // ------------------------------------------------------------------ jobs

  private ApiResponse create(ApiRequest request) {
    return ApiResponse.ok(Map.of("job_id", createJob(request.body(), request.apiVersion())));
  }

  /** Elements of each array per object in API 2.2 answers (docs "Updating from Jobs API 2.1 to 2.2"). */
  static final int ARRAY_PAGE_SIZE = 100;
  private static final List<String> JOB_PAGED_ARRAYS = List.of("tasks", "job_clusters", "parameters",
      "environments");
  private static final List<String> RUN_PAGED_ARRAYS = List.of("tasks", "job_clusters", "job_parameters",
      "repair_history");

  /**
   * {@code jobs/get}. On API 2.2 at most {@value #ARRAY_PAGE_SIZE} {@code settings.tasks}, {@code job_clusters},
   * {@code parameters} and {@code environments} per answer, with {@code has_more} and {@code next_page_token}
   * for the rest (repeat with {@code page_token}; arrays that ran out are left out of later pages); API 2.1
   * answers everything at once.
   */
  private ApiResponse getJob(ApiRequest request) {
    long jobId = request.requiredLong("job_id");
    boolean paged = request.apiVersion().equals("2.2");
    int offset = paged ? offset(request, Integer.MAX_VALUE, "get") : 0;
    return ApiResponse.ok(workspace.transact(ws -> {
      Map<String, Object> job = JobJson.job(ws.requireJob(jobId));
      if (paged) {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) job.get("settings");
        boolean more = pageArrays(settings, JOB_PAGED_ARRAYS, offset);
        job.put("has_more", more);
        if (more) {
          job.put("next_page_token", pageToken(offset + ARRAY_PAGE_SIZE));
        }
      }
      return job;
    }));
  }

  /**
   * Keeps elements {@code [offset, offset + 100)} of each named array of {@code object} (removing arrays with
   * none left); returns whether any array has elements beyond that.
   */
  private static boolean pageArrays(Map<String, Object> object, List<String> fields, int offset) {
    boolean more = false;
    for (String field : fields) {
      Object value = object.get(field);
      if (!(value instanceof List)) {
        continue;
      }
      List<?> all = (List<?>) value;
      if (offset >= all.size()) {
        object.remove(field);
        continue;
      }
      object.put(field, new ArrayList<>(all.subList(offset, Math.min(all.size(), offset + ARRAY_PAGE_SIZE))));
      more |= all.size() > offset + ARRAY_PAGE_SIZE;
    }
    return more;
  }

  /**
   * Cuts the arrays of one {@code jobs/list} or {@code runs/list} item with {@code expand_tasks}: on API 2.2
   * the first {@value #ARRAY_PAGE_SIZE} and the item's {@code has_more: true} (the caller then reads the item
   * with {@code jobs/get}/{@code runs/get}); on API 2.1 a job with more than 100 tasks comes without
   * {@code settings.tasks} at all (a claim with a workspace behind it, OpenMetadata#33204).
   */
  private static void truncateListItem(Map<String, Object> arrays, Map<String, Object> item, List<String> fields,
      String apiVersion) {
    if (apiVersion.equals("2.2")) {
      boolean more = pageArrays(arrays, fields, 0);
      item.put("has_more", more);
    } else if (arrays.get("tasks") instanceof List<?> tasks && tasks.size() > ARRAY_PAGE_SIZE
        && arrays != item) {
      arrays.remove("tasks");
    }
  }

  /** {@code jobs/list}: ordered by job id; {@code limit} 1..100 (default 20, 0 = 20); exact name filter. */
  private ApiResponse listJobs(ApiRequest request) {
    int limit = limit(request, 100, 20);
    int offset = offset(request, 1000, "list");
    String name = request.optionalString("name");
    boolean expandTasks = Boolean.TRUE.equals(request.optionalBoolean("expand_tasks"));
    return ApiResponse.ok(workspace.transact(ws -> {
      List<Object> page = new ArrayList<>();
      List<JobRecord> jobs = new ArrayList<>();
      for (JobRecord job : ws.jobs()) {
        if (name == null || job.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          jobs.add(job);
        }
      }
      for (int i = offset; i < Math.min(jobs.size(), offset + limit); i++) {
        Map<String, Object> item = JobJson.base(jobs.get(i), expandTasks);
        if (expandTasks) {
          @SuppressWarnings("unchecked")
          Map<String, Object> settings = (Map<String, Object>) item.get("settings");
          truncateListItem(settings, item, JOB_PAGED_ARRAYS, request.apiVersion());
        }
        page.add(item);
      }
      return pageBody("jobs", page, offset, limit, jobs.size());
    }));
  }

  private ApiResponse resetJob(ApiRequest request) {
    long jobId = request.requiredLong("job_id");
    Map<String, Object> newSettings = request.optionalObject("new_settings");
    if (newSettings == null) {
      throw ApiException.invalidParameter("Missing required field: new_settings");
    }
    Map<String, Object> settings = JobSettingsRules.forCreate(newSettings, request.apiVersion());
    workspace.transact(ws -> {
      ws.requireJob(jobId).settings = settings;
      ws.promoteAll(ws.now());
      return null;
    });
    return ApiResponse.ok(Map.of());
  }

  /**
   * {@code jobs/update}: top-level fields of {@code new_settings} replace the stored ones; {@code tasks} and
   * {@code job_clusters} are merged by {@code task_key} / {@code job_cluster_key}; {@code fields_to_remove}
   * takes top-level names or {@code tasks/<key>} / {@code job_clusters/<key>}.
   */
  private ApiResponse updateJob(ApiRequest request) {
    long jobId = request.requiredLong("job_id");
    Map<String, Object> newSettings = request.optionalObject("new_settings");
    List<String> fieldsToRemove = request.optionalStringList("fields_to_remove");
    workspace.transact(ws -> {
      JobRecord job = ws.requireJob(jobId);
      Map<String, Object> merged = Json.mutableCopy(job.settings);
      if (newSettings != null) {
        for (Map.Entry<String, Object> e : Json.mutableCopy(newSettings).entrySet()) {
          if (e.getKey().equals("tasks")) {
            merged.put("tasks", mergeByKey(merged.get("tasks"), e.getValue(), "task_key"));
          } else if (e.getKey().equals("job_clusters")) {
            merged.put("job_clusters", mergeByKey(merged.get("job_clusters"), e.getValue(), "job_cluster_key"));
          } else {
            merged.put(e.getKey(), e.getValue());
          }
        }
      }
      if (fieldsToRemove != null) {
        for (String field : fieldsToRemove) {
          int slash = field.indexOf('/');
          if (slash < 0) {
            merged.remove(field);
          } else {
            removeByKey(merged.get(field.substring(0, slash)), field.substring(slash + 1));
          }
        }
      }
      JobSettingsRules.validate(merged);
      job.settings = merged;
      ws.promoteAll(ws.now());
      return null;
    });
    return ApiResponse.ok(Map.of());
  }

  private static Object mergeByKey(@Nullable Object current, Object update, String keyField) {
    if (!(update instanceof List)) {
      throw ApiException.invalidParameter("Expected an array for '" + keyField + "' list but got "
          + Json.write(update));
    }
    List<Object> result = current instanceof List ? new ArrayList<>((List<?>) current) : new ArrayList<>();
    for (Object item : (List<?>) update) {
      Object key = item instanceof Map ? ((Map<?, ?>) item).get(keyField) : null;
      boolean replaced = false;
      for (int i = 0; i < result.size() && key != null; i++) {
        Object existing = result.get(i);
        if (existing instanceof Map && key.equals(((Map<?, ?>) existing).get(keyField))) {
          result.set(i, item);
          replaced = true;
        }
      }
      if (!replaced) {
        result.add(item);
      }
    }
    return result;
  }

  private static void removeByKey(@Nullable Object list, String key) {
    if (list instanceof List) {
      ((List<?>) list).removeIf(item -> item instanceof Map && (key.equals(((Map<?, ?>) item).get("task_key"))
          || key.equals(((Map<?, ?>) item).get("job_cluster_key"))));
    }
  }

  private ApiResponse deleteJob(ApiRequest request) {
    long jobId = request.requiredLong("job_id");
    workspace.transact(ws -> {
      ws.deleteJob(jobId);
      return null;
    });
    return ApiResponse.ok(Map.of());
  }

  // ------------------------------------------------------------------ runs

  /**
   * {@code run-now}. An {@code idempotency_token} already used returns the original run (no other field is
   * compared, no new run); the token of a deleted run gives 400 INVALID_PARAMETER_VALUE (status and wording
   * UNVERIFIED); a token longer than 64 characters gives 400 INVALID_PARAMETER_VALUE.
   */
  private ApiResponse runNow(ApiRequest request) {
    // without job_id the real service looks up job 0: 400 "Job 0 does not exist." (astronomer-providers#1254)
    Long requestedJobId = request.optionalLong("job_id");
    long jobId = requestedJobId == null ? 0 : requestedJobId;
    String token = token(request);
    Map<String, Object> overriding = overridingParameters(request);
    Map<String, String> jobParameters = request.optionalStringMap("job_parameters");
    Boolean queueEnabled = queueSetting(request);
    RunRecord run = workspace.transact(ws -> {
      JobRecord job = ws.requireJob(jobId);
      RunRecord existing = ws.runForToken(token);
      if (existing != null) {
        return existing;
      }
      return ws.runNow(job, token, overriding, resolveJobParameters(job, jobParameters), queueEnabled,
          request.apiVersion());
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", run.runId);
    body.put("number_in_job", run.runId);
    return ApiResponse.ok(body);
  }

  /** The {@code *_params} fields of a run-now or repair body, checked against their size limits. */
  private static Map<String, Object> overridingParameters(ApiRequest request) {
    Map<String, Object> overriding = new LinkedHashMap<>();
    for (String field : OVERRIDING_PARAMETER_FIELDS) {
      Object value = switch (field) {
        case "notebook_params", "python_named_params", "sql_params" -> request.optionalStringMap(field);
        case "pipeline_params" -> request.optionalObject(field);
        default -> request.optionalStringList(field);
      };
      if (value != null) {
        overriding.put(field, value);
      }
    }
    checkParameterSizes(overriding);
    return overriding;
  }

  /**
   * {@code runs/repair}: re-runs {@code rerun_tasks} (task keys) or, with {@code rerun_all_failed_tasks}, every
   * task that did not succeed, plus with {@code rerun_dependent_tasks} every task downstream of those; the
   * {@code *_params} and {@code job_parameters} given override the run's. Answers {@code {"repair_id": N}}.
   * The run must have finished; from the second repair on {@code latest_repair_id} must name the run's latest
   * repair (the API's guard against concurrent repairs). See {@link Workspace} for the errors.
   */
  private ApiResponse repair(ApiRequest request) {
    long runId = request.requiredLong("run_id");
    List<String> rerunTasks = request.optionalStringList("rerun_tasks");
    boolean allFailed = Boolean.TRUE.equals(request.optionalBoolean("rerun_all_failed_tasks"));
    boolean dependents = Boolean.TRUE.equals(request.optionalBoolean("rerun_dependent_tasks"));
    Long latestRepairId = request.optionalLong("latest_repair_id");
    if (rerunTasks != null && !rerunTasks.isEmpty() && allFailed) {
      // the API's documented rule; the wording is assumed
      throw ApiException.invalidParameter("Only one of rerun_tasks or rerun_all_failed_tasks can be used.");
    }
    if ((rerunTasks == null || rerunTasks.isEmpty()) && !allFailed) {
      throw ApiException.invalidParameter("Either rerun_tasks or rerun_all_failed_tasks must be specified.");
    }
    Map<String, Object> overriding = overridingParameters(request);
    Map<String, String> jobParameters = request.optionalStringMap("job_parameters");
    long repairId = workspace.transact(ws -> {
      RunRecord run = ws.requireRun(runId);
      List<Map<String, Object>> resolved = null;
      if (jobParameters != null) {
        JobRecord job = run.oneTime() ? null : ws.findJob(run.jobId);
        resolved = job != null ? resolveJobParameters(job, jobParameters) : resolveValues(run, jobParameters);
      }
      return ws.repair(run, allFailed ? null : rerunTasks, allFailed, dependents, latestRepairId, overriding,
          resolved);
    });
    return ApiResponse.ok(Map.of("repair_id", repairId));
  }

  /** The run's job parameters with these values replaced (a run whose job is gone, or a one-time run). */
  private static List<Map<String, Object>> resolveValues(RunRecord run, Map<String, String> values) {
    List<Map<String, Object>> resolved = new ArrayList<>();
    Map<String, String> remaining = new LinkedHashMap<>(values);
    for (Map<String, Object> param : run.jobParameters) {
      Map<String, Object> copy = new LinkedHashMap<>(param);
      Object name = copy.get("name");
      if (name instanceof String && remaining.containsKey(name)) {
        copy.put("value", remaining.remove(name));
      }
      resolved.add(copy);
    }
    remaining.forEach((name, value) -> {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("name", name);
      param.put("value", value);
      resolved.add(param);
    });
    return resolved;
  }

  /** The parameter fields the Jobs API documents as limited to 10,000 bytes of JSON. */
  private static final List<String> LIMITED_PARAMETER_FIELDS = List.of("notebook_params", "jar_params",
      "python_params", "spark_submit_params");
  static final int MAX_PARAMETER_BYTES = 10_000;

  /**
   * The documented 10,000-byte limit of {@code notebook_params}, {@code jar_params}, {@code python_params} and
   * {@code spark_submit_params} (their JSON, UTF-8): 400 INVALID_PARAMETER_VALUE. The limit is documented; the
   * wording of the real answer is not recorded (assumed).
   */
  private static void checkParameterSizes(Map<String, Object> overriding) {
    for (String field : LIMITED_PARAMETER_FIELDS) {
      Object value = overriding.get(field);
      if (value != null) {
        int bytes = Json.write(value).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PARAMETER_BYTES) {
          throw ApiException.invalidParameter("The size of " + field + " (" + bytes
              + " bytes) exceeds the limit of " + MAX_PARAMETER_BYTES + " bytes.");
        }
      }
    }
  }

  private static List<Map<String, Object>> resolveJobParameters(JobRecord job,
      @Nullable Map<String, String> values) {
    List<Map<String, Object>> resolved = new ArrayList<>();
    Map<String, String> remaining = values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
    Object definitions = job.settings.get("parameters");
    if (definitions instanceof List) {
      for (Object def : (List<?>) definitions) {
        if (def instanceof Map && ((Map<?, ?>) def).get("name") instanceof String) {
          String name = (String) ((Map<?, ?>) def).get("name");
          Object defaultValue = ((Map<?, ?>) def).get("default");
          Map<String, Object> param = new LinkedHashMap<>();
          param.put("name", name);
          param.put("default", defaultValue == null ? "" : defaultValue);
          param.put("value", remaining.containsKey(name) ? remaining.remove(name) : defaultValue);
          resolved.add(param);
        }
      }
    }
    remaining.forEach((name, value) -> {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("name", name);
      param.put("value", value);
      resolved.add(param);
    });
    return resolved;
  }

  private static @Nullable String token(ApiRequest request) {
    String token = request.optionalString("idempotency_token");
    if (token != null && token.length() > 64) {
      throw ApiException.invalidParameter(
          "idempotency_token must be at most 64 characters long, got " + token.length());
    }
    return token;
  }

  private static @Nullable Boolean queueSetting(ApiRequest request) {
    Map<String, Object> queue = request.optionalObject("queue");
    if (queue == null) {
      return null;
    }
    Object enabled = queue.get("enabled");
    if (!(enabled instanceof Boolean)) {
      throw ApiException.invalidParameter("Missing required field: queue.enabled");
    }
    return (Boolean) enabled;
  }

  /**
   * {@code runs/submit}: a one-time run (SUBMIT_RUN, {@code run_name} default "Untitled") of one or more tasks
   * of any kind, validated by {@link SubmitRules} before anything is created; the run keeps
   * {@code git_source} (shown by {@code runs/get}), {@code environments} and the other run-level settings.
   */
  private ApiResponse submit(ApiRequest request) {
    String runName = request.optionalString("run_name");
    String token = token(request);
    Long timeout = request.optionalLong("timeout_seconds");
    Boolean queueEnabled = queueSetting(request);
    Map<String, Object> body = request.body();
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (Map<String, Object> task : SubmitRules.validate(body)) {
      tasks.add(Json.mutableCopy(task));
    }
    Map<String, Object> runSettings = SubmitRules.runSettings(body);
    RunRecord run = workspace.transact(ws -> {
      RunRecord existing = ws.runForToken(token);
      if (existing != null) {
        return existing;
      }
      return ws.submit(runName == null || runName.isEmpty() ? "Untitled" : runName, token, tasks,
          timeout == null ? 0 : timeout, queueEnabled, request.apiVersion(), runSettings);
    });
    return ApiResponse.ok(Map.of("run_id", run.runId));
  }

  /**
   * {@code runs/get}. On API 2.2 at most {@value #ARRAY_PAGE_SIZE} {@code tasks}, {@code job_clusters} and
   * {@code job_parameters} per answer, with {@code has_more}/{@code next_page_token} for the rest.
   */
  private ApiResponse getRun(ApiRequest request) {
    long runId = request.requiredLong("run_id");
    boolean includeHistory = Boolean.TRUE.equals(request.optionalBoolean("include_history"));
    boolean paged = request.apiVersion().equals("2.2");
    int offset = paged ? offset(request, Integer.MAX_VALUE, "getrun") : 0;
    return ApiResponse.ok(workspace.transact(ws -> {
      RunRecord record = ws.requireRun(runId);
      Map<String, Object> run = RunJson.forVersion(RunJson.run(record, ws), request.apiVersion());
      if (includeHistory) {
        run.put("repair_history", RunJson.repairHistory(record));
      }
      if (paged) {
        boolean more = pageArrays(run, RUN_PAGED_ARRAYS, offset);
        run.put("has_more", more);
        if (more) {
          run.put("next_page_token", pageToken(offset + ARRAY_PAGE_SIZE));
        }
      }
      return run;
    }));
  }

  /**
   * {@code runs/list}: newest first; filters {@code job_id}, {@code active_only}, {@code completed_only}
   * (not both), {@code run_type}, {@code start_time_from}/{@code start_time_to} (inclusive, ms);
   * {@code limit} 1..25 (default 20, 0 = 25); {@code tasks} only with {@code expand_tasks}.
   */
  private ApiResponse listRuns(ApiRequest request) {
    Long jobId = request.optionalLong("job_id");
    boolean activeOnly = Boolean.TRUE.equals(request.optionalBoolean("active_only"));
    boolean completedOnly = Boolean.TRUE.equals(request.optionalBoolean("completed_only"));
    if (activeOnly && completedOnly) {
      throw ApiException.invalidParameter("active_only and completed_only cannot both be true.");
    }
    String runType = request.optionalString("run_type");
    Long from = request.optionalLong("start_time_from");
    Long to = request.optionalLong("start_time_to");
    boolean expandTasks = Boolean.TRUE.equals(request.optionalBoolean("expand_tasks"));
    int limit = limit(request, 25, 20);
    String pageToken = request.optionalString("page_token");
    String cursor = pageToken == null ? null : decodeToken(pageToken);
    int offset = cursor != null && cursor.startsWith("offset:") || cursor == null
        ? offset(request, 10000, "listruns") : 0;
    java.util.function.Predicate<RunRecord> matches = run -> (jobId == null || run.jobId == jobId)
        && (!activeOnly || run.phase.isActive())
        && (!completedOnly || run.phase.isTerminal())
        && (runType == null || runType.equals(run.runType))
        && (from == null || run.createdTime >= from)
        && (to == null || run.createdTime <= to);
    return ApiResponse.ok(workspace.transact(ws -> {
      // newest first = descending run id (ids grow with creation time); walked lazily from the cursor, so a
      // page costs the runs it reads, not the runs the workspace holds
      List<RunRecord> pageRuns = new ArrayList<>();
      boolean more = false;
      boolean backwards = cursor != null && cursor.startsWith("after:");
      if (backwards) {
        long after = cursorId(cursor, pageToken);
        List<RunRecord> newer = new ArrayList<>();
        for (RunRecord run : ws.runsOldestFirst(after)) {
          if (matches.test(run)) {
            if (newer.size() == limit) {
              more = true;
              break;
            }
            newer.add(run);
          }
        }
        java.util.Collections.reverse(newer);
        pageRuns = newer;
      } else {
        long before = cursor != null && cursor.startsWith("before:") ? cursorId(cursor, pageToken) : Long.MAX_VALUE;
        int skipped = 0;
        for (RunRecord run : ws.runsNewestFirst(before)) {
          if (!matches.test(run)) {
            continue;
          }
          if (skipped < offset) {
            skipped++;
            continue;
          }
          if (pageRuns.size() == limit) {
            more = true;
            break;
          }
          pageRuns.add(run);
        }
      }
      List<Object> page = new ArrayList<>();
      for (RunRecord run : pageRuns) {
        Map<String, Object> json = RunJson.forVersion(RunJson.run(run, ws), request.apiVersion());
        if (!expandTasks) {
          json.remove("tasks");
        } else {
          truncateListItem(json, json, RUN_PAGED_ARRAYS, request.apiVersion());
        }
        page.add(json);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      if (!page.isEmpty()) {
        body.put("runs", page);
      }
      boolean hasOlder = backwards ? !pageRuns.isEmpty() && hasMatch(ws.runsNewestFirst(
          pageRuns.get(pageRuns.size() - 1).runId), matches) : more;
      boolean hasNewer = backwards ? more : (cursor != null || offset > 0) && !pageRuns.isEmpty()
          && hasMatch(ws.runsOldestFirst(pageRuns.get(0).runId), matches);
      body.put("has_more", hasOlder);
      if (hasOlder) {
        body.put("next_page_token", encodeToken("before:" + pageRuns.get(pageRuns.size() - 1).runId));
      }
      if (hasNewer) {
        body.put("prev_page_token", encodeToken("after:" + pageRuns.get(0).runId));
      }
      return body;
    }));
  }

  private static boolean hasMatch(Iterable<RunRecord> runs, java.util.function.Predicate<RunRecord> matches) {
    for (RunRecord run : runs) {
      if (matches.test(run)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String decodeToken(String token) {
    if (token.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter("Invalid page token: " + token);
    }
  }

  private static long cursorId(String cursor, String token) {
    try {
      return Long.parseLong(cursor.substring(cursor.indexOf(':') + 1));
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid page token: " + token);
    }
  }

  private static String encodeToken(String cursor) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code runs/get-output} for a task run id (or a run without tasks). A job run with tasks answers 400, as
   * the real service does for multi-task runs. {@code error} carries a FAILED or INTERNAL_ERROR run's
   * message.
   */
  private ApiResponse getOutput(ApiRequest request) {
    long runId = request.requiredLong("run_id");
    return ApiResponse.ok(workspace.transact(ws -> {
      RunRecord owner = ws.taskRunOwner(runId);
      RunRecord run = owner != null ? owner : ws.findRun(runId);
      if (run == null) {
        throw ApiException.runDoesNotExist(runId);
      }
      if (owner == null && !run.tasks.isEmpty()) {
        throw ApiException.invalidParameter("Retrieving the output of runs with multiple tasks is not "
            + "supported. Please retrieve the output of each individual task run instead.");
      }
      Map<String, Object> metadata = RunJson.forVersion(RunJson.run(run, ws), request.apiVersion());
      RunRecord.TaskRun task = null;
      if (owner != null) {
        metadata.put("run_id", runId);
        metadata.remove("tasks");
        for (RunRecord.TaskRun candidate : run.tasks) {
          if (candidate.runId == runId) {
            task = candidate;
          }
        }
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("metadata", metadata);
      if (task != null && task.done()) {
        // the task's own output: its error, or its notebook result; skipped tasks have none
        Map<String, Object> taskJson = RunJson.task(run, task);
        for (String field : List.of("state", "status", "start_time", "end_time", "setup_duration",
            "execution_duration", "cleanup_duration")) {
          metadata.put(field, taskJson.get(field));
        }
        if ("FAILED".equals(task.result) || "TIMEDOUT".equals(task.result)) {
          body.put("error", task.message);
          body.put("error_trace", task.plan == null || !"FAILED".equals(task.result) ? "" : task.plan.errorTrace());
        } else if ("SUCCESS".equals(task.result)) {
          Map<String, Object> notebook = new LinkedHashMap<>();
          notebook.put("result", task.plan == null ? "" : task.plan.message());
          notebook.put("truncated", false);
          body.put("notebook_output", notebook);
        }
        return body;
      }
      if (run.errorMessage != null && run.phase.isTerminal()) {
        body.put("error", run.errorMessage);
        body.put("error_trace", "");
      } else if (run.phase.isTerminal()) {
        Map<String, Object> notebook = new LinkedHashMap<>();
        notebook.put("result", run.plan.message());
        notebook.put("truncated", false);
        body.put("notebook_output", notebook);
      }
      return body;
    }));
  }

  private ApiResponse cancel(ApiRequest request) {
    long runId = request.requiredLong("run_id");
    workspace.transact(ws -> {
      ws.cancel(ws.requireRun(runId));
      return null;
    });
    return ApiResponse.ok(Map.of());
  }

  /**
   * {@code runs/cancel-all}: with {@code job_id}, every active run of the job (queued ones first, so none is
   * promoted and then cancelled); with only {@code all_queued_runs: true}, every queued run of the
   * workspace.
   */
  private ApiResponse cancelAll(ApiRequest request) {
    Long jobId = request.optionalLong("job_id");
    boolean allQueued = Boolean.TRUE.equals(request.optionalBoolean("all_queued_runs"));
    if (jobId == null && !allQueued) {
      throw ApiException.invalidParameter("Either job_id or all_queued_runs must be specified.");
    }
    workspace.transact(ws -> {
      if (jobId != null) {
        ws.requireJob(jobId);
      }
      for (RunRecord run : ws.activeRuns()) {
        if (run.phase == Phase.QUEUED && (jobId == null || run.jobId == jobId)) {
          ws.cancel(run);
        }
      }
      if (jobId != null) {
        for (RunRecord run : ws.activeRuns()) {
          if (run.jobId == jobId) {
            ws.cancel(run);
          }
        }
      }
      return null;
    });
    return ApiResponse.ok(Map.of());
  }

  private ApiResponse deleteRun(ApiRequest request) {
    long runId = request.requiredLong("run_id");
    workspace.transact(ws -> {
      ws.delete(ws.requireRun(runId));
      return null;
    });
    return ApiResponse.ok(Map.of());
  }

  // ------------------------------------------------------------------ paging

  private static int limit(ApiRequest request, int max, int defaultLimit) {
    Long limit = request.optionalLong("limit");
    if (limit == null || limit == 0) {
      return limit == null ? defaultLimit : max;
    }
    if (limit < 0 || limit > max) {
      throw ApiException.invalidParameter("limit must be between 1 and " + max + ", got " + limit);
    }
    return limit.intValue();
  }

  /**
   * The start index from {@code page_token} or the deprecated {@code offset}; an {@code offset} above
   * {@code maxOffset} answers the real service's 400 (recorded for runs/list in databricks-sdk-py#278, for
   * jobs/list in open-metadata/OpenMetadata#33200).
   */
  private static int offset(ApiRequest request, int maxOffset, String docsPage) {
    String pageToken = request.optionalString("page_token");
    if (pageToken != null && !pageToken.isEmpty()) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        if (decoded.startsWith("offset:")) {
          int offset = Integer.parseInt(decoded.substring("offset:".length()));
          if (offset >= 0) {
            return offset;
          }
        }
      } catch (IllegalArgumentException e) {
        // fall through to the error below
      }
      throw ApiException.invalidParameter("Invalid page token: " + pageToken);
    }
    Long offset = request.optionalLong("offset");
    if (offset != null && offset < 0) {
      throw ApiException.invalidParameter("offset must be >= 0, got " + offset);
    }
    if (offset != null && offset > maxOffset) {
      throw ApiException.invalidParameter("The supplied offset " + offset + " has exceeded the value of "
          + maxOffset + " allowed for this parameter.Please use the page_token parameter to paginate: "
          + "https://docs.databricks.com/api/workspace/jobs/" + docsPage + ".");
    }
    return offset == null ? 0 : offset.intValue();
  }

  private static String pageToken(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> pageBody(String field, List<Object> page, int offset, int limit,
      int total) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!page.isEmpty()) {
      body.put(field, page);
    }
    boolean hasMore = offset + limit < total;
    body.put("has_more", hasMore);
    if (hasMore) {
      body.put("next_page_token", pageToken(offset + limit));
    }
    if (offset > 0) {
      body.put("prev_page_token", pageToken(Math.max(0, offset - limit)));
    }
    return body;
  }
}
