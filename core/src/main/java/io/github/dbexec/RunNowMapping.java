package io.github.dbexec;

/**
 * Fills a run-now request from one of the host application's events: parameters and, usually, an idempotency key
 * that identifies the event (so a re-delivered event finds its run instead of starting another). Must not keep the
 * request; may be called from several threads at once.
 *
 * @param <E> the host application's event type
 */
@FunctionalInterface
public interface RunNowMapping<E> {
  /**
   * Sets {@code request}'s parameters and key from {@code event}.
   * @param event the host application's event
   * @param request the run-now being built for the trigger's job; set its parameters and idempotency key
   */
  void apply(E event, RunNowRequest.Builder request);
}
