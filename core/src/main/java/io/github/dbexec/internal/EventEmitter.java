package io.github.dbexec.internal;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.EventDeliveryFailed;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.QueueReport;
import io.github.dbexec.Run;
import io.github.dbexec.SubmissionInfo;
import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.RunQueuedEvent;
import io.github.dbexec.events.RunSkippedEvent;
import io.github.dbexec.events.RunStateChangedEvent;
import io.github.dbexec.events.RunTerminatedEvent;
import io.github.dbexec.events.SubmissionFailedEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

  /** The events of a run the workspace accepted: AppSubmittedEvent, then RunQueuedEvent or RunSkippedEvent. */
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
    if (q.outcome() == QueueOutcome.QUEUED) {
      emit(RunQueuedEvent.builder().runId(s.runId()).jobId(s.jobId()).queueCode(q.code()).queueReason(reason)
          .creationTimestamp(s.submittedAt()).build(), listener);
    } else if (q.outcome() == QueueOutcome.SKIPPED) {
      emit(RunSkippedEvent.builder().runId(s.runId()).jobId(s.jobId()).maxConcurrentRuns(q.maxConcurrentRuns())
          .terminationCode(q.code()).stateMessage(reason).creationTimestamp(s.submittedAt()).build(), listener);
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

  /** A RunTerminatedEvent: a wait saw {@code run} terminal. */
  public void emitTerminated(Run run, ExecutorListener listener) {
    if (sinks.isEmpty()) {
      return;
    }
    emit(RunTerminatedEvent.builder().runId(run.runId()).jobId(run.jobId())
        .lifeCycleState(run.rawLifeCycleState() != null ? run.rawLifeCycleState() : run.lifeCycleState().name())
        .resultState(run.rawResultState())
        .terminationCode(run.terminationCode()).terminationType(run.terminationType())
        .stateMessage(redactNullable(run.stateMessage()))
        .startTime(orZero(run.startTime())).endTime(orZero(run.endTime()))
        .queueDuration(orZero(run.queueDuration())).setupDuration(orZero(run.setupDuration()))
        .executionDuration(orZero(run.executionDuration())).cleanupDuration(orZero(run.cleanupDuration()))
        .runDuration(orZero(run.runDuration())).creationTimestamp(clock.millis()).build(), listener);
  }

  /** Gives {@code event} to every sink; a sink's exception is logged and does not stop the others. */
  public void emit(ExecutorEvent event) {
    emit(event, ExecutorListener.NONE);
  }

  /** Like {@link #emit(ExecutorEvent)}, telling {@code listener} of each sink that threw. */
  public void emit(ExecutorEvent event, ExecutorListener listener) {
    for (EventSink sink : sinks) {
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
      }
    }
  }

  /** Flushes every sink and closes the ones this executor owns, logging (not throwing) failures. */
  @Override
  public void close() {
    for (EventSink sink : sinks) {
      try {
        sink.flush();
      } catch (Exception e) {
        log.warn("Event sink {} failed to flush on close", sink.getClass().getName(), e);
      }
    }
    for (EventSink sink : owned) {
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
