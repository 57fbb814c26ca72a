package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps every event in memory, in arrival order; for tests. Thread-safe.
 *
 * <p>The waiting helpers ({@link #awaitCount}, {@link #awaitEvents}) block on the sink's monitor and wake
 * when an event arrives; they never poll or sleep, and always return by the given timeout.
 *
 * <pre>{@code
 * InMemoryEventSink events = InMemoryEventSink.create();
 * // ... hand it to the executor, submit ...
 * AppSubmittedEvent started = events.awaitEvents(AppSubmittedEvent.class, 1, Duration.ofSeconds(5)).get(0);
 * }</pre>
 */
public final class InMemoryEventSink implements EventSink {
  private final List<ExecutorEvent> events = new ArrayList<>();

  /** An empty sink; same as {@link #create()}. */
  public InMemoryEventSink() {}

  /**
   * An empty sink.
   *
   * @return a new sink holding no events
   */
  public static InMemoryEventSink create() {
    return new InMemoryEventSink();
  }

  @Override
  public synchronized void accept(ExecutorEvent event) {
    events.add(Checks.notNull(event, "event"));
    notifyAll();
  }

  /**
   * A snapshot of all events so far, in arrival order.
   *
   * @return an unmodifiable copy; later events do not change it
   */
  public synchronized List<ExecutorEvent> events() {
    return List.copyOf(events);
  }

  /**
   * A snapshot of the events of one type (for example {@code AppSubmittedEvent.class}), in arrival order.
   *
   * @param <T> the event type
   * @param type the event class, such as {@code RunTerminatedEvent.class}
   * @return an unmodifiable copy of the events that are instances of {@code type}
   */
  public synchronized <T> List<T> events(Class<T> type) {
    Checks.notNull(type, "type");
    List<T> matching = new ArrayList<>();
    for (ExecutorEvent event : events) {
      if (type.isInstance(event)) {
        matching.add(type.cast(event));
      }
    }
    return List.copyOf(matching);
  }

  /**
   * The number of events so far.
   *
   * @return the number of events received, {@code >= 0}
   */
  public synchronized int size() {
    return events.size();
  }

  /** Forgets all events. */
  public synchronized void clear() {
    events.clear();
  }

  /**
   * Waits until at least {@code n} events have arrived, or {@code timeout} has passed.
   *
   * @param n the number of events to wait for, {@code >= 0}
   * @param timeout the longest wait, {@code >= 0}
   * @return {@code true} if at least {@code n} events arrived in time; {@code false} on timeout or if the
   *     thread was interrupted (its interrupt flag is then set again)
   */
  public boolean awaitCount(int n, Duration timeout) {
    return awaitMatching(ExecutorEvent.class, n, timeout) != null;
  }

  /**
   * Waits until at least {@code n} events of {@code type} have arrived and returns them (all of them, so
   * possibly more than {@code n}).
   *
   * @param <T> the event type
   * @param type the event class, such as {@code RunTerminatedEvent.class}
   * @param n the number of events to wait for, {@code >= 0}
   * @param timeout the longest wait, {@code >= 0}
   * @return an unmodifiable copy of every event of {@code type} received so far, at least {@code n} of them
   * @throws IllegalStateException on timeout or interrupt; the message lists the events that did arrive
   */
  public <T> List<T> awaitEvents(Class<T> type, int n, Duration timeout) {
    List<T> found = awaitMatching(type, n, timeout);
    if (found == null) {
      throw new IllegalStateException("expected at least " + n + " " + type.getSimpleName() + " within "
          + timeout + " but got " + events(type).size() + "; all events: " + events());
    }
    return found;
  }

  private synchronized <T> @Nullable List<T> awaitMatching(Class<T> type, int n, Duration timeout) {
    Checks.notNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        List<T> found = events(type);
        if (found.size() >= n) {
          return found;
        }
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
          return null;
        }
        long millis = remainingNanos / 1_000_000;
        wait(millis, (int) (remainingNanos % 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Nothing to release; the events stay readable. */
  @Override
  public void close() {}

  @Override
  public synchronized String toString() {
    return "InMemoryEventSink{" + events.size() + " events}";
  }
}
