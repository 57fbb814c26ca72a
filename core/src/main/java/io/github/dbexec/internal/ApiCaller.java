package io.github.dbexec.internal;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.RetryAttempt;
import io.github.dbexec.RetryListener;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.Sleeper;
import io.github.dbexec.auth.CredentialsException;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Executes Jobs API calls: one attempt ({@link #once}, {@link #onceAsync}) or the attempt loop with the executor's
 * {@link RetryPolicy} ({@link #withRetries}). Every outcome of an attempt — an answer, an error answer, an unusable
 * body, no answer — becomes a value or a {@link DatabricksException} here, and only here, with the endpoint's label
 * taken from the request ({@link Endpoints}) and every message redacted. resilience4j decides whether and after how
 * long to retry; waiting goes through the injected {@link Sleeper}, and the deadline is measured on the injected
 * {@link Clock}. Thread-safe; one per executor.
 */
public final class ApiCaller {
  private static final Logger log = LoggerFactory.getLogger(ApiCaller.class);

  private final ErrorMapper errors;
  private final Redactor redactor;
  private final RetryPolicy policy;
  private final Retry retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryListener retryListener;
  private final Random random;
  private final java.util.Set<Call<?>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean shutDown;

  public ApiCaller(
      ErrorMapper errors,
      Redactor redactor,
      RetryPolicy policy,
      Clock clock,
      Sleeper sleeper,
      RetryListener retryListener,
      Random random) {
    this.errors = errors;
    this.redactor = redactor;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.retryListener = retryListener;
    this.random = random;
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(policy.maxAttempts())
            .retryOnException(e -> e instanceof DatabricksException && ((DatabricksException) e).isRetryable())
            .intervalBiFunction(this::delayMillis)
            .build();
    this.retry = Retry.of("dbexec", config);
  }

  /** One attempt on the calling thread. */
  public <T> T once(Call<T> call) {
    return once(call, Endpoints.label(call.request())); // builds the request the call then sends: no extra work
  }

  /**
   * One attempt on the calling thread, over within {@code limit} (wall clock) whatever the server does: the call's
   * OkHttp call timeout is lowered to {@code limit} when that is shorter. A wait gives each poll the time it has
   * left.
   */
  public <T> T once(Call<T> call, Duration limit) {
    bound(call, limit.toMillis());
    return once(call);
  }

  /** Like {@link #onceAsync(Call)}, over within {@code limit}; see {@link #once(Call, Duration)}. */
  public <T> CompletableFuture<T> onceAsync(Call<T> call, Duration limit) {
    bound(call, limit.toMillis());
    return onceAsync(call);
  }

  /** Lowers the call's OkHttp call timeout (the bound on the whole call) to {@code limitMillis}, at least 1 ms. */
  private static void bound(Call<?> call, long limitMillis) {
    okio.Timeout timeout = call.timeout();
    long limit = TimeUnit.MILLISECONDS.toNanos(Math.max(1, limitMillis));
    long current = timeout.timeoutNanos();
    if (current == 0 || limit < current) {
      timeout.timeout(limit, TimeUnit.NANOSECONDS);
    }
  }

  private <T> T once(Call<T> call, String endpoint) {
    Response<T> response;
    checkNotShutDown();
    inFlight.add(call);
    try {
      if (shutDown) { // shutDownNow() may have gone through inFlight before this call was added
        call.cancel();
      }
      response = call.execute();
    } catch (IOException e) {
      if (shutDown) {
        throw shutDownFailure(endpoint, e);
      }
      if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
        throw DatabricksTransportException.noResponse(endpoint + " was interrupted", false, e);
      }
      throw failure(endpoint, e);
    } finally {
      inFlight.remove(call);
    }
    return answer(endpoint, response);
  }

  /**
   * Cancels every call in flight and refuses later ones (with {@link IllegalStateException}): the end of an
   * executor's close. A cancelled call fails with a {@link DatabricksTransportException}, not retried, saying the
   * executor was closed and the request may have taken effect.
   */
  public void shutdownNow() {
    shutDown = true;
    for (Call<?> call : inFlight) {
      call.cancel();
    }
  }

  private void checkNotShutDown() {
    if (shutDown) {
      throw new IllegalStateException("this DatabricksExecutor is closed; it takes no new work");
    }
  }

  private static DatabricksException shutDownFailure(String endpoint, IOException e) {
    return DatabricksTransportException.noResponse(endpoint + " was cut off: the DatabricksExecutor was closed "
        + "while it was in flight; the request may have taken effect", false, e);
  }

  /**
   * One attempt without blocking: the answer is read on an OkHttp thread and completes the future, exceptionally
   * with a {@link DatabricksException}.
   */
  public <T> CompletableFuture<T> onceAsync(Call<T> call) {
    String endpoint = Endpoints.label(call.request());
    CompletableFuture<T> future = new CompletableFuture<>();
    checkNotShutDown();
    inFlight.add(call);
    call.enqueue(new Callback<T>() {
      @Override
      public void onResponse(Call<T> c, Response<T> response) {
        inFlight.remove(call);
        try {
          future.complete(answer(endpoint, response));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call<T> c, Throwable t) {
        inFlight.remove(call);
        future.completeExceptionally(!(t instanceof IOException) ? t
            : shutDown ? shutDownFailure(endpoint, (IOException) t) : failure(endpoint, (IOException) t));
      }
    });
    return future;
  }

  /**
   * The attempt loop: every retryable failure (429, 500, 502, 503, 504, connection failures, timeouts, unusable
   * answers) is retried per the policy, each attempt on a fresh clone of {@code call}, the retry listener told before
   * each pause. Callers make a request safe to repeat (run-now and runs/submit carry an idempotency token) before
   * they use this.
   *
   * @param attempts counts the attempts made, or null
   * @throws DatabricksException the last failure, when it is not retryable, attempts are used up, or the next
   *     attempt would start after the deadline
   */
  public <T> T withRetries(Call<T> call, @Nullable AtomicInteger attempts) {
    return withRetries(call, attempts, value -> { });
  }

  /**
   * Like {@link #withRetries(Call, AtomicInteger)}, with {@code check} applied to each answer inside the loop: a
   * {@link DatabricksException} it throws counts as that attempt's failure, retried when it is retryable (an answer
   * without the field the caller needs, to a request carrying an idempotency token).
   */
  public <T> T withRetries(Call<T> call, @Nullable AtomicInteger attempts, java.util.function.Consumer<T> check) {
    Retry.AsyncContext<Object> context = retry.asyncContext();
    long deadline = clock.millis() + policy.deadline().toMillis();
    for (int attempt = 1; ; attempt++) {
      Call<T> attemptCall = call.clone();
      String endpoint = Endpoints.label(attemptCall.request()); // the request this attempt sends, built once
      bound(attemptCall, deadline - clock.millis()); // the deadline bounds the attempt in flight, not only pauses
      try {
        if (attempts != null) {
          attempts.incrementAndGet();
        }
        T value = once(attemptCall, endpoint);
        check.accept(value);
        context.onComplete();
        return value;
      } catch (DatabricksException failure) {
        long delay = context.onError(failure);
        if (delay < 0) {
          throw failure;
        }
        if (clock.millis() + delay > deadline) {
          log.debug("{}: giving up after attempt {}, the retry deadline {} would pass", endpoint, attempt,
              policy.deadline());
          throw failure;
        }
        log.debug("{}: attempt {} failed ({}); retrying in {} ms", endpoint, attempt, failure.getMessage(), delay);
        notifyListener(new RetryAttempt(endpoint, attempt, Duration.ofMillis(delay), failure));
        sleep(endpoint, Duration.ofMillis(delay));
      }
    }
  }

  /** Like {@link #withRetries(Call, AtomicInteger)} without counting. */
  public <T> T withRetries(Call<T> call) {
    return withRetries(call, null);
  }

  private <T> T answer(String endpoint, Response<T> response) {
    if (!response.isSuccessful()) {
      throw errors.apiError(endpoint, response.code(), response.headers(), response.errorBody());
    }
    T body = response.body();
    if (body == null) { // 204 or 205: Retrofit does not convert these
      throw DatabricksTransportException.unusableResponse(endpoint + " answered " + response.code()
          + " with an empty body where JSON was expected; a proxy or gateway may be interfering. The request may "
          + "have taken effect.", response.code(), true, null);
    }
    return body;
  }

  private long delayMillis(int attempt, Either<Throwable, Object> outcome) {
    if (outcome.isLeft() && outcome.getLeft() instanceof DatabricksApiException) {
      Duration retryAfter = ((DatabricksApiException) outcome.getLeft()).retryAfter();
      if (retryAfter != null) {
        return (retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : retryAfter).toMillis();
      }
    }
    double backoff = policy.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    backoff = Math.min(backoff, policy.maxBackoff().toMillis());
    double spread;
    synchronized (random) {
      spread = (random.nextDouble() * 2 - 1) * policy.jitter();
    }
    return Math.max(0, Math.round(backoff * (1 + spread)));
  }

  private void notifyListener(RetryAttempt attempt) {
    try {
      retryListener.onRetry(attempt);
    } catch (RuntimeException e) {
      log.warn("RetryListener threw; ignored", e);
    }
  }

  private void sleep(String endpoint, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DatabricksTransportException.noResponse(endpoint + " was interrupted while waiting to retry", false, e);
    }
  }

  /** Maps an I/O failure (no usable answer) to the exception callers see, its message redacted. */
  private DatabricksException failure(String endpoint, IOException e) {
    if (e instanceof UnusableBodyException) {
      UnusableBodyException u = (UnusableBodyException) e;
      return DatabricksTransportException.unusableResponse(
          redactor.redact(endpoint + " answered " + u.status + " " + u.getMessage()), u.status, u.retryable,
          u.getCause());
    }
    if (e instanceof InterruptedIOException) {
      return DatabricksTransportException.noResponse(redactor.redact(
          endpoint + " timed out: no complete answer within the connect, read or call timeout, or the time left to "
              + "the deadline (" + e.getMessage() + "); the request may have taken effect"), true, e);
    }
    if (e instanceof CredentialsException) {
      CredentialsException c = (CredentialsException) e;
      if (c.isRefused()) {
        // the token or identity endpoint refused the credential itself: no retry helps, the credentials must change
        return DatabricksApiException.of(endpoint, 401, "UNAUTHENTICATED",
            redactor.redact("the credentials were refused: " + c.getMessage()), null, null);
      }
      return DatabricksTransportException.noResponse(
          redactor.redact(endpoint + " could not be authenticated: " + c.getMessage()), c.isRetryable(), e);
    }
    return DatabricksTransportException.noResponse(redactor.redact(
        endpoint + " failed: no usable response (" + e.getClass().getSimpleName() + ": " + e.getMessage()
            + "); check the host, the network and any proxy"), true, e);
  }
}
