package io.github.dbexec.internal;

import io.github.dbexec.DatabricksException;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.Run;
import io.github.dbexec.RunResult;
import io.github.dbexec.TaskFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a terminal run's result with its failed tasks' errors: {@code runs/get-output}'s {@code error} for each
 * of the first {@link TaskFailure#MAX_ERRORS_FETCHED} failed tasks, one attempt each, bounded by the time given. A
 * fetch that fails leaves that task's error null (logged at DEBUG): it never fails the wait. Nothing is fetched for
 * a run without failed tasks. Thread-safe.
 */
public final class TaskErrors {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.wait");
  /** The bound on one fetch, whatever the wait has left. */
  static final Duration MAX_FETCH = Duration.ofSeconds(10);

  private final JobsService service;
  private final ApiCaller caller;

  public TaskErrors(JobsService service, ApiCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  /** The result of {@code run} with its failed tasks' errors, fetched one after the other on this thread. */
  public RunResult result(Run run, Duration limit, ExecutorListener listener) {
    RunResult plain = new RunResult(run);
    if (plain.failedTasks().isEmpty()) {
      return plain;
    }
    List<TaskFailure> failed = new ArrayList<>();
    int fetched = 0;
    for (TaskFailure f : plain.failedTasks()) {
      if (fetched++ >= TaskFailure.MAX_ERRORS_FETCHED) {
        failed.add(f);
        continue;
      }
      try {
        Wire.RunOutput out = caller.once(service.getRunOutput(f.runId()), bound(limit), listener);
        failed.add(f.withError(out.error));
      } catch (DatabricksException e) {
        log.debug("run {}: could not read the error of failed task {} (task run {}): {}", run.runId(), f.taskKey(),
            f.runId(), e.getMessage());
        failed.add(f);
      }
    }
    return new RunResult(run, failed);
  }

  /** Like {@link #result}, without blocking: the fetches are asynchronous calls, made at once. */
  public CompletableFuture<RunResult> resultAsync(Run run, Duration limit) {
    RunResult plain = new RunResult(run);
    if (plain.failedTasks().isEmpty()) {
      return CompletableFuture.completedFuture(plain);
    }
    List<CompletableFuture<TaskFailure>> each = new ArrayList<>();
    int fetched = 0;
    for (TaskFailure f : plain.failedTasks()) {
      if (fetched++ >= TaskFailure.MAX_ERRORS_FETCHED) {
        each.add(CompletableFuture.completedFuture(f));
        continue;
      }
      CompletableFuture<TaskFailure> one;
      try {
        one = caller.onceAsync(service.getRunOutput(f.runId()), bound(limit)).thenApply(out -> f.withError(out.error));
      } catch (RuntimeException e) {
        one = CompletableFuture.failedFuture(e);
      }
      each.add(one.exceptionally(e -> {
        log.debug("run {}: could not read the error of failed task {}: {}", run.runId(), f.taskKey(), e.toString());
        return f;
      }));
    }
    return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> new RunResult(run, each.stream().map(CompletableFuture::join).toList()));
  }

  private static Duration bound(Duration limit) {
    Duration atLeast = limit.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : limit;
    return atLeast.compareTo(MAX_FETCH) > 0 ? MAX_FETCH : atLeast;
  }
}
