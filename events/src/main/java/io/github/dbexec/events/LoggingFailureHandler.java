package io.github.dbexec.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EventFailureHandler#logging()}. */
final class LoggingFailureHandler implements EventFailureHandler {
  static final LoggingFailureHandler INSTANCE = new LoggingFailureHandler();
  private static final Logger LOG = LoggerFactory.getLogger(AsyncEventDispatcher.class);

  private LoggingFailureHandler() {}

  @Override
  public void onFailure(EventDeliveryFailure failure) {
    String record = failure.event().map(ExecutorEvent::toJson).orElse("-");
    if (failure.cause().isPresent()) {
      LOG.warn("Event not delivered ({}): {}; record: {}", failure.kind(), failure.message(), record,
          failure.cause().get());
    } else {
      LOG.warn("Event not delivered ({}): {}; record: {}", failure.kind(), failure.message(), record);
    }
  }

  @Override
  public String toString() {
    return "EventFailureHandler.logging()";
  }
}
