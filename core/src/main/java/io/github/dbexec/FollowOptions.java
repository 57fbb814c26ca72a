package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;

/**
 * How an executor follows the runs it starts until they end, with nobody waiting
 * ({@link DatabricksExecutor.Builder#followRuns(FollowOptions)}): every run accepted (run-now, one-time run,
 * repair) is polled until it is terminal, and its {@code RunStateChangedEvent}s and {@code RunTerminatedEvent} go to
 * the executor's event sinks, so an event file ({@code JsonLinesFileSink}) is a complete log of each run.
 *
 * <p>One shared thread polls all followed runs in batches, once per {@link #pollInterval()}: for each job with
 * followed runs one {@code runs/list?active_only=true} (paged), and {@code runs/get} only for a run that has left the
 * active list (to read its end, tasks included, and the failed tasks' errors); a one-time run, which has no job, is
 * read with {@code runs/get}, at most {@value #MAX_GETS_PER_POLL} of them per poll. A failed poll is tried again at
 * the next one; a run that no longer exists is dropped.
 *
 * <p>At most {@link #maxRuns()} runs are followed at once: a run started while that many are followed is not
 * followed (logged at WARN, with a count); it still runs, and can be waited for. Following stops when the executor
 * {@linkplain DatabricksExecutor#close() closes}; {@link DatabricksExecutor#resumeFollowing(java.nio.file.Path)}
 * picks up after a restart from the event file. Immutable and thread-safe.
 *
 * @param pollInterval the pause between two polls, at least 1 s; default 30 s
 * @param maxRuns the most runs followed at once, 1 to 1,000,000; default 10,000
 */
public record FollowOptions(Duration pollInterval, int maxRuns) {
  /** The most one-time runs (no job to list) read with {@code runs/get} in one poll. */
  public static final int MAX_GETS_PER_POLL = 100;

  /**
   * Checks the values.
   *
   * @param pollInterval the pause between two polls, at least 1 s; default 30 s
   * @param maxRuns the most runs followed at once, 1 to 1,000,000; default 10,000
   * @throws IllegalArgumentException naming the value at fault
   */
  public FollowOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("pollInterval must be >= 1s, was " + pollInterval);
    }
    if (maxRuns < 1 || maxRuns > 1_000_000) {
      throw new IllegalArgumentException("maxRuns must be between 1 and 1000000, was " + maxRuns);
    }
  }

  /**
   * Polls every 30 s, follows at most 10,000 runs.
   *
   * @return the default options
   */
  public static FollowOptions ofDefaults() {
    return new FollowOptions(Duration.ofSeconds(30), 10_000);
  }

  /**
   * Options with the given values.
   *
   * @param pollInterval the pause between two polls, at least 1 s
   * @param maxRuns the most runs followed at once, 1 to 1,000,000
   * @return the options
   * @throws IllegalArgumentException naming the value at fault
   */
  public static FollowOptions of(Duration pollInterval, int maxRuns) {
    return new FollowOptions(pollInterval, maxRuns);
  }
}
