package io.github.dbexec.internal;

import org.jspecify.annotations.Nullable;

/**
 * A validated run-now, ready to send: the body (with its idempotency token already chosen, so every retry sends the
 * same one) and the caller's key.
 */
public record RunNowCommand(long jobId, Wire.RunNowBody body, @Nullable String idempotencyKey) {
  /** The token sent in {@code idempotency_token}. */
  public String idempotencyToken() {
    return java.util.Objects.requireNonNull(body.idempotencyToken);
  }
}
