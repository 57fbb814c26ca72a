package io.github.dbexec.testkit.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The run state machine: QUEUED → PENDING → RUNNING → TERMINATING → TERMINATED (or INTERNAL_ERROR), plus
 * SKIPPED at creation and cancellation. Every transition is stamped with the fake-clock time at which it
 * happened (not the time somebody looked), so timestamps and durations are exact.
 *
 * <p>Termination details for non-success outcomes follow jobs-api.md §5-7; the pairing of result states
 * with {@code termination_details.code}/{@code type} is UNVERIFIED against the real service except for
 * SUCCESS.
 */
final class Lifecycle {
  private Lifecycle() {}

  /** Marks a run QUEUED behind its job's {@code max_concurrent_runs} (MAX_CONCURRENT_RUNS_REACHED). */
  static void queueForJob(RunRecord run, int maxConcurrentRuns) {
    queue(run, "MAX_CONCURRENT_RUNS_REACHED",
        "Queued due to reaching maximum concurrent runs of " + maxConcurrentRuns + ".");
  }

  /** Marks a run QUEUED behind the workspace's active-run limit (ACTIVE_RUNS_LIMIT_REACHED). */
  static void queueForWorkspace(RunRecord run, int workspaceRunLimit) {
    // wording as quoted in recorded-behaviour.md (a claim, no log)
    queue(run, "ACTIVE_RUNS_LIMIT_REACHED",
        "Queued due to reaching maximum number of allowed active runs (" + workspaceRunLimit + ")");
  }

  private static void queue(RunRecord run, String code, String message) {
    run.phase = Phase.QUEUED;
    run.queueCode = code;
    run.queueMessage = message;
    run.stateMessage = "";
  }

  /**
   * Ends a new run at once as SKIPPED because the workspace's active-run limit is reached and queueing is
   * off (termination code WORKSPACE_RUN_LIMIT_EXCEEDED), for {@code WorkspaceRunLimitAnswer.SKIP_RUN}; an
   * assumption: the recorded answer is a 429 that creates no run.
   */
  static void skipForWorkspaceLimit(RunRecord run, int workspaceRunLimit, long at) {
    String message = "Skipping this run because the workspace limit of " + workspaceRunLimit
        + " active runs has been reached.";
    end(run, Phase.SKIPPED, "MAXIMUM_CONCURRENT_RUNS_REACHED", message,
        "WORKSPACE_RUN_LIMIT_EXCEEDED", "CLIENT_ERROR", at);
  }

  /** Ends a new run at once as SKIPPED because of the concurrency limit (queueing off). */
  static void skipForConcurrency(RunRecord run, int maxConcurrentRuns, long at) {
    String message = "Skipping this run because the limit of " + maxConcurrentRuns
        + " maximum concurrent runs has been reached.";
    end(run, Phase.SKIPPED, "MAXIMUM_CONCURRENT_RUNS_REACHED", message,
        "MAX_CONCURRENT_RUNS_EXCEEDED", "CLIENT_ERROR", at);
  }

  /** Ends a new run at once as SKIPPED because the job's queue is full. */
  static void skipForQueueSize(RunRecord run, int queueCap, long at) {
    String message = "Skipping this run because the job level queue size limit of " + queueCap
        + " has been reached.";
    end(run, Phase.SKIPPED, "MAXIMUM_CONCURRENT_RUNS_REACHED", message,
        "MAX_JOB_QUEUE_SIZE_EXCEEDED", "CLIENT_ERROR", at);
  }

  /** Starts (or promotes from the queue) a run: it becomes PENDING at {@code at}. */
  static void start(RunRecord run, long at) {
    run.phase = Phase.PENDING;
    run.pendingAt = at;
    run.queueCode = null;
    run.queueMessage = null;
    run.stateMessage = "Waiting for cluster";
  }

  /**
   * Restarts a finished run for a {@code runs/repair}: PENDING at {@code at}, its previous end forgotten (the
   * repaired tasks decide the new one).
   */
  static void restartForRepair(RunRecord run, long at) {
    run.endOutcome = null;
    run.resultState = null;
    run.userCancelledOrTimedout = false;
    run.terminationCode = null;
    run.terminationType = null;
    run.terminationMessage = "";
    run.errorMessage = null;
    run.failedTaskResult = null;
    run.runningAt = -1;
    run.terminatingAt = -1;
    run.endAt = -1;
    start(run, at);
  }

