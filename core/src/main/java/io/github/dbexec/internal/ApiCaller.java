package io.github.dbexec.internal;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksTransportException;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.FailureCause;
import io.github.dbexec.HttpAttemptEnd;
import io.github.dbexec.HttpAttemptStart;
import io.github.dbexec.RetryListener;
import io.github.dbexec.RetryPolicy;
import io.github.dbexec.RetryScheduled;
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
 * long to retry (its {@code Retry} built on the first failure); waiting goes through the injected {@link Sleeper}, and the deadline is measured on the injected
 * {@link Clock}. Each attempt and retry is told to the call's {@link ExecutorListener} (made by {@link #listener});
 * with no listener set, none of its values are built. Thread-safe; one per executor.
 */
public final class ApiCaller {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.retry");

  private final ErrorMapper errors;
  private final Redactor redactor;
  private final RetryPolicy policy;
  /** Built on the first failure: a call that succeeds at once never touches resilience4j (cold start, per call). */
  private volatile @Nullable Retry retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ExecutorListener.Factory listeners;
  private final @Nullable ExecutorListener retries;
  private final Random random;
  private final java.util.Set<Call<?>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean shutDown;

  public ApiCaller(
      ErrorMapper errors,
      Redactor redactor,
      RetryPolicy policy,
      Clock clock,
      Sleeper sleeper,
      ExecutorListener.Factory listeners,
      @Nullable RetryListener retryListener,
      Random random) {
    this.errors = errors;
    this.redactor = redactor;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listeners = listeners;
    this.retries = retryListener == null ? null : ExecutorListener.ofRetries(retryListener);
    this.random = random;
  }

  private Retry retry() {
    Retry r = retry;
    if (r == null) {
      synchronized (this) {
        r = retry;
        if (r == null) {
          RetryConfig config =
              RetryConfig.custom()
                  .maxAttempts(policy.maxAttempts())
                  .retryOnException(e -> e instanceof DatabricksException && ((DatabricksException) e).isRetryable())
                  .intervalBiFunction(this::delayMillis)
                  .build();
          r = Retry.of("dbexec", config);
          retry = r;
        }
      }
    }
    return r;
  }

  /**
   * The listener of one call of {@code operation}, guarded (see {@link ListenerGuard}); {@link ExecutorListener#NONE},
   * with nothing built, when the executor has no listener factory and no retry listener.
   */
  public ExecutorListener listener(ExecutorCall.Operation operation, @Nullable Long jobId, @Nullable Long runId) {
    if (listeners == ExecutorListener.Factory.NONE && retries == null) {
      return ExecutorListener.NONE;
    }
    return ListenerGuard.create(listeners, retries, new ExecutorCall(operation, jobId, runId));
  }

  /** One attempt on the calling thread. */
  public <T> T once(Call<T> call) {
    return once(call, Endpoints.label(call.request())); // builds the request the call then sends: no extra work
  }

  /** One attempt on the calling thread, told to {@code listener} as attempt 1. */
  public <T> T once(Call<T> call, ExecutorListener listener) {
    return once(call, Endpoints.label(call.request()), listener, 1);
  }

  private <T> T once(Call<T> call, String endpoint, ExecutorListener listener, int attempt) {
    if (listener == ExecutorListener.NONE) {
      return once(call, endpoint);
    }
    String method = method(endpoint);
    String path = path(endpoint);
    listener.attemptStart(new HttpAttemptStart(method, path, attempt));
    long start = System.nanoTime();
    Response<T> response = null;
    try {
      response = execute(call, endpoint);
      T value = answer(endpoint, response);
      listener.attemptEnd(new HttpAttemptEnd(method, path, attempt, response.code(), since(start), null));
      return value;
    } catch (DatabricksException e) {
      Integer status = response != null ? Integer.valueOf(response.code()) : statusOf(e);
      listener.attemptEnd(new HttpAttemptEnd(method, path, attempt, status, since(start), e));
      throw e;
    }
  }

  /**
   * One attempt on the calling thread, over within {@code limit} (wall clock) whatever the server does: the call's
   * OkHttp call timeout is lowered to {@code limit} when that is shorter. A wait gives each poll the time it has
   * left.
   */
  public <T> T once(Call<T> call, Duration limit) {
    return once(call, limit, ExecutorListener.NONE);
  }

