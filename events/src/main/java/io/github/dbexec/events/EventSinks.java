package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Factories for sinks built from other sinks. */
public final class EventSinks {
  private static final EventSink NOOP = new EventSink() {
    @Override
    public void accept(ExecutorEvent event) {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "EventSinks.noop()";
    }
  };

  private EventSinks() {}

  /**
   * A sink that ignores every event.
   *
   * @return a shared sink that does nothing
   */
  public static EventSink noop() {
    return NOOP;
  }

  /**
   * A sink that hands each event to every one of {@code sinks}, in order, on the calling thread.
   *
   * <p>A failing sink does not keep the event from the sinks after it: every sink gets every event, then
   * the first exception is rethrown with the others {@linkplain Throwable#addSuppressed suppressed}. The
   * same holds for {@code flush()} and {@code close()}, which reach every sink. Thread-safe if the sinks
   * are.
   *
   * @param sinks the sinks, in the order they are called; not null
   * @return a sink delivering to all of {@code sinks}
   */
  public static EventSink composite(EventSink... sinks) {
    Checks.notNull(sinks, "sinks");
    return composite(List.of(sinks));
  }

  /**
   * As {@link #composite(EventSink...)}, from a list (copied).
   *
   * @param sinks the sinks, in the order they are called; not null
   * @return a sink delivering to all of {@code sinks}
   */
  public static EventSink composite(List<? extends EventSink> sinks) {
    Checks.notNull(sinks, "sinks");
    for (int i = 0; i < sinks.size(); i++) {
      Checks.notNull(sinks.get(i), "sinks[" + i + "]");
    }
    return new CompositeEventSink(List.copyOf(sinks));
  }

  @SuppressWarnings("try") // close() rethrows what the sinks throw
  private static final class CompositeEventSink implements EventSink {
    private final List<EventSink> sinks;

    CompositeEventSink(List<EventSink> sinks) {
      this.sinks = sinks;
    }

    @Override
    public void accept(ExecutorEvent event) throws Exception {
      Checks.notNull(event, "event");
      @Nullable Exception first = null;
      for (EventSink sink : sinks) {
        try {
          sink.accept(event);
        } catch (Exception e) {
          first = addFailure(first, e);
        }
      }
      throwIfAny(first);
    }

    @Override
    public void flush() throws Exception {
      @Nullable Exception first = null;
      for (EventSink sink : sinks) {
        try {
          sink.flush();
        } catch (Exception e) {
          first = addFailure(first, e);
        }
      }
      throwIfAny(first);
    }

    @Override
    public void close() throws Exception {
      @Nullable Exception first = null;
      for (EventSink sink : sinks) {
        try {
          sink.close();
        } catch (Exception e) {
          first = addFailure(first, e);
        }
      }
      throwIfAny(first);
    }

    private static Exception addFailure(@Nullable Exception first, Exception next) {
      if (first == null) {
        return next;
      }
      first.addSuppressed(next);
      return first;
    }

    private static void throwIfAny(@Nullable Exception first) throws Exception {
      if (first != null) {
        throw first;
      }
    }

    @Override
    public String toString() {
      return "EventSinks.composite" + sinks;
    }
  }
}
