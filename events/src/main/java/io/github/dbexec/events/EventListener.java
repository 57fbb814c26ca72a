package io.github.dbexec.events;

/**
 * An {@link EventSink} with one typed callback per event type; override the ones you need, the others do
 * nothing. New event types get a new no-op method, so listeners keep compiling as dbexec grows.
 *
 * <pre>{@code
 * EventListener onStart = new EventListener() {
 *   @Override public void onAppSubmitted(AppSubmittedEvent event) {
 *     log.info("run {} started: {}", event.runId(), event.runPageUrl());
 *   }
 * };
 * }</pre>
 *
 * <p>Threading and failures are as for {@link EventSink}: callbacks may run concurrently on the submitting
 * threads; an exception thrown by a callback is logged by the executor and never fails a submission. Keep
 * callbacks short, or wrap the listener in an {@link AsyncEventDispatcher}.
 */
@SuppressWarnings("try") // close() throws Exception, as EventSink's does
public interface EventListener extends EventSink {

  /** Calls the callback for the event's type. */
  @Override
  default void accept(ExecutorEvent event) throws Exception {
    if (event instanceof AppSubmittedEvent e) {
      onAppSubmitted(e);
    } else if (event instanceof QueueReportedEvent e) {
      onQueueReported(e);
    } else if (event instanceof RunQueuedEvent e) {
      onRunQueued(e);
    } else if (event instanceof RunSkippedEvent e) {
      onRunSkipped(e);
    } else if (event instanceof RunStateChangedEvent e) {
      onRunStateChanged(e);
    } else if (event instanceof RunTerminatedEvent e) {
      onRunTerminated(e);
    } else if (event instanceof SubmissionFailedEvent e) {
      onSubmissionFailed(e);
    }
  }

  /**
   * A run was started.
   *
   * @param event the event, not null
   */
  default void onAppSubmitted(AppSubmittedEvent event) {}

  /**
   * What Databricks did with a started run is known (after its {@link AppSubmittedEvent}).
   *
   * @param event the event, not null
   */
  default void onQueueReported(QueueReportedEvent event) {}

  /**
   * A started run is waiting in its job's queue.
   *
   * @param event the event, not null
   */
  default void onRunQueued(RunQueuedEvent event) {}

  /**
   * A started run was skipped at the job's concurrency limit.
   *
   * @param event the event, not null
   */
  default void onRunSkipped(RunSkippedEvent event) {}

  /**
   * A watched run changed life-cycle state.
   *
   * @param event the event, not null
   */
  default void onRunStateChanged(RunStateChangedEvent event) {}

  /**
   * A watched run reached a terminal state.
   *
   * @param event the event, not null
   */
  default void onRunTerminated(RunTerminatedEvent event) {}

  /**
   * A submission failed for good.
   *
   * @param event the event, not null
   */
  default void onSubmissionFailed(SubmissionFailedEvent event) {}
}
