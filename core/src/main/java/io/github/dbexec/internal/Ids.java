package io.github.dbexec.internal;

import io.github.dbexec.InvalidRequestException;

/** The check every entry point taking a {@code job_id} or {@code run_id} makes. Stateless. */
public final class Ids {
  private Ids() {}

  /**
   * Checks that {@code engine} is open and that {@code id} (a {@code job_id} or {@code run_id}) is positive.
   *
   * @throws IllegalStateException if the executor is closed
   * @throws InvalidRequestException naming {@code field} when {@code id} is not positive
   */
  public static void checkOpen(Engine engine, String field, long id) {
    engine.checkOpen();
    if (id <= 0) {
      throw new InvalidRequestException(field, field + " must be > 0, was " + id);
    }
  }
}
