package io.github.dbexec.internal;

import io.github.dbexec.AwaitTimeoutException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.Run;
import io.github.dbexec.RunFailedException;
import io.github.dbexec.RunProgressListener;
import io.github.dbexec.RunResult;
import io.github.dbexec.Sleeper;
import io.github.dbexec.WaitEnd;
import io.github.dbexec.WaitOptions;
import io.github.dbexec.WaitOutcome;
import io.github.dbexec.WaitPoll;
import io.github.dbexec.WaitStart;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;

/**
 * Polls {@code runs/get} until a run is terminal or the caller's timeout passes. The timeout bounds each poll too:
 * a poll's HTTP call gets the time left as its call timeout. Transient failures (429, 5xx,
 * connection failures) while polling do not end the wait; other errors (the run was deleted, credentials revoked) do.
 * The synchronous wait sleeps through the injected {@link Sleeper}; the asynchronous one parks no thread: each poll
 * is an OkHttp asynchronous call, and the pause before the next is a task on a shared scheduler. Each wait tells its
 * {@link ExecutorListener} {@code waitStart}, every poll, and {@code waitEnd} once. Logs on {@code io.github.dbexec.wait}:
 * DEBUG for a transient failure while polling, WARN when a wait gives up (its timeout passed, or an error ended it).
 * Thread-safe.
 */
public final class RunWaiter {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.wait");

  private final JobsService service;
  private final ApiCaller caller;
  private final Clock clock;
  private final Sleeper sleeper;
  private final EventEmitter events;
  private final Supplier<ScheduledExecutorService> scheduler;
  private final TaskErrors taskErrors;

  public RunWaiter(JobsService service, ApiCaller caller, Clock clock, Sleeper sleeper,
      EventEmitter events, Supplier<ScheduledExecutorService> scheduler) {
    this.taskErrors = new TaskErrors(service, caller);
    this.service = service;
    this.caller = caller;
    this.clock = clock;
    this.sleeper = sleeper;
    this.events = events;
    this.scheduler = scheduler;
  }

  /** One wait's state: the deadline, the next interval, the last run seen. Confined to one poll at a time. */
  private final class Wait {
    final long runId;
    final WaitOptions options;
    final long deadline;
    final ExecutorListener listener;
    final long startNanos;
    Duration interval;
    @Nullable Run last;
    @Nullable DatabricksException lastFailure;
    int polls;

    Wait(long runId, WaitOptions options, boolean async) {
      this.runId = runId;
      this.options = options;
      this.deadline = saturatedAdd(clock.millis(), options.timeout().toMillis());
      this.interval = options.initialPollInterval();
      this.listener = caller.listener(ExecutorCall.Operation.AWAIT_TERMINATION, null, runId);
      this.startNanos = listener == ExecutorListener.NONE ? 0 : System.nanoTime();
      if (listener != ExecutorListener.NONE) {
        listener.waitStart(new WaitStart(runId, null, options.timeout(), async));
      }
    }

    /** Takes in one poll's run (progress, listener); true when the run is terminal. */
    boolean observe(Run run) {
      Run previous = last;
      last = run;
      lastFailure = null;
      polls++;
      if (listener != ExecutorListener.NONE) {
        listener.waitPoll(new WaitPoll(runId, polls, run.lifeCycleState(), previous == null
            || previous.lifeCycleState() != run.lifeCycleState(), null));
      }
      if (previous == null || previous.lifeCycleState() != run.lifeCycleState()
          || !java.util.Objects.equals(previous.rawLifeCycleState(), run.rawLifeCycleState())) {
        progress(previous, run);
      }
      return run.isTerminal();
    }

    /** Ends with the terminal run's result: emits the terminated event, throws when the options ask for it. */
    RunResult finish(RunResult result) {
      events.emitTerminated(result, listener);
      if (options.throwOnFailure() && !result.isSuccess()) {
        throw RunFailedException.of(result);
      }
      return result;
    }

    /** Takes in a failed poll: transient failures are swallowed (logged), others rethrown. */
    void failed(DatabricksException e) {
      if (!e.isRetryable()) {
        throw e;
      }
      lastFailure = e;
      polls++;
      if (listener != ExecutorListener.NONE) {
        listener.waitPoll(new WaitPoll(runId, polls, null, false, e));
      }
      log.debug("waiting for run {}: transient failure while polling, still waiting: {}", runId, e.getMessage());
    }

    /**
     * The time left before the deadline, at least 1 ms: the bound on the next poll's HTTP call, so that a silent or
     * slow server cannot hold a wait past its timeout (a poll would otherwise last up to the read or call timeout).
     */
    Duration left() {
      return Duration.ofMillis(Math.max(1, deadline - clock.millis()));
    }

