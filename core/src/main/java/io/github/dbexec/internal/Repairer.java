package io.github.dbexec.internal;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.RepairRequest;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.Sleeper;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@code runs/repair} at most once in effect. It reads the run's {@code repair_history} first
 * ({@code runs/get?include_history=true}) and sends the latest repair's id as {@code latest_repair_id}, the API's
 * guard against concurrent repairs. When an attempt gets no usable answer (or a retried one is refused), it reads the
 * history again before anything else: a repair newer than the one it sent is the lost answer's, adopted instead of
 * sending again. Otherwise transient failures are retried per the {@link RetryPolicy} (attempts, backoff doubling
 * from the initial one up to the maximum, {@code Retry-After}, the deadline), pausing through the injected
 * {@link Sleeper}. Logs on {@code io.github.dbexec.repair}. Stateless per call.
 */
public final class Repairer {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.repair");
  /** At most this many pages of {@code repair_history} are read (API 2.2 pages it by 100). */
  static final int MAX_HISTORY_PAGES = 100;

  /** A repair the workspace accepted, or found in the history. */
  public record Result(long runId, long repairId, boolean adopted, @Nullable Long jobId) {}

  private final JobsService service;
  private final ApiCaller caller;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;

  public Repairer(Engine engine, Engine.Settings settings) {
    this.service = engine.service;
    this.caller = engine.caller;
    this.policy = settings.retryPolicy();
    this.clock = settings.clock();
    this.sleeper = settings.sleeper();
  }

  /** The run's latest repair id (null: never repaired) and job id, from every page of its history. */
  private record History(@Nullable Long latestRepairId, @Nullable Long jobId) {}

  private History history(long runId) {
    Long latest = null;
    Long jobId = null;
    String token = null;
    for (int page = 0; page < MAX_HISTORY_PAGES; page++) {
      Wire.RunHistory h = caller.withRetries(service.getRunHistory(runId, true, token));
      jobId = jobId != null ? jobId : h.jobId;
      if (h.repairHistory != null) {
        for (Wire.RepairHistoryItem item : h.repairHistory) {
          if ("REPAIR".equals(item.type) && item.id != null && (latest == null || item.id > latest)) {
            latest = item.id;
          }
        }
      }
      token = h.nextPageToken;
      if (token == null || token.isEmpty() || !Boolean.TRUE.equals(h.hasMore)) {
        break;
      }
    }
    return new History(latest, jobId);
  }

  /**
   * Repairs the run as {@code r} asks, exactly once in effect.
   *
   * @throws DatabricksApiException when the workspace refuses the repair (an active run, an unknown task key, no
   *     failed task) or the run does not exist
   * @throws DatabricksTransportException when no usable answer arrived within the retry policy and the history
   *     shows no new repair
   */
  public Result repair(RepairRequest r) {
    History before = history(r.runId());
    Wire.RepairRunBody body = body(r, before.latestRepairId());
    long deadline = clock.millis() + policy.deadline().toMillis();
    Duration backoff = policy.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        Wire.RepairResponse answer = caller.once(service.repairRun(body));
        if (answer.repairId == null) {
          throw DatabricksTransportException.unusableResponse("POST jobs/runs/repair answered without a repair_id",
              200, true, null);
        }
        return new Result(r.runId(), answer.repairId, false, before.jobId());
      } catch (DatabricksException e) {
        if (e.isRetryable() || attempt > 1) {
          // the answer may have been lost after the workspace repaired the run: look before sending again
          Long now = latestOrNull(r.runId());
          if (now != null && !now.equals(before.latestRepairId())) {
            log.info("run {}: repair {} found in repair_history after attempt {} failed ({}); adopted, not sent "
                + "again", r.runId(), now, attempt, e.getMessage());
            return new Result(r.runId(), now, true, before.jobId());
          }
        }
        if (!e.isRetryable() || attempt >= policy.maxAttempts()) {
          throw e;
        }
        Duration pause = pause(e, backoff);
        if (clock.millis() + pause.toMillis() > deadline) {
          throw e;
        }
        log.debug("run {}: repair attempt {} failed ({}); retrying in {} ms", r.runId(), attempt, e.getMessage(),
            pause.toMillis());
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoff = backoff.multipliedBy(2).compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff()
            : backoff.multipliedBy(2);
      }
    }
  }

  private @Nullable Long latestOrNull(long runId) {
    try {
      return history(runId).latestRepairId();
    } catch (DatabricksException e) {
      log.debug("run {}: could not read repair_history after a failed repair attempt: {}", runId, e.getMessage());
      return null;
    }
  }

  private Duration pause(DatabricksException e, Duration backoff) {
    Duration retryAfter = e instanceof DatabricksApiException api ? api.retryAfter() : null;
    if (retryAfter == null) {
      return backoff;
    }
    return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : retryAfter;
  }

  private static Wire.RepairRunBody body(RepairRequest r, @Nullable Long latestRepairId) {
    Wire.RepairRunBody b = new Wire.RepairRunBody();
    b.runId = r.runId();
    b.rerunTasks = r.rerunTasks().isEmpty() ? null : r.rerunTasks();
    b.rerunAllFailedTasks = r.rerunAllFailedTasks() ? Boolean.TRUE : null;
    b.rerunDependentTasks = r.rerunDependentTasks() ? Boolean.TRUE : null;
    b.latestRepairId = latestRepairId;
    b.jobParameters = r.jobParameters();
    b.notebookParams = r.notebookParams();
    b.jarParams = r.jarParams();
    b.pythonParams = r.pythonParams();
    b.pythonNamedParams = r.pythonNamedParams();
    b.sparkSubmitParams = r.sparkSubmitParams();
    b.sqlParams = r.sqlParams();
    return b;
  }
}