  /** Like {@link #once(Call, Duration)}, told to {@code listener} as attempt 1. */
  public <T> T once(Call<T> call, Duration limit, ExecutorListener listener) {
    bound(call, limit.toMillis());
    return once(call, listener);
  }

  /** Like {@link #onceAsync(Call)}, over within {@code limit}; see {@link #once(Call, Duration)}. */
  public <T> CompletableFuture<T> onceAsync(Call<T> call, Duration limit) {
    return onceAsync(call, limit, ExecutorListener.NONE);
  }

  /** Like {@link #onceAsync(Call, Duration)}, told to {@code listener} as attempt 1. */
  public <T> CompletableFuture<T> onceAsync(Call<T> call, Duration limit, ExecutorListener listener) {
    bound(call, limit.toMillis());
    return onceAsync(call, listener);
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
    return answer(endpoint, execute(call, endpoint));
  }

  private <T> Response<T> execute(Call<T> call, String endpoint) {
    checkNotShutDown();
    inFlight.add(call);
    try {
      if (shutDown) { // shutDownNow() may have gone through inFlight before this call was added
        call.cancel();
      }
      return call.execute();
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
    return onceAsync(call, ExecutorListener.NONE);
  }

  /** Like {@link #onceAsync(Call)}, told to {@code listener} as attempt 1 (its end on the OkHttp thread). */
  public <T> CompletableFuture<T> onceAsync(Call<T> call, ExecutorListener listener) {
    String endpoint = Endpoints.label(call.request());
    CompletableFuture<T> future = new CompletableFuture<>();
    checkNotShutDown();
    inFlight.add(call);
    boolean listening = listener != ExecutorListener.NONE;
    long start = listening ? System.nanoTime() : 0;
    if (listening) {
      listener.attemptStart(new HttpAttemptStart(method(endpoint), path(endpoint), 1));
    }
    call.enqueue(new Callback<T>() {
      @Override
      public void onResponse(Call<T> c, Response<T> response) {
        inFlight.remove(call);
        try {
          T value = answer(endpoint, response);
          if (listening) {
            listener.attemptEnd(new HttpAttemptEnd(method(endpoint), path(endpoint), 1, response.code(),
                since(start), null));
          }
          future.complete(value);
        } catch (DatabricksException e) {
          if (listening) {
            listener.attemptEnd(new HttpAttemptEnd(method(endpoint), path(endpoint), 1, response.code(),
                since(start), e));
          }
          future.completeExceptionally(e);
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call<T> c, Throwable t) {
        inFlight.remove(call);
        Throwable failure = !(t instanceof IOException) ? t
            : shutDown ? shutDownFailure(endpoint, (IOException) t) : failure(endpoint, (IOException) t);
        if (listening && failure instanceof DatabricksException) {
          listener.attemptEnd(new HttpAttemptEnd(method(endpoint), path(endpoint), 1,
              statusOf((DatabricksException) failure), since(start), (DatabricksException) failure));
        }
        future.completeExceptionally(failure);
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
   * @param listener told each attempt and retry ({@link ExecutorListener#NONE}: nothing built)
   * @throws DatabricksException the last failure, when it is not retryable, attempts are used up, or the next
   *     attempt would start after the deadline
   */
  public <T> T withRetries(Call<T> call, @Nullable AtomicInteger attempts) {
    return withRetries(call, attempts, value -> { }, ExecutorListener.NONE);
  }

  /**
   * Like {@link #withRetries(Call, AtomicInteger)}, with {@code check} applied to each answer inside the loop: a
   * {@link DatabricksException} it throws counts as that attempt's failure, retried when it is retryable (an answer
   * without the field the caller needs, to a request carrying an idempotency token); each attempt and retry told to
   * {@code listener} ({@link ExecutorListener#NONE}: nothing built).
   */
  public <T> T withRetries(Call<T> call, @Nullable AtomicInteger attempts, java.util.function.Consumer<T> check,
      ExecutorListener listener) {
    Retry.@Nullable AsyncContext<Object> context = null; // made at the first failure: none for a call that succeeds
    long deadline = clock.millis() + policy.deadline().toMillis();
    for (int attempt = 1; ; attempt++) {
      Call<T> attemptCall = call.clone();
      String endpoint = Endpoints.label(attemptCall.request()); // the request this attempt sends, built once
      bound(attemptCall, deadline - clock.millis()); // the deadline bounds the attempt in flight, not only pauses
      try {
        if (attempts != null) {
          attempts.incrementAndGet();
        }
        T value = once(attemptCall, endpoint, listener, attempt);
        check.accept(value);
        if (context != null) {
          context.onComplete();
        }
        return value;
      } catch (DatabricksException failure) {
        if (context == null) {
          context = retry().asyncContext();
        }
        long delay = context.onError(failure);
        if (delay < 0) {
          throw failure;
        }
        if (clock.millis() + delay > deadline) {
          log.debug("{}: giving up after attempt {}, the retry deadline {} would pass", endpoint, attempt,
              policy.deadline());
          throw failure;
        }
        if (log.isDebugEnabled()) {
          log.debug("{}: attempt {} failed ({}: {}); retrying in {} ms", endpoint, attempt, FailureCause.of(failure),
              failure.getMessage(), delay);
        }
        if (listener != ExecutorListener.NONE) {
          listener.retryScheduled(new RetryScheduled(method(endpoint), path(endpoint), attempt,
              Duration.ofMillis(delay), failure));
        }
        sleep(endpoint, Duration.ofMillis(delay));
      }
    }
  }

  /**
   * Like {@link #withRetries(Call, AtomicInteger, ExecutorListener)} without counting, for a read or a cancel: its
   * listener is made here, for the operation the endpoint names ({@code GET jobs/runs/get} is
   * {@link ExecutorCall.Operation#GET_RUN}, ...) and the {@code run_id} or {@code job_id} in its query.
   */
  public <T> T withRetries(Call<T> call) {
    return withRetries(call, null, value -> { }, listenerFor(call));
  }

  private ExecutorListener listenerFor(Call<?> call) {
    if (listeners == ExecutorListener.Factory.NONE && retries == null) {
      return ExecutorListener.NONE;
    }
    okhttp3.Request request = call.request();
    String path = path(Endpoints.label(request));
    ExecutorCall.Operation operation;
    switch (path) {
      case "jobs/runs/get":
        operation = ExecutorCall.Operation.GET_RUN;
        break;
      case "jobs/runs/get-output":
        operation = ExecutorCall.Operation.GET_RUN_OUTPUT;
        break;
      case "jobs/runs/list":
        operation = ExecutorCall.Operation.LIST_RUNS;
        break;
      case "jobs/runs/cancel":
        operation = ExecutorCall.Operation.CANCEL_RUN;
        break;
      case "jobs/runs/cancel-all":
        operation = ExecutorCall.Operation.CANCEL_ALL_RUNS;
        break;
      case "jobs/runs/submit":
        operation = ExecutorCall.Operation.SUBMIT_RUN;
        break;
      case "jobs/run-now":
        operation = ExecutorCall.Operation.RUN_NOW;
        break;
      default:
        operation = ExecutorCall.Operation.GET_JOB;
    }
    return listener(operation, idParameter(request, "job_id"), idParameter(request, "run_id"));
  }

  private static @Nullable Long idParameter(okhttp3.Request request, String name) {
    String value = request.url().queryParameter(name);
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The method of an endpoint label ({@code "POST"} of {@code "POST jobs/run-now"}). */
  private static String method(String endpoint) {
    int space = endpoint.indexOf(' ');
    return space < 0 ? "" : endpoint.substring(0, space);
  }

  /** The path of an endpoint label ({@code "jobs/run-now"} of {@code "POST jobs/run-now"}). */
  private static String path(String endpoint) {
    return endpoint.substring(endpoint.indexOf(' ') + 1);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static @Nullable Integer statusOf(DatabricksException e) {
    if (e instanceof DatabricksApiException) {
      return ((DatabricksApiException) e).statusCode();
    }
    return e instanceof DatabricksTransportException ? ((DatabricksTransportException) e).statusCode() : null;
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
