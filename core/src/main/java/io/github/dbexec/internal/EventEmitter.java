package io.github.dbexec.internal;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.EventDeliveryFailed;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.QueueReport;
import io.github.dbexec.Run;
import io.github.dbexec.RunLifeCycleState;
import io.github.dbexec.RunResult;
import io.github.dbexec.RunTask;
import io.github.dbexec.SubmissionInfo;
import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.QueueReportedEvent;
import io.github.dbexec.events.RunQueuedEvent;
import io.github.dbexec.events.RunSkippedEvent;
import io.github.dbexec.events.RunStateChangedEvent;
import io.github.dbexec.events.RunTerminatedEvent;
import io.github.dbexec.events.SubmissionFailedEvent;
import io.github.dbexec.events.EventDeliveryFailure;
import io.github.dbexec.events.EventFailureHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the executor's events and delivers them to its sinks, in the order the sinks were added, on the calling
 * thread. Free text taken from the workspace (messages, state messages, reasons) is redacted first. A sink that
 * throws never fails a submission: the failure is logged at WARN with the event's type and run, so nothing is lost
 * silently, and told to the call's {@link ExecutorListener} as {@code eventDeliveryFailed}. (For a slow sink, wrap it
 * in an {@code AsyncEventDispatcher}.) Thread-safe when the sinks are.
 */
