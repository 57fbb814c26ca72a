package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Executes Jobs API calls: one attempt ({@link #once}) or with the executor's {@link RetryPolicy}
 * ({@link #withRetries}). resilience4j decides whether and after how long to retry; waiting goes through the
 * injected {@link Sleeper}, and the deadline is measured on the injected {@link Clock}. Thread-safe; one per
 * executor.
 */
public final class ApiCaller {
  private static final Logger log = LoggerFactory.getLogger(ApiCaller.class);

  private final ResponseReader reader;
  private final RetryPolicy policy;
  private final Retry retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryListener retryListener;
  private final Random random;

  public ApiCaller(
      ResponseReader reader,
      RetryPolicy policy,
      Clock clock,
      Sleeper sleeper,
      RetryListener retryListener,
      Random random) {
    this.reader = reader;
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

  /** Calls once and reads the answer with {@code adapter}. */
  public <T> T once(String endpoint, Call<ResponseBody> call, JsonAdapter<T> adapter) {
    return reader.read(endpoint, execute(endpoint, call), adapter);
  }

  /**
   * Calls once without blocking: the answer is read on an OkHttp thread and completes the future, exceptionally
   * with a {@link DatabricksException}.
   */
  public <T> CompletableFuture<T> onceAsync(String endpoint, Call<ResponseBody> call, JsonAdapter<T> adapter) {
    CompletableFuture<T> future = new CompletableFuture<>();
    call.enqueue(new Callback<ResponseBody>() {
      @Override
      public void onResponse(Call<ResponseBody> c, Response<ResponseBody> response) {
        try {
          future.complete(reader.read(endpoint, response, adapter));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call<ResponseBody> c, Throwable t) {
        future.completeExceptionally(t instanceof IOException ? failure(endpoint, (IOException) t) : t);
      }
    });
    return future;
  }

  /** Calls once, ignoring the body of a 2xx answer. */
  public void onceDiscarding(String endpoint, Call<ResponseBody> call) {
    reader.readDiscarding(endpoint, execute(endpoint, call));
  }

  /**
   * Calls with retries: every retryable failure (429, 500, 502, 503, 504, connection failures, timeouts, unreadable
   * answers) is retried per the policy, each attempt on a fresh clone of {@code call}. Callers make a request safe to
   * repeat (run-now and runs/submit carry an idempotency token) before they use this.
   *
   * @throws DatabricksException the last failure, when it is not retryable, attempts are used up, or the next
   *     attempt would start after the deadline
   */
  public <T> T withRetries(String endpoint, Call<ResponseBody> call, JsonAdapter<T> adapter) {
    return withRetries(endpoint, call, adapter, new AtomicInteger());
  }

  /** Like {@link #withRetries(String, Call, JsonAdapter)}, counting the attempts made into {@code attempts}. */
  public <T> T withRetries(
      String endpoint, Call<ResponseBody> call, JsonAdapter<T> adapter, AtomicInteger attempts) {
    return retrying(endpoint, () -> {
      attempts.incrementAndGet();
      return once(endpoint, call.clone(), adapter);
    });
  }

  /** Like {@link #withRetries}, for calls whose 2xx body does not matter (runs/cancel answers {@code {}}). */
  public void withRetriesDiscarding(String endpoint, Call<ResponseBody> call) {
    retrying(endpoint, () -> {
      onceDiscarding(endpoint, call.clone());
      return Boolean.TRUE;
    });
  }

  private <T> T retrying(String endpoint, Supplier<T> attemptOnce) {
    Retry.AsyncContext<Object> context = retry.asyncContext();
    long deadline = clock.millis() + policy.deadline().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        T value = attemptOnce.get();
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
        RetryAttempt retryAttempt = new RetryAttempt(endpoint, attempt, Duration.ofMillis(delay), failure);
        log.debug("{}: attempt {} failed ({}); retrying in {} ms", endpoint, attempt, failure.getMessage(), delay);
        notifyListener(retryAttempt);
        sleep(endpoint, Duration.ofMillis(delay));
      }
    }
  }

  private long delayMillis(int attempt, Either<Throwable, Object> outcome) {
    if (outcome.isLeft() && outcome.getLeft() instanceof DatabricksApiException) {
      var retryAfter = ((DatabricksApiException) outcome.getLeft()).retryAfter();
      if (retryAfter.isPresent()) {
        Duration capped = retryAfter.get().compareTo(policy.maxRetryAfter()) > 0
            ? policy.maxRetryAfter() : retryAfter.get();
        return capped.toMillis();
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
      throw new DatabricksTransportException(endpoint + " was interrupted while waiting to retry", -1, false, e);
    }
  }

  private static Response<ResponseBody> execute(String endpoint, Call<ResponseBody> call) {
    try {
      return call.execute();
    } catch (IOException e) {
      if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
        throw new DatabricksTransportException(endpoint + " was interrupted", -1, false, e);
      }
      throw failure(endpoint, e);
    }
  }

  /** Maps an I/O failure (no usable answer) to the exception callers see. */
  private static DatabricksTransportException failure(String endpoint, IOException e) {
    if (e instanceof InterruptedIOException) {
      return new DatabricksTransportException(
          endpoint + " timed out: no complete answer within the connect, read or call timeout (" + e.getMessage()
              + "); the request may have taken effect", -1, true, e);
    }
    if (e instanceof CredentialsException) {
      CredentialsException c = (CredentialsException) e;
      return new DatabricksTransportException(
          endpoint + " could not be authenticated: " + c.getMessage(), -1, c.isRetryable(), e);
    }
    return new DatabricksTransportException(
        endpoint + " failed: no usable response (" + e.getClass().getSimpleName() + ": " + e.getMessage()
            + "); check the host, the network and any proxy", -1, true, e);
  }
}
