package io.github.dbexec.internal;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A 2xx answer whose body cannot be used (empty, too large, cut off, not the Jobs API's JSON), as
 * {@link JsonBodyConverterFactory} finds it; {@link ApiCaller} turns it into a
 * {@link io.github.dbexec.DatabricksTransportException} naming the endpoint and status.
 */
final class UnusableBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the answer, or 0 when unknown. */
  final int status;
  /** Whether repeating the request may succeed. */
  final boolean retryable;

  UnusableBodyException(String what, int status, boolean retryable, @Nullable Throwable cause) {
    super(what, cause);
    this.status = status;
    this.retryable = retryable;
  }
}
