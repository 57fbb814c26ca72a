package io.github.dbexec.events;

/**
 * What {@link AsyncEventDispatcher#accept} does when its queue is full. Whatever is chosen, an event that
 * is not queued is never dropped silently: it goes to the dispatcher's {@link EventFailureHandler} (whose
 * default logs the whole record at WARN) and is counted in {@link AsyncEventDispatcher#droppedCount()}.
 */
public enum FullQueuePolicy {
  /**
   * The default: the emitting thread waits for space, at most the dispatcher's {@code maxBlock}; if there
   * is still no space then, the new event is reported as not delivered.
   */
  BLOCK,
  /** The new event is reported as not delivered at once; the emitting thread never waits. */
  DROP_NEWEST,
  /**
   * The oldest queued event is reported as not delivered to make room for the new one; the emitting thread
   * never waits.
   */
  DROP_OLDEST
}
