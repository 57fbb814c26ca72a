package io.github.dbexec.internal;

import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the queue reports still to be looked up and looks them up in batches, off the caller's thread, so that
 * submissions to one job within a short window share their look-ups. Per job: the first report waiting starts a
 * {@linkplain #window window}; when it ends (or sooner, when a caller {@linkplain #hurry waits} for one of them) every
 * report waiting for that job is looked up in one batch. At most one batch per job is looked up at a time: reports
 * that arrive while one is in flight wait for it and then form the next batch at once (group commit), so a burst
 * costs a few batches whatever its size. One-time runs (no job) are looked up one by one, at once.
 *
 * <p>Look-ups run on daemon threads named {@code dbexec-queue-report-N}, started lazily and ended after 30 s idle.
 * Every report is completed exactly once, normally (never exceptionally): by its batch, or with an UNKNOWN report
 * when the look-up threw, the executor closed before it was known, or the pool refused it. Thread-safe.
 */
final class ReportBatcher {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.queue");
  private static final int THREADS = 4;

  /** Looks up one batch of reports of one job (null: a one-time run, alone) and completes each. */
  @FunctionalInterface
  interface Lookup {
    void lookUp(@Nullable Long jobId, List<PendingReport> batch);
  }

  /** The reports of one job: waiting for the next batch, and whether a batch is in flight or scheduled. */
  private static final class JobQueue {
    final List<PendingReport> waiting = new ArrayList<>();
    boolean running;
    boolean scheduled;
  }

  private final Lookup lookup;
  private final Duration window;
  private final Map<Long, JobQueue> queues = new HashMap<>(); // guarded by this
  private final Set<PendingReport> outstanding = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledThreadPoolExecutor pool; // guarded by this
  private boolean closed; // guarded by this

  ReportBatcher(Lookup lookup, Duration window) {
    this.lookup = lookup;
    this.window = window;
  }

  /**
   * Adds the report of {@code runId} to look up; {@code finish} runs when it is known, on the thread that learnt it.
   */
  PendingReport add(@Nullable Long jobId, long runId, ExecutorListener listener,
      Function<QueueReporter.Result, PendingReport.Known> finish) {
    PendingReport p = new PendingReport(jobId, runId, listener, finish, this);
    outstanding.add(p);
    p.known().whenComplete((r, e) -> outstanding.remove(p));
    synchronized (this) {
      if (closed) {
        p.complete(closedResult());
        return p;
      }
      if (jobId == null) {
        execute(() -> lookUpAlone(p));
        return p;
      }
      JobQueue q = queues.computeIfAbsent(jobId, id -> new JobQueue());
      q.waiting.add(p);
      if (!q.running && !q.scheduled) {
        q.scheduled = true;
        schedule(() -> flush(jobId), window);
      }
    }
    return p;
  }

  /** Starts the batch that holds {@code p} now instead of at the end of its window: a caller is waiting for it. */
  void hurry(PendingReport p) {
    if (p.isDone() || p.jobId == null) {
      return;
    }
    long jobId = p.jobId;
    synchronized (this) {
      JobQueue q = queues.get(jobId);
      if (q != null && !q.running && q.waiting.contains(p)) {
        execute(() -> flush(jobId));
      }
    }
  }

  private void flush(long jobId) {
    List<PendingReport> batch;
    synchronized (this) {
      JobQueue q = queues.get(jobId);
      if (q == null || q.running || q.waiting.isEmpty()) {
        return; // already taken by an earlier flush (a hurried batch, then its window's end)
      }
      batch = new ArrayList<>(q.waiting);
      q.waiting.clear();
      q.running = true;
      q.scheduled = false;
    }
    try {
      lookup.lookUp(jobId, batch);
    } catch (RuntimeException | Error e) {
      log.warn("queue report of {} run(s) of job {} failed", batch.size(), jobId, e);
      failAll(batch, "the look-up failed: " + e);
    } finally {
      synchronized (this) {
        JobQueue q = queues.get(jobId);
        if (q != null) {
          q.running = false;
          if (q.waiting.isEmpty()) {
            queues.remove(jobId);
          } else {
            // these waited for the batch in flight: look them up at once, together (also while closing)
            q.scheduled = true;
            execute(() -> flush(jobId));
          }
        }
      }
    }
  }

  private void lookUpAlone(PendingReport p) {
    try {
      lookup.lookUp(null, List.of(p));
    } catch (RuntimeException | Error e) {
      log.warn("queue report of run {} failed", p.runId, e);
      failAll(List.of(p), "the look-up failed: " + e);
    }
  }

  /**
   * Looks up every report still waiting at once (no window), and waits until all are known or {@code deadlineNanos}
   * (on {@link System#nanoTime()}) passes; the reports still unknown then are completed as UNKNOWN, and no new
   * report is looked up. The look-up threads are stopped. Called once, by the executor's close.
   */
  void close(long deadlineNanos) {
    List<Long> jobs;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      jobs = new ArrayList<>(queues.keySet());
    }
    for (long jobId : jobs) {
      execute(() -> flush(jobId));
    }
    for (PendingReport p : List.copyOf(outstanding)) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        p.known().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        break; // timed out (it never completes exceptionally)
      }
    }
    List<PendingReport> left = List.copyOf(outstanding);
    if (!left.isEmpty()) {
      log.warn("closing: {} queue report(s) not known within the close timeout; reported as UNKNOWN", left.size());
      failAll(left, "the executor closed before the queue report was known");
    }
    ScheduledThreadPoolExecutor p;
    synchronized (this) {
      p = pool;
    }
    if (p != null) {
      p.shutdownNow();
    }
  }

  private static void failAll(List<PendingReport> batch, String reason) {
    for (PendingReport p : List.copyOf(batch)) {
      p.complete(new QueueReporter.Result(QueueReport.unknown(reason), null));
    }
  }

  private static QueueReporter.Result closedResult() {
    return new QueueReporter.Result(QueueReport.unknown("the executor closed before the queue report was known"),
        null);
  }

  private void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  private synchronized void schedule(Runnable task, Duration delay) {
    try {
      pool().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) { // shut down by close(): what waits is completed there
      log.debug("queue report look-up refused: the executor is closing");
    }
  }

  private ScheduledThreadPoolExecutor pool() {
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      ScheduledThreadPoolExecutor p = new ScheduledThreadPoolExecutor(THREADS, r -> {
        Thread t = new Thread(r, "dbexec-queue-report-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      p.setKeepAliveTime(30, TimeUnit.SECONDS);
      p.allowCoreThreadTimeOut(true);
      p.setRemoveOnCancelPolicy(true);
      pool = p;
    }
    return pool;
  }
}
