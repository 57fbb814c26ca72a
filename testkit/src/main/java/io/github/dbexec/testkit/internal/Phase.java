package io.github.dbexec.testkit.internal;

/** A run's {@code life_cycle_state}. */
public enum Phase {
  QUEUED,
  PENDING,
  RUNNING,
  TERMINATING,
  TERMINATED,
  SKIPPED,
  INTERNAL_ERROR;

  /** Active = QUEUED, PENDING, RUNNING or TERMINATING (what counts against max_concurrent_runs). */
  public boolean isActive() {
    return this == QUEUED || this == PENDING || this == RUNNING || this == TERMINATING;
  }

  public boolean isTerminal() {
    return !isActive();
  }

  /** The {@code status.state} this phase maps to. */
  public String statusState() {
    return isTerminal() ? "TERMINATED" : name();
  }
}
