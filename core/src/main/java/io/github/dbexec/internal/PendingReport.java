package io.github.dbexec.internal;

import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueReport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The queue report of one new run, known now or later: what a {@code Submission} holds. It becomes known exactly
 * once — from its look-up, or as UNKNOWN when the look-up failed or the executor closed first — and
 * {@link #known()} completes, always normally, only after the report's listener callbacks and events are done.
 * Thread-safe.
 */
public final class PendingReport {
  /** What the submission learns when the report is known. */
  public record Known(QueueReport report, @Nullable String runPageUrl, boolean createdBefore) {}

  final @Nullable Long jobId;
  final long runId;
  final ExecutorListener listener;
  final long startNanos = System.nanoTime();
  private final Function<QueueReporter.Result, Known> finish;
  private final @Nullable ReportBatcher batcher;
  private final AtomicBoolean done = new AtomicBoolean();
  private final CompletableFuture<Known> known = new CompletableFuture<>();

  PendingReport(@Nullable Long jobId, long runId, ExecutorListener listener,
      Function<QueueReporter.Result, Known> finish, @Nullable ReportBatcher batcher) {
    this.jobId = jobId;
    this.runId = runId;
    this.listener = listener;
    this.finish = finish;
    this.batcher = batcher;
  }

  /** A report known at once ({@code QueueReporting.OFF}), finished on the calling thread. */
  static PendingReport now(@Nullable Long jobId, long runId, ExecutorListener listener,
      Function<QueueReporter.Result, Known> finish, QueueReporter.Result result) {
    PendingReport p = new PendingReport(jobId, runId, listener, finish, null);
    p.complete(result);
    return p;
  }

  /** Completes when the report is known and its callbacks and events are done; never exceptionally. */
  public CompletableFuture<Known> known() {
    return known;
  }

  /** Looks the report up now rather than at the end of its batching window: a caller waits for it. */
  public void hurry() {
    if (batcher != null && !known.isDone()) {
      batcher.hurry(this);
    }
  }

  /** Whether the report's look-up has been answered (or given up); its callbacks may still be running. */
  boolean isDone() {
    return done.get();
  }

  /**
   * Makes {@code result} this report's, unless one was made already: runs the finishing step (listener callbacks,
   * events) on this thread, then completes {@link #known()}. Returns whether this call did it.
   */
  boolean complete(QueueReporter.Result result) {
    if (!done.compareAndSet(false, true)) {
      return false;
    }
    Known k;
    try {
      k = finish.apply(result);
    } catch (RuntimeException | Error e) { // the finishing step guards its callbacks; this is a last resort
      k = new Known(result.report(), result.run() == null ? null : result.run().runPageUrl, false);
    }
    known.complete(k);
    return true;
  }
}
