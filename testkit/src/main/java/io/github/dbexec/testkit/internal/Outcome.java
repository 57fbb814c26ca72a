package io.github.dbexec.testkit.internal;

/** How a started run ends. */
public enum Outcome {
  /** TERMINATED / SUCCESS. */
  SUCCESS,
  /** TERMINATED / FAILED with the plan's message (also the {@code runs/get-output} {@code error}). */
  FAILED,
  /** TERMINATED / TIMEDOUT. */
  TIMEDOUT,
  /** TERMINATED / CANCELED, as if a user cancelled it while running. */
  CANCELED,
  /** life-cycle INTERNAL_ERROR / FAILED. */
  INTERNAL_ERROR
}