    /** Tells the listener, and the log when the wait gave up, how the wait ended. */
    void ended(@Nullable RunResult result, @Nullable Throwable failure) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof AwaitTimeoutException) {
        log.warn("waiting for run {}: gave up, {}", runId, cause.getMessage());
      } else if (cause != null && !(cause instanceof RunFailedException) && !(cause instanceof CancellationException)) {
        log.warn("waiting for run {}: gave up after {} poll(s): {}", runId, polls, cause.toString());
      }
      if (listener == ExecutorListener.NONE) {
        return;
      }
      WaitOutcome outcome;
      RunResult terminated = result;
      if (cause == null || cause instanceof RunFailedException) {
        outcome = WaitOutcome.TERMINATED;
        terminated = cause == null ? result : ((RunFailedException) cause).result();
      } else if (cause instanceof AwaitTimeoutException) {
        outcome = WaitOutcome.TIMED_OUT;
      } else if (cause instanceof CancellationException) {
        outcome = WaitOutcome.CANCELLED;
      } else {
        outcome = WaitOutcome.FAILED;
      }
      listener.waitEnd(new WaitEnd(runId, outcome, terminated == null ? null : terminated.run().resultState(), polls,
          Duration.ofNanos(System.nanoTime() - startNanos), cause));
    }

    /** The pause before the next poll, or null when the timeout has passed (after cancelling if asked). */
    @Nullable Duration nextPause() {
      long now = clock.millis();
      if (now >= deadline) {
        boolean canceled = false;
        if (options.cancelOnTimeout()) {
          try {
            caller.withRetries(service.cancelRun(new Wire.RunIdBody(runId)), null, value -> { }, listener);
            canceled = true;
          } catch (DatabricksException e) {
            log.warn("waiting for run {}: timed out and could not cancel it: {}", runId, e.getMessage());
          }
        }
        throw AwaitTimeoutException.of(runId, options.timeout(), last, canceled, lastFailure);
      }
      Duration pause = interval.compareTo(Duration.ofMillis(deadline - now)) < 0
          ? interval : Duration.ofMillis(deadline - now);
      Duration grown = Duration.ofMillis(interval.toMillis() + interval.toMillis() / 2);
      interval = grown.compareTo(options.maxPollInterval()) < 0 ? grown : options.maxPollInterval();
      return pause;
    }

    private void progress(@Nullable Run previous, Run run) {
      RunProgressListener listener = options.progressListener();
      if (listener != null) {
        try {
          listener.onProgress(run);
        } catch (RuntimeException e) {
          log.warn("RunProgressListener threw; ignored", e);
        }
      }
      events.emitStateChanged(previous, run, Wait.this.listener);
    }
  }

  public RunResult await(long runId, WaitOptions options) {
    Wait wait = new Wait(runId, options, false);
    try {
      RunResult result = pollUntilTerminal(wait);
      wait.ended(result, null);
      return result;
    } catch (RuntimeException | Error e) {
      wait.ended(null, e);
      throw e;
    }
  }

  private RunResult pollUntilTerminal(Wait wait) {
    long runId = wait.runId;
    while (true) {
      try {
        Call<Wire.Run> poll = service.getRun(runId);
        // each page of a 2.2 run is bounded by the time the wait has left
        Wire.Run polled = ArrayPages.completeRun(service, runId, caller.once(poll, wait.left(), wait.listener),
            page -> caller.once(page, wait.left(), wait.listener));
        Run run = WireMapper.run(polled, Endpoints.label(poll.request()));
        if (wait.observe(run)) {
          return wait.finish(taskErrors.result(run, wait.left(), wait.listener));
        }
      } catch (RunFailedException e) {
        throw e;
      } catch (DatabricksException e) {
        wait.failed(e);
      }
      Duration pause = wait.nextPause();
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DatabricksTransportException.noResponse("waiting for run " + runId + " was interrupted", false, e);
      }
    }
  }

  public CompletableFuture<RunResult> awaitAsync(long runId, WaitOptions options) {
    CompletableFuture<RunResult> result = new CompletableFuture<>();
    Wait wait = new Wait(runId, options, true);
    result.whenComplete(wait::ended);
    pollAsync(wait, result);
    return result;
  }

  private void pollAsync(Wait wait, CompletableFuture<RunResult> result) {
    if (result.isDone()) {
      return; // the caller cancelled the future
    }
    Call<Wire.Run> poll = service.getRun(wait.runId);
    caller.onceAsync(poll, wait.left(), wait.listener)
        .thenCompose(first -> ArrayPages.completeRunAsync(service, caller, wait.runId, first))
        .whenComplete((wire, error) -> {
      try {
        if (error == null) {
          Run run = WireMapper.run(wire, Endpoints.label(poll.request()));
          if (wait.observe(run)) {
            taskErrors.resultAsync(run, wait.left()).whenComplete((done, e) -> {
              try {
                result.complete(wait.finish(done));
              } catch (RuntimeException failed) {
                result.completeExceptionally(failed);
              }
            });
            return;
          }
        } else {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (!(cause instanceof DatabricksException)) {
            result.completeExceptionally(cause);
            return;
          }
          wait.failed((DatabricksException) cause);
        }
        Duration pause = wait.nextPause();
        ScheduledExecutorService pauses;
        try {
          pauses = scheduler.get();
        } catch (IllegalStateException closed) { // close() began while this poll was in flight
          result.completeExceptionally(Engine.closedWhileWaiting(wait.runId));
          return;
        }
        pauses.schedule(() -> pollAsync(wait, result), pause.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
