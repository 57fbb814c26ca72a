package io.github.dbexec;

/**
 * When a task of a one-time run runs, judged by the tasks it depends on ({@code run_if} of a task in
 * {@code runs/submit}). A task without {@code depends_on} always runs. The Jobs API's default is
 * {@link #ALL_SUCCEEDED}.
 */
public enum RunIf {
  /** {@code ALL_SUCCESS}: every dependency succeeded (the default). */
  ALL_SUCCEEDED("ALL_SUCCESS"),
  /** {@code AT_LEAST_ONE_SUCCESS}: at least one dependency succeeded. */
  AT_LEAST_ONE_SUCCEEDED("AT_LEAST_ONE_SUCCESS"),
  /** {@code NONE_FAILED}: no dependency failed (some may have been skipped). */
  NONE_FAILED("NONE_FAILED"),
  /** {@code ALL_DONE}: every dependency finished, whatever its result. */
  ALL_DONE("ALL_DONE"),
  /** {@code AT_LEAST_ONE_FAILED}: at least one dependency failed. */
  AT_LEAST_ONE_FAILED("AT_LEAST_ONE_FAILED"),
  /** {@code ALL_FAILED}: every dependency failed. */
  ALL_FAILED("ALL_FAILED");

  private final String wireValue;

  RunIf(String wireValue) {
    this.wireValue = wireValue;
  }

  /** {@return the value the Jobs API takes, e.g. {@code ALL_SUCCESS}} */
  public String wireValue() {
    return wireValue;
  }
}