public final class EventEmitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.events");

  private final List<EventSink> sinks;
  private final List<EventSink> owned;
  private final Redactor redactor;
  private final Clock clock;
  /** Events being handed to a sink now, for the report of a close that gave up on a stuck sink. */
  private final Set<Delivery> delivering = ConcurrentHashMap.newKeySet();
  private volatile @Nullable EventSink closing;

  /** One event being handed to one sink; identity, not value, equality. */
  private static final class Delivery {
    final EventSink sink;
    final ExecutorEvent event;

    Delivery(EventSink sink, ExecutorEvent event) {
      this.sink = sink;
      this.event = event;
    }
  }

  /**
   * @param owned sinks this executor flushes and closes when it closes
   * @param shared sinks it also delivers to but only flushes (they belong to the executor it was derived from)
   */
  public EventEmitter(List<EventSink> owned, List<EventSink> shared, Redactor redactor, Clock clock) {
    List<EventSink> all = new ArrayList<>(shared);
    all.addAll(owned);
    this.sinks = List.copyOf(all);
    this.owned = List.copyOf(owned);
    this.redactor = redactor;
    this.clock = clock;
  }

  /** Whether any sink is configured (so callers can skip building events nobody receives). */
  public boolean hasSinks() {
    return !sinks.isEmpty();
  }

  /**
   * The AppSubmittedEvent of a run the workspace accepted, with the queue report {@code q} as known when it is
   * emitted (UNKNOWN, with a reason, when the report follows later in {@link #emitReported}); then, when {@code q}
   * says so, a RunQueuedEvent or RunSkippedEvent.
   */
  public void emitSubmitted(SubmissionInfo s, QueueReport q, ExecutorListener listener) {
    if (sinks.isEmpty()) {
      return;
    }
    String reason = q.reason() == null ? null : redactor.redact(q.reason());
    emit(AppSubmittedEvent.builder()
        .runId(s.runId())
        .jobId(s.jobId())
        .numberInJob(s.numberInJob())
        .idempotencyToken(s.idempotencyToken())
        .idempotencyKey(s.idempotencyKey())
        .queueOutcome(AppSubmittedEvent.QueueOutcome.valueOf(q.outcome().name()))
        .queueCode(q.code())
        .queueReason(reason)
        .maxConcurrentRuns(q.maxConcurrentRuns())
        .queueEnabled(q.queueEnabled())
        .activeRuns(q.activeRuns())
        .runPageUrl(s.runPageUrl())
        .submittedAt(s.submittedAt())
        .build(), listener);
    emitQueueOutcome(s, q, reason, s.submittedAt(), listener);
  }

  /**
   * The events of a queue report learnt after the run's AppSubmittedEvent: a QueueReportedEvent, then a
   * RunQueuedEvent or RunSkippedEvent when the run was queued or skipped.
   */
  public void emitReported(SubmissionInfo s, QueueReport q, @Nullable String runPageUrl, boolean createdBefore,
      ExecutorListener listener) {
    if (sinks.isEmpty()) {
      return;
    }
    String reason = q.reason() == null ? null : redactor.redact(q.reason());
    long now = clock.millis();
    emit(QueueReportedEvent.builder()
        .runId(s.runId())
        .jobId(s.jobId())
        .queueOutcome(AppSubmittedEvent.QueueOutcome.valueOf(q.outcome().name()))
        .queueCode(q.code())
        .queueReason(reason)
        .lifeCycleState(q.lifeCycleState() == RunLifeCycleState.UNKNOWN ? null : q.lifeCycleState().name())
        .maxConcurrentRuns(q.maxConcurrentRuns())
        .queueEnabled(q.queueEnabled())
        .activeRuns(q.activeRuns())
        .runPageUrl(runPageUrl)
        .deduplicated(createdBefore)
        .creationTimestamp(now)
        .build(), listener);
    emitQueueOutcome(s, q, reason, now, listener);
  }

  private void emitQueueOutcome(SubmissionInfo s, QueueReport q, @Nullable String reason, long created,
      ExecutorListener listener) {
    if (q.outcome() == QueueOutcome.QUEUED) {
      emit(RunQueuedEvent.builder().runId(s.runId()).jobId(s.jobId()).queueCode(q.code()).queueReason(reason)
          .creationTimestamp(created).build(), listener);
    } else if (q.outcome() == QueueOutcome.SKIPPED) {
      emit(RunSkippedEvent.builder().runId(s.runId()).jobId(s.jobId()).maxConcurrentRuns(q.maxConcurrentRuns())
          .terminationCode(q.code()).stateMessage(reason).creationTimestamp(created).build(), listener);
    }
  }

  /** The SubmissionFailedEvent of a submission that ended with {@code e} after {@code attempts} attempts. */
  public void emitFailure(@Nullable Long jobId, String token, @Nullable String key, DatabricksException e, int attempts,
      ExecutorListener listener) {
    if (sinks.isEmpty()) {
      return;
    }
    SubmissionFailedEvent.Builder event =
        SubmissionFailedEvent.builder()
            .jobId(jobId)
            .idempotencyToken(token)
            .idempotencyKey(key)
            .errorKind(e instanceof DatabricksApiException
                ? SubmissionFailedEvent.ErrorKind.API_ERROR : SubmissionFailedEvent.ErrorKind.TRANSPORT)
            .message(redactor.redact(String.valueOf(e.getMessage())))
            .attempts(attempts)
            .creationTimestamp(clock.millis());
    if (e instanceof DatabricksApiException) {
      DatabricksApiException api = (DatabricksApiException) e;
      event.httpStatus(api.statusCode()).errorCode(api.errorCode());
    }
    emit(event.build(), listener);
  }

  /** A RunStateChangedEvent: a wait saw {@code run} in a new life-cycle state. */
  public void emitStateChanged(@Nullable Run previous, Run run, ExecutorListener listener) {
    if (sinks.isEmpty()) {
      return;
    }
    emit(RunStateChangedEvent.builder().runId(run.runId()).jobId(run.jobId())
        .previousLifeCycleState(previous == null ? null : previous.rawLifeCycleState())
        .lifeCycleState(run.rawLifeCycleState() != null ? run.rawLifeCycleState() : run.lifeCycleState().name())
        .statusState(run.statusState()).stateMessage(redactNullable(run.stateMessage()))
        .creationTimestamp(clock.millis()).build(), listener);
  }

  /** A RunTerminatedEvent: a wait (or the follower) saw the result's run terminal; with every task. */
  public void emitTerminated(RunResult result, ExecutorListener listener) {
    if (sinks.isEmpty()) {
      return;
    }
    Run run = result.run();
    Map<Long, String> errors = new HashMap<>();
    result.failedTasks().forEach(f -> errors.put(f.runId(), f.error()));
    List<RunTerminatedEvent.Task> tasks = new ArrayList<>();
    for (RunTask t : run.tasks()) {
      String error = errors.get(t.runId());
      tasks.add(new RunTerminatedEvent.Task(t.taskKey(), t.runId(), t.lifeCycleState().name(),
          t.resultState() == null ? null : t.resultState().name(), t.attemptNumber(), orZero(t.startTime()),
          orZero(t.endTime()), redactNullable(t.stateMessage()), redactNullable(error)));
    }
    emit(RunTerminatedEvent.builder().runId(run.runId()).jobId(run.jobId())
        .lifeCycleState(run.rawLifeCycleState() != null ? run.rawLifeCycleState() : run.lifeCycleState().name())
        .resultState(run.rawResultState())
        .terminationCode(run.terminationCode()).terminationType(run.terminationType())
        .stateMessage(redactNullable(run.stateMessage()))
        .startTime(orZero(run.startTime())).endTime(orZero(run.endTime()))
        .queueDuration(orZero(run.queueDuration())).setupDuration(orZero(run.setupDuration()))
        .executionDuration(orZero(run.executionDuration())).cleanupDuration(orZero(run.cleanupDuration()))
        .runDuration(orZero(run.runDuration())).failureKind(result.failureKind().name()).tasks(tasks)
        .creationTimestamp(clock.millis()).build(), listener);
  }

  /** Gives {@code event} to every sink; a sink's exception is logged and does not stop the others. */
  public void emit(ExecutorEvent event) {
    emit(event, ExecutorListener.NONE);
  }

  /** Like {@link #emit(ExecutorEvent)}, telling {@code listener} of each sink that threw. */
  public void emit(ExecutorEvent event, ExecutorListener listener) {
    for (EventSink sink : sinks) {
      Delivery delivery = new Delivery(sink, event);
      delivering.add(delivery);
      try {
        sink.accept(event);
      } catch (Exception e) {
        log.warn("Event sink {} failed to accept a {} event ({}); that sink did not record it",
            sink.getClass().getName(), event.type(), describe(event), e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (listener != ExecutorListener.NONE) {
          listener.eventDeliveryFailed(new EventDeliveryFailed(event.type(), runIdOf(event),
              sink.getClass().getName(), e));
        }
      } finally {
        delivering.remove(delivery);
      }
    }
  }

  /**
   * {@link #close()} bounded by {@code timeout}, whatever the sinks do: the sinks are flushed and closed on a helper
   * thread; if it is not done in time it is interrupted and left behind, and every event a sink is still taking (a
   * sink stuck in a write) is reported to the events' failure handler as {@code NOT_DELIVERED_AT_CLOSE}, and the
   * sink that did not finish as {@code CLOSE_FAILED} — never silently.
   */
  public void close(Duration timeout) {
    Thread closer = new Thread(this::close, "dbexec-event-sinks-close");
    closer.setDaemon(true);
    closer.start();
    try {
      TimeUnit.NANOSECONDS.timedJoin(closer, Math.max(1, timeout.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EventFailureHandler handler = EventFailureHandler.logging();
    if (closer.isAlive()) {
      closer.interrupt();
      EventSink stuck = closing;
      handler.onFailure(new EventDeliveryFailure(EventDeliveryFailure.Kind.CLOSE_FAILED, null, null,
          "the event sink " + (stuck == null ? "(unknown)" : stuck.getClass().getName()) + " did not finish flushing "
              + "and closing within the " + timeout.toMillis() + " ms left of the executor's close timeout; its thread "
              + "was interrupted"));
    }
    for (Delivery d : List.copyOf(delivering)) {
      handler.onFailure(new EventDeliveryFailure(EventDeliveryFailure.Kind.NOT_DELIVERED_AT_CLOSE, d.event, null,
          "the event sink " + d.sink.getClass().getName() + " was still taking the event when the executor closed "
              + "(it may yet write it if it unblocks)"));
    }
  }

  /**
   * Flushes the shared sinks and closes the ones this executor owns (their {@code close()} flushes them), logging
   * (not throwing) failures.
   */
  @Override
  public void close() {
    for (EventSink sink : sinks) {
      if (owned.stream().anyMatch(o -> o == sink)) {
        continue; // its close() flushes it; flushing first would wait twice on a slow sink (an AsyncEventDispatcher)
      }
      closing = sink;
      try {
        sink.flush();
      } catch (Exception e) {
        log.warn("Event sink {} failed to flush on close", sink.getClass().getName(), e);
      }
    }
    for (EventSink sink : owned) {
      closing = sink;
      try {
        sink.close();
      } catch (Exception e) {
        log.warn("Event sink {} failed to close", sink.getClass().getName(), e);
      }
    }
  }

  private @Nullable String redactNullable(@Nullable String text) {
    return text == null ? null : redactor.redact(text);
  }

  private static @Nullable Long runIdOf(ExecutorEvent event) {
    if (event instanceof AppSubmittedEvent) {
      return ((AppSubmittedEvent) event).runId();
    }
    if (event instanceof QueueReportedEvent) {
      return ((QueueReportedEvent) event).runId();
    }
    if (event instanceof RunQueuedEvent) {
      return ((RunQueuedEvent) event).runId();
    }
    if (event instanceof RunSkippedEvent) {
      return ((RunSkippedEvent) event).runId();
    }
    if (event instanceof RunStateChangedEvent) {
      return ((RunStateChangedEvent) event).runId();
    }
    if (event instanceof RunTerminatedEvent) {
      return ((RunTerminatedEvent) event).runId();
    }
    return null; // SubmissionFailedEvent: no run
  }

  private static long orZero(@Nullable Long v) {
    return v == null ? 0 : v;
  }

  private String describe(ExecutorEvent event) {
    String s = redactor.redact(EventCodec.toRecord(event).fields().toString());
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
