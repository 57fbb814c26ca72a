package io.github.dbexec.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EventFailureHandler#logging()}. */
final class LoggingFailureHandler implements EventFailureHandler {
  static final LoggingFailureHandler INSTANCE = new LoggingFailureHandler();
  // the name EventFailureHandler.logging() documents, spelled out so that this class need not know the dispatcher
  private static final Logger LOG = LoggerFactory.getLogger("io.github.dbexec.events.AsyncEventDispatcher");

  private LoggingFailureHandler() {}

  @Override
  public void onFailure(EventDeliveryFailure failure) {
    ExecutorEvent event = failure.event();
    String record = event == null ? "-" : EventCodec.toJson(event);
    // SLF4J takes a trailing Throwable as the exception to log, and ignores a trailing null
    LOG.warn("Event not delivered ({}): {}; record: {}", failure.kind(), failure.message(), record,
        failure.cause());
  }

  @Override
  public String toString() {
    return "EventFailureHandler.logging()";
  }
}
