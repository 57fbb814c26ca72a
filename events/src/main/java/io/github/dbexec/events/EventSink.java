package io.github.dbexec.events;

/**
 * Receives the executor's events.
 *
 * <p><b>Threading.</b> Implementations must be thread-safe: the executor may call {@link #accept} from
 * several threads at once (one per concurrent submission or poll). Events of one run arrive in the order
 * they happened when they come from one thread; there is no global order across runs.
 *
 * <p><b>Failures.</b> Whatever {@link #accept} throws is caught by the executor, logged, and never fails
 * or retries the submission. {@code accept} runs on the submitting thread: a sink that can block (network,
 * slow disk) should be wrapped in an {@link AsyncEventDispatcher}, which bounds how long a submission can
 * wait for it.
 *
 * <p><b>Lifecycle.</b> {@link #flush()} pushes buffered events to their destination; {@link #close()}
 * flushes and releases resources. Both default to doing nothing. Built-ins: {@link InMemoryEventSink},
 * {@link Slf4jEventSink}, {@link JsonLinesFileSink}, {@link EventSinks#composite}, {@link EventListener}
 * (typed callbacks) and {@link AsyncEventDispatcher}.
 */
@SuppressWarnings("try") // close() throws Exception by design: sinks wrap arbitrary resources
public interface EventSink extends AutoCloseable {

  /**
   * Takes one event.
   *
   * @param event the event to record, not null
   * @throws Exception if the event could not be recorded; the caller reports it and carries on
   */
  void accept(ExecutorEvent event) throws Exception;

  /**
   * Pushes buffered events to their destination. Default: nothing.
   *
   * @throws Exception if buffered events could not be written; the caller reports it and carries on
   */
  default void flush() throws Exception {}

  /** Flushes and releases resources; later events may be rejected. Default: nothing. */
  @Override
  default void close() throws Exception {}
}
