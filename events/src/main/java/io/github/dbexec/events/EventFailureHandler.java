package io.github.dbexec.events;

/**
 * Told about every event an {@link AsyncEventDispatcher} could not deliver, and every failed flush or
 * close of its sink. Called on the dispatcher's thread (sink failures) or on the emitting thread (queue
 * full, closed), so it must be quick and thread-safe; whatever it throws is logged and ignored.
 */
@FunctionalInterface
public interface EventFailureHandler {

  /**
   * Handles one failure.
   *
   * @param failure what was not delivered and why, not null
   */
  void onFailure(EventDeliveryFailure failure);

  /**
   * The default handler: logs at WARN on logger {@code io.github.dbexec.events.AsyncEventDispatcher}, with
   * the whole record as JSON, so that an event that was not delivered can still be recovered from the log.
   *
   * @return the logging handler, shared and stateless
   */
  static EventFailureHandler logging() {
    return LoggingFailureHandler.INSTANCE;
  }
}
