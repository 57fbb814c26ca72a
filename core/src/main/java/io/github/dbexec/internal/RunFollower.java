package io.github.dbexec.internal;

import io.github.dbexec.DatabricksException;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.FollowOptions;
import io.github.dbexec.ResourceNotFoundException;
import io.github.dbexec.Run;
import io.github.dbexec.Sleeper;
import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.JsonLinesFileSink;
import io.github.dbexec.events.RunSkippedEvent;
import io.github.dbexec.events.RunTerminatedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;

/**
 * Follows the runs an executor starts until they end, with nobody waiting, on one shared daemon thread
 * ({@code dbexec-run-follower}, started with the first run): each poll lists the active runs of every job involved
 * ({@code runs/list?active_only=true}) and reads with {@code runs/get} only the runs that left that list and the
 * one-time runs (at most {@link FollowOptions#MAX_GETS_PER_POLL} a poll); it emits a {@code RunStateChangedEvent}
 * when a run's life-cycle state changes and a {@code RunTerminatedEvent} (every task, failed tasks' errors) when it
 * ends, then forgets the run. Learns of new runs as an {@link EventSink} (the executor's last): every
 * {@code AppSubmittedEvent} starts following its run. Bounded by {@link FollowOptions#maxRuns()}; pauses through the
 * injected {@link Sleeper}. Logs on {@code io.github.dbexec.follow}. Thread-safe.
 */
public final class RunFollower implements EventSink {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.follow");

  private final FollowOptions options;
  private final Object lock = new Object();
  private final Map<Long, Followed> runs = new LinkedHashMap<>(); // guarded by lock
  private @Nullable Thread thread; // guarded by lock
  private long refused; // guarded by lock
  private volatile boolean closed;
  private @Nullable JobsService service;
  private @Nullable ApiCaller caller;
  private @Nullable RunsPager pager;
  private @Nullable EventEmitter events;
  private @Nullable Sleeper sleeper;
  private @Nullable TaskErrors taskErrors;

  /** A followed run and the last snapshot seen. Touched by the follower thread only, once added. */
  private static final class Followed {
    final long runId;
    final @Nullable Long jobId;
    @Nullable Run last;

    Followed(long runId, @Nullable Long jobId) {
      this.runId = runId;
      this.jobId = jobId;
    }
  }

  public RunFollower(FollowOptions options) {
    this.options = options;
  }

  /** Connects the follower to the executor's machinery, once, before the first run is followed. */
  public void bind(Engine engine, Sleeper sleeper) {
    this.service = engine.service;
    this.caller = engine.caller;
    this.pager = engine.pager;
    this.events = engine.events;
    this.sleeper = sleeper;
    this.taskErrors = new TaskErrors(engine.service, engine.caller);
  }

  /**
   * Builds an executor with {@code options}' follower (null: none) as the last of the builder's sinks, so that it
   * is told of each run after the caller's sinks have written it; the builder's sinks are left as they were.
   */
  public static <T> T build(SettingsBuilder s, @Nullable FollowOptions options,
      BiFunction<Engine.Settings, @Nullable RunFollower, T> executor) {
    RunFollower follower = options == null ? null : new RunFollower(options);
    if (follower != null) {
      s.eventSinks.add(follower);
    }
    try {
      return executor.apply(s.freeze(), follower);
    } finally {
      s.eventSinks.remove(follower);
    }
  }

  /** {@link #bind} when there is a follower; returns it. */
  public static @Nullable RunFollower bind(@Nullable RunFollower follower, Engine engine, Sleeper sleeper) {
    if (follower != null) {
      follower.bind(engine, sleeper);
    }
    return follower;
  }

  /** {@link #follow(long, Long)} when there is a follower (a repaired run starts again). */
  public static void follow(@Nullable RunFollower follower, long runId, @Nullable Long jobId) {
    if (follower != null) {
      follower.follow(runId, jobId);
    }
  }

  /**
   * {@link #resume(Path)}.
   *
   * @throws IllegalStateException when there is no follower
   */
  public static int resume(@Nullable RunFollower follower, Path eventFile) throws IOException {
    if (follower == null) {
      throw new IllegalStateException("resumeFollowing needs an executor built with followRuns(FollowOptions)");
    }
    return follower.resume(eventFile);
  }

  /** {@link #close()} when there is a follower: within 1 s; runs not ended are left to resumeFollowing. */
  public static void stop(@Nullable RunFollower follower) {
    if (follower != null) {
      follower.close();
    }
  }

  /** Follows the run of every {@code AppSubmittedEvent}; ignores the other events. */
  @Override
  public void accept(ExecutorEvent event) {
    if (event instanceof AppSubmittedEvent submitted) {
      follow(submitted.runId(), submitted.jobId());
    }
  }

