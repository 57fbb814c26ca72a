package io.github.dbexec;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A submission (a run-now or a one-time run) has begun, as told to {@link ExecutorListener#submissionStart}.
 * Immutable.
 *
 * @param operation {@link ExecutorCall.Operation#RUN_NOW} or {@link ExecutorCall.Operation#SUBMIT_RUN}
 * @param jobId the job's {@code job_id}; null for a one-time run
 * @param idempotencyToken the {@code idempotency_token} every attempt of this submission sends (not a secret: it is
 *     derived from the key, or random)
 * @param idempotencyKey the caller's key the token was derived from; null when the caller gave none
 * @param async whether the caller asked for a {@code CompletableFuture} ({@code runNowAsync}); an asynchronous
 *     submission may wait for a slot of {@code maxSubmissionsInFlight} after this callback
 */
public record SubmissionStart(
    ExecutorCall.Operation operation,
    @Nullable Long jobId,
    String idempotencyToken,
    @Nullable String idempotencyKey,
    boolean async) {

  /**
   * Validates the components.
   * @param operation {@link ExecutorCall.Operation#RUN_NOW} or {@link ExecutorCall.Operation#SUBMIT_RUN}
   * @param jobId the job's {@code job_id}; null for a one-time run
   * @param idempotencyToken the {@code idempotency_token} every attempt of this submission sends (not a secret: it is
   *     derived from the key, or random)
   * @param idempotencyKey the caller's key the token was derived from; null when the caller gave none
   * @param async whether the caller asked for a {@code CompletableFuture} ({@code runNowAsync}); an asynchronous
   *     submission may wait for a slot of {@code maxSubmissionsInFlight} after this callback
   */
  public SubmissionStart {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    if (!operation.isSubmission()) {
      throw new IllegalArgumentException("operation must be RUN_NOW or SUBMIT_RUN, was " + operation);
    }
  }
}