  /** Whether the run's tasks play out one by one and decide how it ends. */
  static boolean tasksDecide(RunRecord run) {
    return !run.tasks.isEmpty() && run.plan.tasksDecide();
  }

  /** When the run's next timed transition happens, or {@link Long#MAX_VALUE} for none. */
  static long nextTransitionAt(RunRecord run) {
    switch (run.phase) {
      case PENDING:
        return run.pendingAt + run.plan.pendingMillis();
      case RUNNING:
        return tasksDecide(run) ? nextTaskEventAt(run) : runningEndsAt(run);
      case TERMINATING:
        return run.terminatingAt + run.plan.terminatingMillis();
      default:
        return Long.MAX_VALUE;
    }
  }

  private static long runningEndsAt(RunRecord run) {
    long planned = run.runningAt + run.plan.runningMillis();
    if (run.timeoutSeconds > 0) {
      long deadline = Math.max(run.runningAt, run.pendingAt + run.timeoutSeconds * 1000L);
      return Math.min(planned, deadline);
    }
    return planned;
  }

  private static boolean timesOut(RunRecord run) {
    return run.timeoutSeconds > 0
        && run.pendingAt + run.timeoutSeconds * 1000L < run.runningAt + run.plan.runningMillis();
  }

  // ------------------------------------------------------------------ tasks

  private static long timeoutDeadline(RunRecord run) {
    return run.timeoutSeconds > 0 ? Math.max(run.runningAt, run.pendingAt + run.timeoutSeconds * 1000L)
        : Long.MAX_VALUE;
  }

  private static boolean allTasksDone(RunRecord run) {
    for (RunRecord.TaskRun task : run.tasks) {
      if (!task.done()) {
        return false;
      }
    }
    return true;
  }

  /** The next task end, the end of the last task once all are done, or the job timeout if earlier. */
  private static long nextTaskEventAt(RunRecord run) {
    long next;
    if (allTasksDone(run)) {
      next = run.runningAt;
      for (RunRecord.TaskRun task : run.tasks) {
        next = Math.max(next, task.execEnd);
      }
    } else {
      next = Long.MAX_VALUE;
      for (RunRecord.TaskRun task : run.tasks) {
        if (task.started() && !task.done()) {
          next = Math.min(next, task.execEnd);
        }
      }
    }
    return Math.min(next, timeoutDeadline(run));
  }

  /** What a task does: its own script, the script for the first task, or succeed. */
  private static TaskPlan taskPlan(RunRecord run, RunRecord.TaskRun task) {
    TaskPlan own = run.plan.taskPlans().get(task.taskKey);
    if (own != null) {
      return own.forAttempt(task.attemptNumber);
    }
    TaskPlan first = run.plan.taskPlans().get(RunPlan.FIRST_TASK);
    if (first != null && run.tasks.get(0).taskKey.equals(task.taskKey)) {
      return first.forAttempt(task.attemptNumber);
    }
    return new TaskPlan(Outcome.SUCCESS, run.plan.message(), null);
  }

  private static boolean failedResult(@Nullable String result) {
    return "FAILED".equals(result) || "TIMEDOUT".equals(result) || "UPSTREAM_FAILED".equals(result);
  }

