package io.github.dbexec.testkit.internal;

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

  /** When the run's next timed transition happens, or {@link Long#MAX_VALUE} for none. */
  static long nextTransitionAt(RunRecord run) {
    switch (run.phase) {
      case PENDING:
        return run.pendingAt + run.plan.pendingMillis();
      case RUNNING:
        return runningEndsAt(run);
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

  /** Performs the run's next timed transition, stamped at {@code at}. */
  static void advance(RunRecord run, long at) {
    switch (run.phase) {
      case PENDING:
        run.phase = Phase.RUNNING;
        run.runningAt = at;
        run.stateMessage = "In run";
        break;
      case RUNNING:
        terminate(run, timesOut(run) ? Outcome.TIMEDOUT : run.plan.outcome(), run.plan.message(), at);
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
      default:
        throw new IllegalStateException(outcome.name());
    }
  }

  private static void finish(RunRecord run, long at) {
    Outcome outcome = run.endOutcome == null ? Outcome.SUCCESS : run.endOutcome;
    run.endAt = at;
    run.phase = outcome == Outcome.INTERNAL_ERROR ? Phase.INTERNAL_ERROR : Phase.TERMINATED;
    run.resultState = switch (outcome) {
      case SUCCESS -> "SUCCESS";
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
