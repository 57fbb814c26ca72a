package io.github.dbexec;

import java.util.Objects;

/**
 * Told what a {@link DatabricksExecutor} does for each operation: a submission's start and end, every HTTP attempt,
 * every retry, the queue report, a wait's polls and end, every event a sink refused. Use it for metrics, traces and
 * logs ({@code dbexec-micrometer} turns it into Micrometer observations); override only the callbacks you need, the
 * others do nothing. Set it with {@link DatabricksExecutor.Builder#listenerFactory(Factory)}.
 *
 * <pre>{@code
 * DatabricksExecutor executor = DatabricksExecutor.builder()
 *     .host(host).token(token)
 *     .listenerFactory(call -> new ExecutorListener() {
 *       @Override public void retryScheduled(RetryScheduled retry) {
 *         log.info("{} failed ({}), retrying in {}", retry.endpoint(), retry.cause(), retry.delay());
 *       }
 *     })
 *     .build();
 * }</pre>
 *
 * <p><b>One listener per call.</b> The {@link Factory} creates a listener for each operation a caller starts (an
 * {@link ExecutorCall}: a run-now, a one-time run, a wait, a read, a cancel), so a listener may keep that call's
 * state in plain fields — a start time, an open span. {@link #factory(ExecutorListener)} shares one listener across
 * calls instead; it must then be thread-safe.
 *
 * <p><b>Ordering.</b> For one call, callbacks come one at a time, each completing before the next begins (and
 * happening-before it, even when they run on different threads), in this order:
 *
 * <ul>
 *   <li>a submission ({@link ExecutorCall.Operation#isSubmission()}): {@link #submissionStart} once; then for
 *       {@code run-now} / {@code runs/submit}, ({@link #attemptStart} &rarr; {@link #attemptEnd} &rarr;
 *       {@link #retryScheduled} when another attempt follows)*; then, when a run was started,
 *       {@link #eventDeliveryFailed}* for its {@code AppSubmittedEvent} — and here {@code runNow()} returns to its
 *       caller; later, on a queue-report thread, the look-ups made for this run alone ({@link #attemptStart} &rarr;
 *       {@link #attemptEnd})* &rarr; {@link #queueReported} &rarr; {@link #eventDeliveryFailed}* for the queue
 *       events; {@link #submissionEnd} last, exactly once, when the queue report is known (so it carries the queue
 *       outcome), or when the submission threw. Look-ups shared by several submissions to one job (a
 *       {@code runs/list} page, the job's settings) are told as calls of their own, {@link
 *       ExecutorCall.Operation#LIST_RUNS} and {@link ExecutorCall.Operation#GET_JOB}. With
 *       {@link QueueReporting#OFF}, {@link #queueReported} (UNKNOWN), the events and {@link #submissionEnd} all come
 *       before {@code runNow()} returns.
 *   <li>a wait ({@link ExecutorCall.Operation#AWAIT_TERMINATION}): {@link #waitStart}; then per poll
 *       {@link #attemptStart} &rarr; {@link #attemptEnd} &rarr; {@link #waitPoll} &rarr; {@link #eventDeliveryFailed}*
 *       for that poll's state-change and termination events; then, on timeout with cancel-on-timeout, the
 *       {@code runs/cancel} attempts; {@link #waitEnd} last, exactly once, also when the caller cancels an
 *       asynchronous wait.
 *   <li>any other operation: its attempts and retries only. Listing a job's runs is one call per page read; a
 *       concurrency report is a {@link ExecutorCall.Operation#GET_JOB} call and then one call per page.
 * </ul>
 *
 * <p>Every {@link #attemptStart} is followed by exactly one {@link #attemptEnd} with the same attempt number.
 * Callbacks named in this interface in a later version slot into this order; their defaults do nothing.
 *
 * <p><b>Threading.</b> Callbacks run on the thread doing the work: the caller's thread for synchronous operations
 * ({@link #submissionStart} too for {@code runNowAsync}), a {@code dbexec-submit} thread for the rest of an
 * asynchronous submission, a {@code dbexec-queue-report} thread for a submission's queue report and its end, OkHttp's and the {@code dbexec-wait-scheduler} threads for an asynchronous wait. They must
 * be quick and must not block or call back into the executor: the operation waits for them. Anything slow (I/O, a
 * remote call) belongs on another thread.
 *
 * <p><b>Failures.</b> An exception thrown by a callback (or by the factory) is logged at WARN on logger
 * {@code io.github.dbexec.listener} and otherwise ignored: it never fails, retries or changes an operation.
 *
 * <p><b>Cost.</b> With no factory set ({@link Factory#NONE}, the default) and no retry listener, the executor builds
 * none of the values these callbacks take, nor the {@link ExecutorCall}; a factory that returns {@link #NONE} for a
 * call spares that call's values.
 *
 * <p><b>And {@link RetryListener}?</b> It is the one-callback form of {@link #retryScheduled}: {@link
 * #ofRetries(RetryListener)} adapts one, and a retry listener set on the builder is told exactly what
 * {@link #retryScheduled} is told, as a {@link RetryAttempt}.
 */
