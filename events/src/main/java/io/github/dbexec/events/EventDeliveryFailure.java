package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why an {@link AsyncEventDispatcher} could not deliver an event (or flush or close its sink), given to its
 * {@link EventFailureHandler}. Immutable.
 */
public final class EventDeliveryFailure {

  /** What went wrong. */
  public enum Kind {
    /** The sink threw from {@code accept}; the event is in {@link #event()}, the exception in {@link #cause()}. */
    SINK_FAILED,
    /** The queue was full (see {@link FullQueuePolicy}); the event not queued is in {@link #event()}. */
    QUEUE_FULL,
    /** The event arrived after {@code close()}; it is in {@link #event()}. */
    DISPATCHER_CLOSED,
    /** {@code close()} gave up waiting for a slow sink; each event still queued is reported with this kind. */
    NOT_DELIVERED_AT_CLOSE,
    /** The sink threw from {@code flush()}; no event. */
    FLUSH_FAILED,
    /** The sink threw from {@code close()}; no event. */
    CLOSE_FAILED
  }

  private final Kind kind;
  private final @Nullable ExecutorEvent event;
  private final @Nullable Throwable cause;
  private final String message;

  EventDeliveryFailure(Kind kind, @Nullable ExecutorEvent event, @Nullable Throwable cause, String message) {
    this.kind = Checks.notNull(kind, "kind");
    this.event = event;
    this.cause = cause;
    this.message = Checks.notNull(message, "message");
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The event that was not delivered; absent for {@link Kind#FLUSH_FAILED} and {@link Kind#CLOSE_FAILED}. */
  public Optional<ExecutorEvent> event() {
    return Optional.ofNullable(event);
  }

  /** What the sink threw, if it threw. */
  public Optional<Throwable> cause() {
    return Optional.ofNullable(cause);
  }

  /** A sentence saying what happened. */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return "EventDeliveryFailure{kind=" + kind + ", message='" + message + "'"
        + (event == null ? "" : ", event=" + event) + (cause == null ? "" : ", cause=" + cause) + "}";
  }
}
