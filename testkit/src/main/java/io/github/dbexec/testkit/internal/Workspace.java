package io.github.dbexec.testkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory state of one fake workspace: saved jobs, runs, idempotency tokens and id sequences, guarded
 * by one lock.
 *
 * <p>All access goes through {@link #transact(Function)}, which takes the lock and first <em>settles</em> the
 * model to the clock's now: every timed run transition that is due is applied in time order, stamped with
 * the time it became due, and each freed slot starts the oldest queued run that its job's
 * {@code max_concurrent_runs} and the workspace run limit allow, at that same time. The methods other than
 * {@code transact} must only be called inside it.
 */
public final class Workspace {
  private final LongSupplier clock;
  private final ServerSettings settings;

  private final Map<Long, JobRecord> jobs = new TreeMap<>();
  /** By run id, which grows with creation time: ascending = oldest first, descending = newest first. */
  private final TreeMap<Long, RunRecord> runs = new TreeMap<>();
  private long retainedRunBytes;
  private final Map<Long, RunRecord> taskRunOwners = new HashMap<>();
  private final Set<RunRecord> active = new LinkedHashSet<>();
  private final Map<String, Long> tokens = new HashMap<>();
  private final Set<String> deletedTokens = new HashSet<>();
  private final Map<Long, RunPlan> jobPlans = new HashMap<>();
  private final Deque<RunPlan> nextRunPlans = new ArrayDeque<>();
  private final Map<Long, Deque<RunPlan>> nextJobRunPlans = new HashMap<>();
  private long nextJobId;
  private long nextRunId;
  private long settledTo = Long.MIN_VALUE;

  /**
   * A state change of one run.
   *
   * @param runId the run
   * @param jobId its job (for a one-time run, its anonymous job)
   * @param from the previous phase; null when the run was just created
   * @param to the new phase
   * @param resultState the result state once terminal, else null
   * @param atMillis when it happened on the fake clock
   */
  public record Transition(long runId, long jobId, @Nullable Phase from, Phase to, @Nullable String resultState,
      long atMillis) {}

  private final Consumer<List<Transition>> transitionSink;
  private List<Transition> transitions = new ArrayList<>();

  public Workspace(LongSupplier clock, ServerSettings settings, Consumer<List<Transition>> transitionSink) {
    this.clock = clock;
    this.settings = settings;
    this.transitionSink = transitionSink;
    this.nextJobId = settings.firstJobId();
    this.nextRunId = settings.firstRunId();
  }

  /**
   * Takes the lock, settles the model to the clock's now, then applies {@code action}; afterwards, outside
   * the lock, hands the run transitions that happened to the transition sink.
   */
  public <T> T transact(Function<Workspace, T> action) {
    List<Transition> happened = List.of();
    try {
      synchronized (this) {
        try {
          settle(clock.getAsLong());
          return action.apply(this);
        } finally {
          happened = transitions;
          transitions = new ArrayList<>();
        }
      }
    } finally {
      // also when the action failed (e.g. 400 for a missing run): settling may still have moved runs
      if (!happened.isEmpty()) {
        transitionSink.accept(happened);
      }
    }
  }

  private void transition(RunRecord run, @Nullable Phase from, long at) {
    if (from != run.phase) {
      transitions.add(new Transition(run.runId, run.jobId, from, run.phase,
          run.phase.isTerminal() ? run.resultState : null, at));
    }
  }

  public ServerSettings settings() {
    return settings;
  }

  /** The time the model is settled to (epoch ms on the fake clock). */
  public long now() {
    return settledTo;
  }

  /** Forgets jobs, runs, tokens and scripts; id sequences restart. */
  public void clear() {
    jobs.clear();
    runs.clear();
    retainedRunBytes = 0;
    taskRunOwners.clear();
    active.clear();
    tokens.clear();
    deletedTokens.clear();
    clearScripts();
    nextJobId = settings.firstJobId();
    nextRunId = settings.firstRunId();
  }

  // ---------------------------------------------------------------- settling

  private void settle(long clockNow) {
    long previous = settledTo;
    long now = Math.max(clockNow, previous);
    settledTo = now;
    if (previous != Long.MIN_VALUE) {
      // slots freed by changes made at the previous settle time (settings raised, runs re-scripted)
      promoteAll(previous);
    }
    while (true) {
      RunRecord next = null;
      long at = Long.MAX_VALUE;
      for (RunRecord run : active) {
        long due = Lifecycle.nextTransitionAt(run);
        if (due <= now && due < at) {
          at = due;
          next = run;
        }
      }
      if (next == null) {
        return;
      }
      Phase before = next.phase;
      Lifecycle.advance(next, at);
      transition(next, before, at);
      if (next.phase.isTerminal()) {
        active.remove(next);
        promoteAll(at);
      }
    }
  }

  /**
   * Starts queued runs, oldest first, whose job has a free slot and while the workspace has one, at time
   * {@code at}; runs that still wait get the queue code of what holds them (job or workspace limit).
   */
  void promoteAll(long at) {
    for (RunRecord run : active) {
      if (run.phase != Phase.QUEUED || run.plan.stayQueued()) {
        continue;
      }
      if (!jobSlotFree(run)) {
        JobRecord job = jobs.get(run.jobId);
        Lifecycle.queueForJob(run, job == null ? 0 : job.maxConcurrentRuns());
      } else if (!workspaceSlotFree()) {
        Lifecycle.queueForWorkspace(run, settings.workspaceRunLimit());
      } else {
        Lifecycle.start(run, at);
        transition(run, Phase.QUEUED, at);
      }
    }
  }

  private boolean jobSlotFree(RunRecord run) {
    if (run.oneTime()) {
      return true;
    }
    JobRecord job = jobs.get(run.jobId);
    return job != null && startedCount(run.jobId) < job.maxConcurrentRuns();
  }

  /**
   * 429 REQUEST_LIMIT_EXCEEDED "There are already N active runs (limit: N).", what a workspace answers to a
   * run that cannot queue at its active-run limit; no run is created (dbdemos#244, recorded on 2.1 run-now).
   */
  private ApiException workspaceLimitReached() {
    int limit = settings.workspaceRunLimit();
    return new ApiException(429, "REQUEST_LIMIT_EXCEEDED",
        "There are already " + limit + " active runs (limit: " + limit + ").");
  }

  private boolean workspaceSlotFree() {
    int started = 0;
    for (RunRecord run : active) {
      if (run.phase != Phase.QUEUED) {
        started++;
      }
    }
    return started < settings.workspaceRunLimit();
  }

  private int startedCount(long jobId) {
    int count = 0;
    for (RunRecord run : active) {
      if (run.jobId == jobId && run.phase != Phase.QUEUED) {
        count++;
      }
    }
    return count;
  }

  /** Queued runs of a job that wait for a slot (runs scripted to stay queued are not counted). */
  private int waitingCount(long jobId) {
    int count = 0;
    for (RunRecord run : active) {
      if (run.jobId == jobId && run.phase == Phase.QUEUED && !run.plan.stayQueued()) {
        count++;
      }
    }
    return count;
  }

  private int queuedCount(long jobId) {
    int count = 0;
    for (RunRecord run : active) {
      if (run.jobId == jobId && run.phase == Phase.QUEUED) {
        count++;
      }
    }
    return count;
  }

  // ---------------------------------------------------------------- jobs

  /** Stores a new job with the given (already defaulted and validated) settings; returns its id. */
  public long createJob(Map<String, Object> jobSettings) {
    long jobId = nextJobId++;
    jobs.put(jobId, new JobRecord(jobId, settledTo, settings.creatorUserName(), jobSettings));
    return jobId;
  }

  /** @throws ApiException 400 "Job N does not exist." */
  JobRecord requireJob(long jobId) {
    JobRecord job = jobs.get(jobId);
    if (job == null) {
      throw ApiException.jobDoesNotExist(jobId);
    }
    return job;
  }

  @Nullable JobRecord findJob(long jobId) {
    return jobs.get(jobId);
  }

  List<JobRecord> jobs() {
    return new ArrayList<>(jobs.values());
  }

  /** Deletes a job; its active runs are cancelled first (finished runs stay listed). */
  void deleteJob(long jobId) {
    requireJob(jobId);
    for (RunRecord run : activeRuns()) {
      if (run.jobId == jobId && run.phase == Phase.QUEUED) {
        cancel(run);
      }
    }
    for (RunRecord run : activeRuns()) {
      if (run.jobId == jobId) {
        cancel(run);
      }
    }
    jobs.remove(jobId);
    jobPlans.remove(jobId);
  }

  /** Scripts every future run of a job (until replaced or cleared with null). */
  public void scriptJob(long jobId, @Nullable RunPlan plan) {
    if (plan == null) {
      jobPlans.remove(jobId);
    } else {
      jobPlans.put(jobId, plan);
    }
  }

  /** Scripts the next run created (of any job, or a one-time run); scripts queue up in order. */
  public void scriptNextRun(RunPlan plan) {
    nextRunPlans.addLast(plan);
  }

  /** Scripts the next run of one job; such scripts queue up per job and win over the others. */
  public void scriptNextRun(long jobId, RunPlan plan) {
    nextJobRunPlans.computeIfAbsent(jobId, id -> new ArrayDeque<>()).addLast(plan);
  }

  /**
   * Replaces the plan of an existing run. Phases already over stay as they were; the current phase keeps its
   * start time and now lasts as the new plan says (it ends at once if that time has passed).
   *
   * @return false when there is no such run
   */
  public boolean scriptRun(long runId, RunPlan plan) {
    RunRecord run = runs.get(runId);
    if (run == null) {
      return false;
    }
    run.plan = plan;
    promoteAll(settledTo);
    settle(settledTo);
    return true;
  }

  /** Forgets every script. */
  public void clearScripts() {
    jobPlans.clear();
    nextRunPlans.clear();
    nextJobRunPlans.clear();
  }

  // ---------------------------------------------------------------- runs

  /** The run that already owns this idempotency token, if any. */
  @Nullable RunRecord runForToken(@Nullable String token) {
    if (token == null) {
      return null;
    }
    if (deletedTokens.contains(token)) {
      throw ApiException.invalidParameter("The run associated with idempotency token '" + token
          + "' has been deleted. Use a new idempotency token.");
    }
    Long runId = tokens.get(token);
    return runId == null ? null : runs.get(runId);
  }

  /**
   * Creates a run of a saved job ({@code run-now}): started, QUEUED or SKIPPED according to
   * {@code max_concurrent_runs} and the effective queue setting.
   */
  RunRecord runNow(JobRecord job, @Nullable String token, Map<String, Object> overridingParameters,
      List<Map<String, Object>> jobParameters, @Nullable Boolean queueOverride, String apiVersion) {
    boolean reject = settings.workspaceLimitRejects().test(apiVersion);
    int maxRuns = job.maxConcurrentRuns();
    boolean queueOn = queueOverride != null ? queueOverride : job.queueEnabled();
    if (reject && maxRuns > 0 && !queueOn && startedCount(job.jobId) < maxRuns && !workspaceSlotFree()) {
      throw workspaceLimitReached();
    }
    long runId = nextRunId++;
    List<RunRecord.TaskRun> tasks = new ArrayList<>();
    Object taskDefs = job.settings.get("tasks");
    if (taskDefs instanceof List) {
      for (Object def : (List<?>) taskDefs) {
        if (def instanceof Map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> map = (Map<String, Object>) def;
          Object key = map.get("task_key");
          tasks.add(new RunRecord.TaskRun(nextRunId++, key instanceof String ? (String) key : "task", map));
        }
      }
    }
    RunPlan plan = planFor(job.jobId);
    RunRecord run = new RunRecord(runId, job.jobId, "JOB_RUN", job.name(), settings.creatorUserName(),
        settledTo, token, overridingParameters, jobParameters, tasks, plan, job.timeoutSeconds());
    for (String field : List.of("job_clusters", "git_source")) {
      if (job.settings.get(field) != null) {
        run.runSettings.put(field, Json.deepCopy(job.settings.get(field)));
      }
    }
    register(run);
    int max = job.maxConcurrentRuns();
    boolean queueEnabled = queueOverride != null ? queueOverride : job.queueEnabled();
    // queued runs of this job that could use a free job slot are waiting for the workspace (FIFO)
    boolean jobBlocked = startedCount(job.jobId) >= max;
    if (max <= 0) {
      Lifecycle.skipForConcurrency(run, max, settledTo);
    } else if (plan.stayQueued()) {
      Lifecycle.queueForJob(run, max);
      active.add(run);
    } else if (!jobBlocked && waitingCount(job.jobId) == 0 && workspaceSlotFree()) {
      Lifecycle.start(run, settledTo);
      active.add(run);
    } else if (!queueEnabled && jobBlocked) {
      Lifecycle.skipForConcurrency(run, max, settledTo);
    } else if (!queueEnabled && !workspaceSlotFree()) {
      Lifecycle.skipForWorkspaceLimit(run, settings.workspaceRunLimit(), settledTo);
    } else if (!queueEnabled) {
      // a free workspace slot, but queued runs of this job wait for one: start, as nothing holds this run
      Lifecycle.start(run, settledTo);
      active.add(run);
    } else if (queuedCount(job.jobId) >= settings.maxQueuedRunsPerJob()) {
      Lifecycle.skipForQueueSize(run, settings.maxQueuedRunsPerJob(), settledTo);
    } else {
      if (jobBlocked) {
        Lifecycle.queueForJob(run, max);
      } else {
        Lifecycle.queueForWorkspace(run, settings.workspaceRunLimit());
      }
      active.add(run);
    }
    transition(run, null, settledTo);
    settle(settledTo);
    return run;
  }

  private RunPlan planFor(long jobId) {
    Deque<RunPlan> forJob = nextJobRunPlans.get(jobId);
    if (forJob != null && !forJob.isEmpty()) {
      return forJob.pollFirst();
    }
    RunPlan next = nextRunPlans.pollFirst();
    if (next != null) {
      return next;
    }
    return jobPlans.getOrDefault(jobId, settings.defaultPlan());
  }

  /**
   * Creates a one-time run ({@code runs/submit}): no saved job and no job limit; it starts at once unless
   * the workspace run limit is reached (then QUEUED with {@code queue.enabled}, else SKIPPED).
   */
  RunRecord submit(String runName, @Nullable String token, List<Map<String, Object>> taskDefs,
      long timeoutSeconds, @Nullable Boolean queueEnabled, String apiVersion, Map<String, Object> runSettings) {
    if (settings.workspaceLimitRejects().test(apiVersion) && !Boolean.TRUE.equals(queueEnabled)
        && !workspaceSlotFree()) {
      throw workspaceLimitReached();
    }
    long runId = nextRunId++;
    // real one-time runs belong to an anonymous job with a real id (databricks-sdk-py#375, flytekit#1935)
    long anonymousJobId = nextJobId++;
    List<RunRecord.TaskRun> tasks = new ArrayList<>();
    for (Map<String, Object> def : taskDefs) {
      Object key = def.get("task_key");
      tasks.add(new RunRecord.TaskRun(nextRunId++, key instanceof String ? (String) key : "task", def));
    }
    RunPlan plan = planFor(0);
    RunRecord run = new RunRecord(runId, anonymousJobId, "SUBMIT_RUN", runName, settings.creatorUserName(), settledTo,
        token, Map.of(), List.of(), tasks, plan, timeoutSeconds);
    run.runSettings.putAll(runSettings);
    register(run);
    if (plan.stayQueued()) {
      Lifecycle.queueForWorkspace(run, settings.workspaceRunLimit());
      active.add(run);
    } else if (workspaceSlotFree()) {
      Lifecycle.start(run, settledTo);
      active.add(run);
    } else if (Boolean.TRUE.equals(queueEnabled)) {
      Lifecycle.queueForWorkspace(run, settings.workspaceRunLimit());
      active.add(run);
    } else {
      Lifecycle.skipForWorkspaceLimit(run, settings.workspaceRunLimit(), settledTo);
    }
    transition(run, null, settledTo);
    settle(settledTo);
    return run;
  }

  /**
   * Repairs a finished run ({@code runs/repair}): re-runs the chosen tasks as new attempts (new task run ids,
   * {@code attempt_number} one higher, definitions from the job's current settings when it still has the
   * task), leaves the others as they ended, records the repair in the run's history and starts the run again
   * (PENDING now, then as the task scripts say). Error wordings other than the missing
   * {@code latest_repair_id} one are assumed.
   *
   * @param rerunTasks task keys to re-run, or null with {@code allFailed}
   * @param allFailed re-run every task whose latest attempt did not succeed (and was not excluded)
   * @param dependents also re-run every task that depends, directly or not, on a re-run one
   * @param latestRepairId the caller's idea of the run's latest repair, or null
   * @param overriding {@code *_params} fields to merge into the run's {@code overriding_parameters}
   * @param jobParameters the run's new resolved {@code job_parameters}, or null to keep them
   * @return the repair id
   * @throws ApiException 400 when the run is active, the guard does not match, or no task can be re-run
   */
  long repair(RunRecord run, @Nullable List<String> rerunTasks, boolean allFailed, boolean dependents,
      @Nullable Long latestRepairId, Map<String, Object> overriding,
      @Nullable List<Map<String, Object>> jobParameters) {
    if (run.phase.isActive()) {
      throw new ApiException(400, "INVALID_STATE", "Run " + run.runId
          + " is still active. A run can only be repaired after it has finished.");
    }
    Long latest = run.latestRepair == null ? null : run.latestRepair.repairId;
    if (latest != null && latestRepairId == null) {
      // recorded wording (databricks/databricks-sdk-py#157); the error code is assumed
      throw ApiException.invalidParameter("The latest repair ID needs to be provided in order to create a new repair");
    }
    if (latestRepairId != null && !latestRepairId.equals(latest)) {
      throw ApiException.invalidParameter("The provided latest repair ID " + latestRepairId
          + " does not match the latest repair ID " + (latest == null ? "(none: the run was never repaired)" : latest)
          + " of run " + run.runId + ".");
    }
    List<RunRecord.TaskRun> current = new ArrayList<>(run.currentTasks());
    if (current.isEmpty()) {
      throw ApiException.invalidParameter("Run " + run.runId + " has no tasks to repair.");
    }
    // every attempt so far ends where it stands: a task the run's own end stopped takes the run's result
    for (RunRecord.TaskRun task : run.tasks) {
      if (task.frozenJson != null) {
        continue;
      }
      Map<String, Object> json = RunJson.task(run, task);
      task.frozenJson = json;
      if (!task.done()) {
        String result = String.valueOf(run.resultState);
        task.result = result.equals("FAILED") || result.equals("TIMEDOUT") ? result : "CANCELED";
        task.message = run.stateMessage;
      }
    }
    java.util.Set<String> chosen = new LinkedHashSet<>();
    if (rerunTasks != null) {
      for (String key : rerunTasks) {
        if (run.task(key) == null) {
          throw ApiException.invalidParameter("Task " + key + " does not exist in run " + run.runId + ".");
        }
        chosen.add(key);
      }
    } else if (allFailed) {
      for (RunRecord.TaskRun task : current) {
        if (!"SUCCESS".equals(task.result) && !"EXCLUDED".equals(task.result)) {
          chosen.add(task.taskKey);
        }
      }
    }
    if (dependents) {
      boolean grew = true;
      while (grew) {
        grew = false;
        for (RunRecord.TaskRun task : current) {
          if (!chosen.contains(task.taskKey) && task.dependsOn.stream().anyMatch(chosen::contains)) {
            chosen.add(task.taskKey);
            grew = true;
          }
        }
      }
    }
    if (chosen.isEmpty()) {
      throw ApiException.invalidParameter("Run " + run.runId + " has no failed tasks to repair.");
    }
    if (run.latestRepair == null) {
      run.queueMillisBeforeRepair = run.pendingAt >= 0 ? run.pendingAt - run.createdTime
          : run.endAt >= 0 ? run.endAt - run.createdTime : 0L;
    }
    run.pastHistory.add(RunJson.liveHistoryItem(run));
    long repairId = nextRunId++;
    List<Long> taskRunIds = new ArrayList<>();
    JobRecord job = run.oneTime() ? null : jobs.get(run.jobId);
    for (RunRecord.TaskRun previous : current) {
      if (!chosen.contains(previous.taskKey)) {
        continue;
      }
      Map<String, Object> definition = previous.definition;
      if (job != null && job.settings.get("tasks") instanceof List<?> defs) {
        for (Object def : defs) {
          if (def instanceof Map<?, ?> map && previous.taskKey.equals(map.get("task_key"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            definition = typed;
          }
        }
      }
      RunRecord.TaskRun attempt = new RunRecord.TaskRun(nextRunId++, previous.taskKey, definition,
          previous.attemptNumber + 1);
      run.tasks.add(attempt);
      taskRunOwners.put(attempt.runId, run);
      taskRunIds.add(attempt.runId);
    }
    run.overridingParameters.putAll(overriding);
    if (jobParameters != null) {
      run.jobParameters = jobParameters;
    }
    run.latestRepair = new RunRecord.Repair(repairId, settledTo, taskRunIds);
    Phase before = run.phase;
    Lifecycle.restartForRepair(run, settledTo);
    active.add(run);
    transition(run, before, settledTo);
    settle(settledTo);
    return repairId;
  }

  /** The job run owning a task run id, or null. */
  @Nullable RunRecord taskRunOwner(long taskRunId) {
    return taskRunOwners.get(taskRunId);
  }

  /** Active runs, oldest first. */
  List<RunRecord> activeRuns() {
    return new ArrayList<>(active);
  }

  private void register(RunRecord run) {
    run.accountedBytes = sizeOf(run);
    evictOldFinishedRuns(settings.maxRetainedRuns() - 1, settings.maxRetainedRunBytes() - run.accountedBytes);
    runs.put(run.runId, run);
    retainedRunBytes += run.accountedBytes;
    for (RunRecord.TaskRun task : run.tasks) {
      taskRunOwners.put(task.runId, run);
    }
    if (run.idempotencyToken != null) {
      tokens.put(run.idempotencyToken, run.runId);
    }
  }

  /**
   * What a run accounts for: what it holds beyond the shared job settings (parameters, a one-time run's task
   * definitions, its token) as JSON text, plus a fixed overhead per run and per task.
   */
  private static long sizeOf(RunRecord run) {
    long size = 1024 + 256L * run.tasks.size() + Json.write(run.overridingParameters).length()
        + Json.write(run.jobParameters).length()
        + (run.idempotencyToken == null ? 0 : run.idempotencyToken.length())
        + (run.oneTime() ? Json.write(run.runSettings).length() : 0);
    if (run.oneTime()) {
      for (RunRecord.TaskRun task : run.tasks) {
        size += Json.write(task.definition).length();
      }
    }
    return size;
  }

  /** The bytes the retained runs account for. */
  public long retainedRunBytes() {
    return retainedRunBytes;
  }

  /**
   * Forgets the oldest finished runs (and their tokens) until at most {@code keep} runs remain and they
   * account for at most {@code keepBytes}.
   */
  private void evictOldFinishedRuns(int keep, long keepBytes) {
    java.util.Iterator<RunRecord> it = runs.values().iterator();
    while ((runs.size() > keep || retainedRunBytes > keepBytes) && it.hasNext()) {
      RunRecord old = it.next();
      if (old.phase.isTerminal()) {
        it.remove();
        retainedRunBytes -= old.accountedBytes;
        for (RunRecord.TaskRun task : old.tasks) {
          taskRunOwners.remove(task.runId);
        }
        if (old.idempotencyToken != null) {
          tokens.remove(old.idempotencyToken);
        }
      }
    }
  }

  /** @throws ApiException 400 "Run N does not exist." */
  RunRecord requireRun(long runId) {
    RunRecord run = runs.get(runId);
    if (run == null) {
      throw ApiException.runDoesNotExist(runId);
    }
    return run;
  }

  @Nullable RunRecord findRun(long runId) {
    return runs.get(runId);
  }

  /** All runs, oldest first. */
  List<RunRecord> runs() {
    return new ArrayList<>(runs.values());
  }

  /**
   * Runs newest first, starting below run id {@code beforeRunId} (exclusive; {@link Long#MAX_VALUE} for the
   * newest): a view, walked lazily, so a page costs what it reads, not what the workspace holds.
   */
  Iterable<RunRecord> runsNewestFirst(long beforeRunId) {
    return runs.headMap(beforeRunId, false).descendingMap().values();
  }

  /** Runs oldest first after run id {@code afterRunId} (exclusive), lazily. */
  Iterable<RunRecord> runsOldestFirst(long afterRunId) {
    return runs.tailMap(afterRunId, false).values();
  }

  public int runCount() {
    return runs.size();
  }

  /** A view of one run, or null when there is none. */
  public @Nullable RunView runView(long runId) {
    RunRecord run = runs.get(runId);
    return run == null ? null : view(run);
  }

  /** Views of a job's runs, oldest first. */
  public List<RunView> runViews(long jobId) {
    List<RunView> views = new ArrayList<>();
    for (RunRecord run : runs.values()) {
      if (run.jobId == jobId) {
        views.add(view(run));
      }
    }
    return views;
  }

  private RunView view(RunRecord run) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.deepCopy(RunJson.run(run, this));
    return new RunView(json, run.idempotencyToken);
  }

  /** Cancels one run (no effect on a finished run). */
  void cancel(RunRecord run) {
    if (run.phase.isActive()) {
      Phase before = run.phase;
      Lifecycle.cancel(run, settledTo);
      transition(run, before, settledTo);
      if (run.phase.isTerminal()) {
        active.remove(run);
        promoteAll(settledTo);
      }
      settle(settledTo);
    }
  }

  /** Deletes a finished run; its idempotency token stays reserved. */
  void delete(RunRecord run) {
    if (run.phase.isActive()) {
      throw new ApiException(400, "INVALID_STATE",
          "Run " + run.runId + " is in an active state and cannot be deleted.");
    }
    runs.remove(run.runId);
    retainedRunBytes -= run.accountedBytes;
    for (RunRecord.TaskRun task : run.tasks) {
      taskRunOwners.remove(task.runId);
    }
    if (run.idempotencyToken != null) {
      tokens.remove(run.idempotencyToken);
      deletedTokens.add(run.idempotencyToken);
    }
  }

  /**
   * A page of the state: {@code now_millis}, every job ({@code jobs/get} shape) on the first page, and up to
   * {@code limit} runs ({@code runs/get} shape plus {@code idempotency_token}) oldest first, starting after run
   * id {@code afterRunId}; {@code next_page_token} when more runs follow.
   */
  public Map<String, Object> dump(long afterRunId, int limit) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("now_millis", settledTo);
    List<Object> jobList = new ArrayList<>();
    if (afterRunId < 0) {
      for (JobRecord job : jobs.values()) {
        jobList.add(JobJson.job(job));
      }
    }
    List<Object> runList = new ArrayList<>();
    long last = -1;
    boolean more = false;
    for (RunRecord run : runs.tailMap(afterRunId, false).values()) {
      if (runList.size() == limit) {
        more = true;
        break;
      }
      Map<String, Object> json = RunJson.run(run, this);
      if (run.idempotencyToken != null) {
        json.put("idempotency_token", run.idempotencyToken);
      }
      runList.add(json);
      last = run.runId;
    }
    state.put("jobs", jobList);
    state.put("runs", runList);
    state.put("run_count", runs.size());
    if (more) {
      state.put("next_page_token", "after:" + last);
    }
    return state;
  }

  String runPageUrl(RunRecord run) {
    return settings.baseUrl().get() + "/?o=" + settings.workspaceId() + "#job/" + run.jobId + "/run/"
        + run.runId;
  }
}