public interface ExecutorListener {

  /** A listener that does nothing: the default. */
  ExecutorListener NONE = new ExecutorListener() {};

  /**
   * A submission has begun: a run-now or a one-time run was asked for (for {@code runNowAsync}, at the moment the
   * caller asked, before it waited for a slot). Its checks passed; nothing has been sent yet.
   * @param start the operation, job id, idempotency token and key
   */
  default void submissionStart(SubmissionStart start) {}

  /**
   * A submission has ended: a run was started and its queue report is known (with its queue outcome: after
   * {@code runNow()} returned, unless queue reporting is off), or the submission is about to throw to its caller.
   * Always the call's last callback.
   * @param end the outcome, run id when one started, attempts, duration and failure
   */
  default void submissionEnd(SubmissionEnd end) {}

  /**
   * An HTTP request is about to be sent (credentials obtained, if needed, during it).
   * @param start the HTTP method, endpoint and attempt number (1 for the first)
   */
  default void attemptStart(HttpAttemptStart start) {}

  /**
   * An HTTP request has been answered and its answer read, or has failed; before any retry is decided.
   * @param end the status code or failure, and the attempt's duration
   */
  default void attemptEnd(HttpAttemptEnd end) {}

  /**
   * A failed request will be repeated after {@link RetryScheduled#delay()}; told before the executor waits. Not told
   * when the failure is not retryable, the attempts are used up or the retry deadline would pass: the failure then
   * ends the operation.
   * @param retry the failed attempt, its cause and the delay before the next one
   */
  default void retryScheduled(RetryScheduled retry) {}

  /**
   * The queue report of a new run is known (on a queue-report thread, after {@code runNow()} returned, unless queue
   * reporting is off); before its queue events are emitted and before {@link #submissionEnd}.
   * @param report the run's queue report and how long it took to learn it
   */
  default void queueReported(QueueReported report) {}

  /**
   * A wait for a run begins; before its first poll.
   * @param start the run id, job id when known, and the wait's timeout
   */
  default void waitStart(WaitStart start) {}

  /**
   * A poll of a wait was read, or failed transiently and the wait goes on.
   * @param poll the poll's number, the life-cycle state read, or its failure
   */
  default void waitPoll(WaitPoll poll) {}

  /**
   * A wait has ended: the run terminated, the timeout passed, an error ended it, or the caller cancelled it.
   * @param end how the wait ended, its polls and duration
   */
  default void waitEnd(WaitEnd end) {}

  /**
   * An event sink threw while accepting an event of this call; the call went on.
   * @param failure the event type, run id, sink and the exception it threw
   */
  default void eventDeliveryFailed(EventDeliveryFailed failure) {}

  /**
   * A factory that gives {@code listener} to every call; {@code listener} must then be thread-safe.
   * @param listener the listener for every call; thread-safe
   * @return a factory returning {@code listener} for every call
   */
  static Factory factory(ExecutorListener listener) {
    Objects.requireNonNull(listener, "listener");
    return call -> listener;
  }

  /**
   * A listener that tells {@code retryListener} each {@link #retryScheduled} retry, as a {@link RetryAttempt}.
   * @param retryListener told of each retry
   * @return a listener that reports retries only
   */
  static ExecutorListener ofRetries(RetryListener retryListener) {
    Objects.requireNonNull(retryListener, "retryListener");
    return new ExecutorListener() {
      @Override
      public void retryScheduled(RetryScheduled retry) {
        retryListener.onRetry(retry.toRetryAttempt());
      }
    };
  }

  /**
   * Creates the listener for one call, as OkHttp's {@code EventListener.Factory} does for one HTTP call. Called on the
   * caller's thread as the operation begins, before any of its callbacks; must be quick and thread-safe.
   */
  @FunctionalInterface
  interface Factory {

    /** The default: every call gets {@link ExecutorListener#NONE}, and the executor builds no listener values. */
    Factory NONE = call -> ExecutorListener.NONE;

    /**
     * The listener for {@code call}; may be {@link ExecutorListener#NONE} for calls of no interest (the executor
     * then skips building values for that call).
     * @param call the operation and the job or run it concerns
     * @return the listener for this call, or {@link ExecutorListener#NONE}
     */
    ExecutorListener create(ExecutorCall call);
  }
}
