package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event sink threw while accepting one of the executor's events, as told to
 * {@link ExecutorListener#eventDeliveryFailed}. The submission or wait went on; the failure was also logged at WARN.
 * Immutable.
 *
 * @param eventType the event's {@code sdc.event.type}, e.g. {@code "AppSubmittedEvent"}
 * @param runId the run the event is about; null when it has none (a failed submission)
 * @param sink the sink's class name
 * @param failure what the sink threw
 */
public record EventDeliveryFailed(String eventType, @Nullable Long runId, String sink, Throwable failure) {

  /**
   * Validates the components.
   * @param eventType the event's {@code sdc.event.type}, e.g. {@code "AppSubmittedEvent"}
   * @param runId the run the event is about; null when it has none (a failed submission)
   * @param sink the sink's class name
   * @param failure what the sink threw
   */
  public EventDeliveryFailed {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(failure, "failure");
  }
}