  /**
   * Starts every task whose dependencies are done and whose {@code run_if} holds, at {@code at}; a task whose
   * {@code run_if} fails is done at once: UPSTREAM_FAILED after a failed dependency, else EXCLUDED.
   */
  static void startReadyTasks(RunRecord run, long at) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (RunRecord.TaskRun task : run.tasks) {
        if (task.started() || task.done()) {
          continue;
        }
        int succeeded = 0;
        int failed = 0;
        boolean ready = true;
        for (String key : task.dependsOn) {
          RunRecord.TaskRun dep = run.task(key);
          if (dep == null) {
            continue;
          }
          if (!dep.done()) {
            ready = false;
            break;
          }
          if (failedResult(dep.result)) {
            failed++;
          } else if ("SUCCESS".equals(dep.result)) {
            succeeded++;
          }
        }
        if (!ready) {
          continue;
        }
        int total = task.dependsOn.size();
        boolean runs = switch (task.runIf) {
          case "ALL_DONE" -> true;
          case "NONE_FAILED" -> failed == 0;
          case "AT_LEAST_ONE_SUCCESS" -> succeeded > 0;
          case "ALL_FAILED" -> failed == total;
          case "AT_LEAST_ONE_FAILED" -> failed > 0;
          default -> failed == 0;   // ALL_SUCCESS (EXCLUDED dependencies count as not failed)
        };
        changed = true;
        if (runs) {
          TaskPlan plan = taskPlan(run, task);
          task.plan = plan;
          task.execStart = at;
          task.execEnd = at + (plan.runningMillis() != null ? plan.runningMillis() : run.plan.runningMillis());
        } else {
          task.execStart = at;
          task.execEnd = at;
          task.result = failed > 0 ? "UPSTREAM_FAILED" : "EXCLUDED";
          task.message = failed > 0 ? "Upstream task failed." : "Excluded by its run_if condition.";
        }
      }
    }
  }

  /** Ends the tasks whose execution ends at {@code at}, with their scripted result. */
  private static void finishTasks(RunRecord run, long at) {
    for (RunRecord.TaskRun task : run.tasks) {
      if (task.started() && !task.done() && task.execEnd <= at) {
        TaskPlan plan = task.plan == null ? taskPlan(run, task) : task.plan;
        switch (plan.outcome()) {
          case FAILED -> {
            task.result = "FAILED";
            task.message = plan.message().isEmpty() ? DEFAULT_TASK_FAILURE : plan.message();
          }
          case TIMEDOUT -> {
            task.result = "TIMEDOUT";
            task.message = "Task timed out.";
          }
          default -> {
            task.result = "SUCCESS";
            task.message = "";
          }
        }
      }
    }
  }

  /**
   * What a real workspace reports for a task that failed (serverless, a Python task that raises; databricks/cli
   * acceptance/bundle/resources/job_runs/failed_run, recorded).
   */
  static final String DEFAULT_TASK_FAILURE = "Workload failed, see run output for details";

  /** The run's end once every task is done: the first failed or timed-out task fails the run. */
  private static void rollUp(RunRecord run, long at) {
    RunRecord.TaskRun failed = null;
    RunRecord.TaskRun upstreamFailed = null;
    boolean skipped = false;
    for (RunRecord.TaskRun task : run.currentTasks()) {
      if (failed == null && ("FAILED".equals(task.result) || "TIMEDOUT".equals(task.result))) {
        failed = task;
      }
      if (upstreamFailed == null && "UPSTREAM_FAILED".equals(task.result)) {
        upstreamFailed = task;
      }
    }
    skipped = upstreamFailed != null;
    if (failed == null && upstreamFailed != null) {
      // only after a repair that re-ran a failed task but not the tasks it had skipped: they still fail the
      // run (assumed)
      failed = upstreamFailed;
      skipped = false;
    }
    if (failed == null) {
      terminate(run, Outcome.SUCCESS, "", at);
      return;
    }
    if (!skipped && leavesSucceeded(run)) {
      terminate(run, Outcome.SUCCESS_WITH_FAILURES, "", at);
      return;
    }
    String message = "Task " + failed.taskKey + " failed with message: " + failed.message
        + (failed.message.endsWith(".") ? "" : ".")
        + (skipped ? " This caused all downstream tasks to get skipped." : "");
    run.failedTaskResult = "UPSTREAM_FAILED".equals(failed.result) ? "FAILED" : failed.result;
    terminate(run, Outcome.TASK_FAILED, message, at);
  }

  /** Whether every leaf task (one no other task depends on) ended SUCCESS or EXCLUDED (latest attempts). */
  private static boolean leavesSucceeded(RunRecord run) {
    List<RunRecord.TaskRun> current = run.currentTasks();
    java.util.Set<String> upstream = new java.util.HashSet<>();
    for (RunRecord.TaskRun task : current) {
      upstream.addAll(task.dependsOn);
    }
    for (RunRecord.TaskRun task : current) {
      if (!upstream.contains(task.taskKey) && !"SUCCESS".equals(task.result) && !"EXCLUDED".equals(task.result)) {
        return false;
      }
    }
    return true;
  }

  /** Performs the run's next timed transition, stamped at {@code at}. */
  static void advance(RunRecord run, long at) {
    switch (run.phase) {
      case PENDING:
        run.phase = Phase.RUNNING;
        run.runningAt = at;
        run.stateMessage = "In run";
        if (tasksDecide(run)) {
          startReadyTasks(run, at);
        }
        break;
      case RUNNING:
        if (!tasksDecide(run)) {
          terminate(run, timesOut(run) ? Outcome.TIMEDOUT : run.plan.outcome(), run.plan.message(), at);
        } else if (allTasksDone(run)) {
          rollUp(run, at);
        } else {
          finishTasks(run, at);
          startReadyTasks(run, at);
          if (!allTasksDone(run) && at >= timeoutDeadline(run)) {
            terminate(run, Outcome.TIMEDOUT, "", at);
          }
        }
        break;
      case TERMINATING:
        finish(run, at);
        break;
      default:
        throw new IllegalStateException("no timed transition from " + run.phase);
    }
  }

  /** Enters TERMINATING with the given outcome. */
  static void terminate(RunRecord run, Outcome outcome, String message, long at) {
    run.phase = Phase.TERMINATING;
    run.terminatingAt = at;
    run.endOutcome = outcome;
    switch (outcome) {
      case SUCCESS:
        setTermination(run, "SUCCESS", "SUCCESS", "");
        run.stateMessage = "";
        break;
      case FAILED:
        String failure = message.isEmpty() ? "Run failed with error message" : message;
        setTermination(run, "RUN_EXECUTION_ERROR", "CLIENT_ERROR", failure);
        run.stateMessage = failure;
        run.errorMessage = failure;
        break;
      case TIMEDOUT:
        setTermination(run, "CANCELED", "CLIENT_ERROR", "Run timed out.");
        run.stateMessage = "Run timed out.";
        run.userCancelledOrTimedout = true;
        break;
      case CANCELED:
        setTermination(run, "USER_CANCELED", "SUCCESS", "Run cancelled.");
        run.stateMessage = "Run cancelled.";
        run.userCancelledOrTimedout = true;
        break;
      case INTERNAL_ERROR:
        String internal = message.isEmpty() ? "Internal error in the Jobs service." : message;
        setTermination(run, "INTERNAL_ERROR", "INTERNAL_ERROR", internal);
        run.stateMessage = internal;
        run.errorMessage = internal;
        break;
      case SUCCESS_WITH_FAILURES:
        // the pairing with termination code SUCCESS_WITH_FAILURES / type SUCCESS is assumed
        setTermination(run, "SUCCESS_WITH_FAILURES", "SUCCESS", "");
        run.stateMessage = "";
        break;
      case TASK_FAILED:
        // termination type of a failed run is not recorded; CLIENT_ERROR is an assumption
        setTermination(run, "RUN_EXECUTION_ERROR", "CLIENT_ERROR", message);
        run.stateMessage = message;
        break;
      default:
        throw new IllegalStateException(outcome.name());
    }
  }

  private static void finish(RunRecord run, long at) {
    Outcome outcome = run.endOutcome == null ? Outcome.SUCCESS : run.endOutcome;
    run.endAt = at;
    run.phase = outcome == Outcome.INTERNAL_ERROR || outcome == Outcome.TASK_FAILED ? Phase.INTERNAL_ERROR
        : Phase.TERMINATED;
    run.resultState = switch (outcome) {
      case SUCCESS -> "SUCCESS";
      case SUCCESS_WITH_FAILURES -> "SUCCESS_WITH_FAILURES";
      case TASK_FAILED -> run.failedTaskResult == null ? "FAILED" : run.failedTaskResult;
      case FAILED, INTERNAL_ERROR -> "FAILED";
      case TIMEDOUT -> "TIMEDOUT";
      case CANCELED -> "CANCELED";
    };
  }

  /** Cancels an active run: a queued run ends at once; a started one goes TERMINATING. */
  static void cancel(RunRecord run, long at) {
    if (run.phase == Phase.QUEUED) {
      run.queueCode = null;
      run.queueMessage = null;
      run.userCancelledOrTimedout = true;
      end(run, Phase.TERMINATED, "CANCELED", "Run cancelled.", "USER_CANCELED", "SUCCESS", at);
      run.endOutcome = Outcome.CANCELED;
    } else if (run.phase == Phase.PENDING || run.phase == Phase.RUNNING) {
      terminate(run, Outcome.CANCELED, "", at);
    }
  }

  private static void end(RunRecord run, Phase phase, String resultState, String message,
      String terminationCode, String terminationType, long at) {
    run.phase = phase;
    run.resultState = resultState;
    run.stateMessage = message;
    run.endAt = at;
    setTermination(run, terminationCode, terminationType, message);
  }

  private static void setTermination(RunRecord run, String code, String type, String message) {
    run.terminationCode = code;
    run.terminationType = type;
    run.terminationMessage = message;
  }
}
