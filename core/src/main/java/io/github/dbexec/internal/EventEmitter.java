package io.github.dbexec.internal;

import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the executor's events to its sinks, in the order they were added, on the calling thread. A sink that
 * throws never fails a submission: the failure is logged at WARN with the event's type and run, so nothing is lost
 * silently. (For a slow sink, wrap it in an {@code AsyncEventDispatcher}.) Thread-safe when the sinks are.
 */
public final class EventEmitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventEmitter.class);

  private final List<EventSink> sinks;

  public EventEmitter(List<EventSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  /** Whether any sink is configured (so callers can skip building events nobody receives). */
  public boolean hasSinks() {
    return !sinks.isEmpty();
  }

  /** Gives {@code event} to every sink; a sink's exception is logged and does not stop the others. */
  public void emit(ExecutorEvent event) {
    for (EventSink sink : sinks) {
      try {
        sink.accept(event);
      } catch (Exception e) {
        log.warn("Event sink {} failed to accept a {} event ({}); that sink did not record it",
            sink.getClass().getName(), event.type(), describe(event), e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Flushes and closes every sink, logging (not throwing) failures. */
  @Override
  public void close() {
    for (EventSink sink : sinks) {
      try {
        sink.flush();
      } catch (Exception e) {
        log.warn("Event sink {} failed to flush on close", sink.getClass().getName(), e);
      }
      try {
        sink.close();
      } catch (Exception e) {
        log.warn("Event sink {} failed to close", sink.getClass().getName(), e);
      }
    }
  }

  private static String describe(ExecutorEvent event) {
    String s = event.toRecord().fields().toString();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
