package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Why an {@link AsyncEventDispatcher} could not deliver an event (or flush or close its sink), given to its
 * {@link EventFailureHandler}. Immutable.
 *
 * @param kind what went wrong
 * @param event the event that was not delivered; {@code null} for {@link Kind#FLUSH_FAILED} and
 *     {@link Kind#CLOSE_FAILED}
 * @param cause what the sink threw, or why the dispatcher gave up; {@code null} when nothing was thrown
 * @param message a sentence saying what happened
 */
public record EventDeliveryFailure(
    Kind kind, @Nullable ExecutorEvent event, @Nullable Throwable cause, String message) {

  /** What went wrong. */
  public enum Kind {
    /** The sink threw from {@code accept}; the event is in {@link #event()}, the exception in {@link #cause()}. */
    SINK_FAILED,
    /** The queue was full (see {@link FullQueuePolicy}); the event not queued is in {@link #event()}. */
    QUEUE_FULL,
    /** The event arrived after {@code close()}; it is in {@link #event()}. */
    DISPATCHER_CLOSED,
    /**
     * {@code close()} gave up on a slow or stuck sink: each event still queued, and the one the sink was
     * still taking (which it may yet have written), is reported with this kind.
     */
    NOT_DELIVERED_AT_CLOSE,
    /** The sink threw from {@code flush()}; no event. */
    FLUSH_FAILED,
    /** The sink threw from {@code close()}, or did not finish flushing and closing within the close timeout; no event. */
    CLOSE_FAILED
  }

  /**
   * Checks that {@code kind} and {@code message} are present.
   *
   * @param kind what went wrong
   * @param event the event that was not delivered; {@code null} for {@link Kind#FLUSH_FAILED} and
   *     {@link Kind#CLOSE_FAILED}
   * @param cause what the sink threw, or why the dispatcher gave up; {@code null} when nothing was thrown
   * @param message a sentence saying what happened
   */
  public EventDeliveryFailure {
    Checks.notNull(kind, "kind");
    Checks.notNull(message, "message");
  }
}