  /**
   * Starts following {@code runId} (of job {@code jobId}, null for a one-time run) until it ends.
   *
   * @return false when it is not followed: the follower is closed, or already follows {@code maxRuns} runs
   */
  public boolean follow(long runId, @Nullable Long jobId) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      if (runs.containsKey(runId)) {
        return true;
      }
      if (runs.size() >= options.maxRuns()) {
        refused++;
        log.warn("not following run {}: already following {} runs, the most FollowOptions.maxRuns allows ({} "
            + "run(s) not followed so far); it runs on, and can be waited for", runId, runs.size(), refused);
        return false;
      }
      runs.put(runId, new Followed(runId, jobId));
      if (thread == null) {
        thread = new Thread(this::loop, "dbexec-run-follower");
        thread.setDaemon(true);
        thread.start();
      }
      lock.notifyAll();
      return true;
    }
  }

  /**
   * Follows the runs {@code eventFile} (a JSON-lines file of the executor's events) says were started
   * ({@code AppSubmittedEvent}) and did not end (no {@code RunTerminatedEvent} or {@code RunSkippedEvent}). Lines
   * that cannot be read are skipped (logged at WARN).
   *
   * @return how many runs are followed now because of the file
   * @throws IOException when the file cannot be read
   */
  public int resume(Path eventFile) throws IOException {
    Map<Long, @Nullable Long> open = new LinkedHashMap<>();
    try (Stream<ExecutorEvent> events = JsonLinesFileSink.stream(eventFile,
        skipped -> log.warn("resuming from {}: line {} skipped: {}", eventFile, skipped.lineNumber(),
            skipped.reason()))) {
      events.forEach(e -> {
        if (e instanceof AppSubmittedEvent s) {
          open.put(s.runId(), s.jobId());
        } else if (e instanceof RunTerminatedEvent t) {
          open.remove(t.runId());
        } else if (e instanceof RunSkippedEvent s) {
          open.remove(s.runId());
        }
      });
    }
    int followed = 0;
    for (Map.Entry<Long, @Nullable Long> run : open.entrySet()) {
      if (follow(run.getKey(), run.getValue())) {
        followed++;
      }
    }
    log.info("resuming from {}: following {} run(s) started and not ended", eventFile, followed);
    return followed;
  }

  /** How many runs are followed now. */
  public int size() {
    synchronized (lock) {
      return runs.size();
    }
  }

  private void loop() {
    while (!closed) {
      List<Followed> batch;
      synchronized (lock) {
        while (runs.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        batch = new ArrayList<>(runs.values());
      }
      try {
        poll(batch);
      } catch (RuntimeException e) {
        log.warn("a poll of the followed runs failed; trying again at the next one", e);
      }
      try {
        Objects.requireNonNull(sleeper).sleep(options.pollInterval());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One poll: one runs/list (paged) per job, runs/get for the runs that left it and the one-time runs. */
  private void poll(List<Followed> batch) {
    Map<Long, List<Followed>> byJob = batch.stream().filter(f -> f.jobId != null)
        .collect(Collectors.groupingBy(f -> f.jobId, LinkedHashMap::new, Collectors.toList()));
    List<Followed> toGet = new ArrayList<>();
    for (Map.Entry<Long, List<Followed>> job : byJob.entrySet()) {
      Map<Long, Run> active;
      try (Stream<Run> list = Objects.requireNonNull(pager).runs(job.getKey(), true)) {
        active = list.collect(Collectors.toMap(Run::runId, r -> r, (a, b) -> a));
      } catch (DatabricksException e) {
        log.debug("listing the active runs of job {} failed; reading its runs one by one: {}", job.getKey(),
            e.getMessage());
        toGet.addAll(job.getValue());
        continue;
      }
      for (Followed f : job.getValue()) {
        Run run = active.get(f.runId);
        if (run != null) {
          observe(f, run);
        } else {
          toGet.add(f); // ended (or not listed yet): read it
        }
      }
    }
    int oneTime = 0;
    for (Followed f : batch) {
      if (f.jobId == null && oneTime++ < FollowOptions.MAX_GETS_PER_POLL) {
        toGet.add(f);
      }
    }
    for (Followed f : toGet) {
      if (closed) {
        return;
      }
      read(f);
    }
  }

  /** Reads one run ({@code runs/get}, one attempt); emits its end and forgets it when it is terminal. */
  private void read(Followed f) {
    Run run;
    try {
      Call<Wire.Run> get = Objects.requireNonNull(service).getRun(f.runId);
      ApiCaller c = Objects.requireNonNull(caller);
      Wire.Run wire = ArrayPages.completeRun(service, f.runId, c.once(get), c::once);
      run = WireMapper.run(wire, Endpoints.label(get.request()));
    } catch (ResourceNotFoundException e) {
      log.info("run {} no longer exists; no longer followed", f.runId);
      forget(f);
      return;
    } catch (DatabricksException e) {
      if (e.isRetryable()) {
        log.debug("reading followed run {} failed; trying again at the next poll: {}", f.runId, e.getMessage());
      } else {
        log.warn("reading followed run {} failed; no longer followed: {}", f.runId, e.getMessage());
        forget(f);
      }
      return;
    }
    observe(f, run);
    if (run.isTerminal() && !closed) {
      Objects.requireNonNull(events).emitTerminated(
          Objects.requireNonNull(taskErrors).result(run, TaskErrors.MAX_FETCH, ExecutorListener.NONE),
          ExecutorListener.NONE);
      forget(f);
    }
  }

  private void observe(Followed f, Run run) {
    Run previous = f.last;
    f.last = run;
    if ((previous == null || !Objects.equals(previous.rawLifeCycleState(), run.rawLifeCycleState())) && !closed) {
      Objects.requireNonNull(events).emitStateChanged(previous, run, ExecutorListener.NONE);
    }
  }

  private void forget(Followed f) {
    synchronized (lock) {
      runs.remove(f.runId);
    }
  }

  /** Nothing to flush: the follower keeps no events. */
  @Override
  public void flush() {}

  /**
   * Stops following, within {@code timeout}: no new runs are taken, the thread is interrupted and joined. Runs still
   * followed are left as they are (their end is not logged; {@code resumeFollowing} picks them up). Idempotent.
   */
  public void close(Duration timeout) {
    Thread t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
      if (!runs.isEmpty()) {
        log.info("closing: {} followed run(s) not ended yet are no longer followed", runs.size());
      }
      lock.notifyAll();
    }
    if (t != null) {
      t.interrupt();
      try {
        TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, timeout.toNanos()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** As an event sink the executor owns: {@link #close(Duration)} with a short bound. */
  @Override
  public void close() {
    close(Duration.ofSeconds(1));
  }
}
