package io.github.dbexec.testkit;

/**
 * Observes run state changes on a {@link FakeJobsServer}, including the ones that happen between two
 * polls (a run that was QUEUED, PENDING and RUNNING before anybody looked is reported in that order).
 *
 * <p>Threading and order: the server's state advances lazily, so callbacks run on whichever thread made it
 * settle (a server thread answering a request, or the test thread calling {@link FakeJobsServer#run(long)}
 * or another read), after the server's lock is released, in the order the changes happened within that
 * settling. Changes settled by concurrent requests may be delivered concurrently. A listener may call the
 * server. An exception thrown by a listener is logged and otherwise ignored. Methods have no-op defaults so
 * that new callbacks can be added later.
 */
public interface RunListener {

  /**
   * A run was created ({@link RunStateChange#previousLifeCycleState()} is null).
   *
   * @param change the run, its new state and when it changed
   */
  default void runCreated(RunStateChange change) {}

  /**
   * A run moved from one life-cycle state to another.
   *
   * @param change the run, its new state and when it changed
   */
  default void runStateChanged(RunStateChange change) {}
}
