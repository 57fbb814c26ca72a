package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.FaultAction;
import io.github.dbexec.testkit.internal.FaultSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A fault the {@link FakeJobsServer} injects into matching requests: an error answer, a 429, a dropped
 * connection, a response lost after the request took effect, a broken body or latency.
 *
 * <pre>{@code
 * server.addFault(FaultRule.on("POST", "/jobs/run-now").times(2).rateLimited(Duration.ofSeconds(3)).build());
 * server.addFault(FaultRule.on("POST", "/jobs/run-now").loseResponse().build());   // run created, answer lost
 * server.addFault(FaultRule.on("*", "").probability(0.1, 42).respondError(503, "TEMPORARILY_UNAVAILABLE",
 *     "Service unavailable").always().build());
 * }</pre>
 *
 * <p>Matching: {@code method} is case-insensitive ({@code "*"} = any); {@code pathSuffix} matches when it
 * equals the path after {@code /api/2.x} or the path ends with it ({@code ""} = any). Rules are tried in the
 * order added; the first that matches and fires is used for the request (at most one fault per request) and
 * is removed once its count is used up. Faults are checked before authentication.
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class FaultRule {
  private final FaultSpec spec;

  private FaultRule(FaultSpec spec) {
    this.spec = spec;
  }

  /**
   * Starts a rule for requests with this method and path suffix (e.g. {@code ("POST", "/jobs/run-now")}).
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathSuffix the end of the request path, e.g. {@code /jobs/run-now} (any API version)
   * @return a new builder
   */
  public static Builder on(String method, String pathSuffix) {
    return new Builder(Objects.requireNonNull(method, "method"), Objects.requireNonNull(pathSuffix, "pathSuffix"));
  }

  FaultSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return "FaultRule{" + spec.method() + " " + spec.pathSuffix() + " -> " + spec.action()
        + (spec.times() < 0 ? " always" : " x" + spec.times())
        + (spec.probability() < 1.0 ? " p=" + spec.probability() : "") + "}";
  }

  /** Builds a {@link FaultRule}: how often, which requests, then exactly one action. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String pathSuffix;
    private int times = 1;
    private double probability = 1.0;
    private long seed;
    private int skipFirst;
    private Predicate<String> bodyPredicate = body -> true;
    private @Nullable FaultAction action;
    private int status;
    private String errorCode = "";
    private String message = "";
    private long millis;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(String method, String pathSuffix) {
      this.method = method;
      this.pathSuffix = pathSuffix;
    }

    /**
     * Fire on the first matching request only (the default).
     *
     * @return this builder
     */
    public Builder once() {
      return times(1);
    }

    /**
     * Fire on the next {@code n} matching requests.
     *
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 1}
     * @param n how many matching requests the fault hits, at least 1
     */
    public Builder times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times must be >= 1, got " + n);
      }
      this.times = n;
      return this;
    }

    /**
     * Fire on every matching request until {@link FakeJobsServer#reset()} or {@link FakeJobsServer#clearFaults()}.
     *
     * @return this builder
     */
    public Builder always() {
      this.times = -1;
      return this;
    }

    /**
     * Fire on each matching request with probability {@code p}, drawn from a {@link java.util.Random} seeded
     * with {@code seed} (so a test is repeatable). Combines with {@link #times(int)} (count of firings) or
     * {@link #always()}.
     *
     * @return this builder
     * @throws IllegalArgumentException when {@code p} is not within 0..1
     * @param p the probability of a hit, 0 to 1
     * @param seed the seed for the random draws
     */
    public Builder probability(double p, long seed) {
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException("probability must be within 0..1, got " + p);
      }
      this.probability = p;
      this.seed = seed;
      return this;
    }

    /**
     * Let the first {@code n} matching requests through before firing (e.g. fail only the third call).
     *
     * @return this builder
     * @throws IllegalArgumentException when {@code n < 0}
     * @param n how many matching requests pass untouched first, zero or more
     */
    public Builder afterMatches(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("afterMatches must be >= 0, got " + n);
      }
      this.skipFirst = n;
      return this;
    }

    /**
     * Only requests whose body (UTF-8 text, "" for none) satisfies the predicate match.
     *
     * @param body the condition on the request body
     * @return this builder
     */
    public Builder matchingBody(Predicate<String> body) {
      this.bodyPredicate = Objects.requireNonNull(body, "body");
      return this;
    }

    /**
     * Adds a header to the fault's response (not used by the connection-dropping actions).
     *
     * @param name the header's name
     * @param value the header's value
     * @return the first value, or null when absent
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Action: answer {@code status} with {@code {"error_code": errorCode, "message": message}}, without
     * handling the request (no state change).
     *
     * @return this builder
     * @throws IllegalArgumentException when {@code status} is not 100..599
     * @param errorCode the {@code error_code} to send
     * @param message the {@code message} to send
     * @param status the HTTP status code
     */
    public Builder respondError(int status, String errorCode, String message) {
      checkStatus(status);
      this.status = status;
      this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
      this.message = Objects.requireNonNull(message, "message");
      return action(FaultAction.RESPOND_ERROR);
    }

    /**
     * Action: answer 429 {@code {"error_code": "REQUEST_LIMIT_EXCEEDED", ...}} with {@code Retry-After}
     * in whole seconds (rounded up), without handling the request.
     *
     * @param retryAfter the {@code Retry-After} to send, rounded up to whole seconds
     * @return this builder
     */
    public Builder rateLimited(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
      }
      this.millis = retryAfter.toMillis();
      this.status = 429;
      this.message = "The request was rejected because of rate limiting. Please retry after a while.";
      return action(FaultAction.RATE_LIMITED);
    }

    /**
     * Action: read the request, then close the connection without answering; no state change.
     *
     * @return this builder
     */
    public Builder dropConnection() {
      return action(FaultAction.DROP_CONNECTION);
    }

    /**
     * Action: handle the request (a run-now creates its run!), then close the connection without answering:
     * the response lost after the server acted.
     *
     * @return this builder
     */
    public Builder loseResponse() {
      return action(FaultAction.LOSE_RESPONSE);
    }

    /**
     * Action: answer {@code status} with an empty body. The request is handled (state changes) when
     * {@code status} is 2xx, and not handled otherwise.
     *
     * @param status the HTTP status code
     * @return this builder
     */
    public Builder emptyBody(int status) {
      checkStatus(status);
      this.status = status;
      return action(FaultAction.EMPTY_BODY);
    }

    /**
     * Action: handle the request, then answer with its status and the first half of its JSON body (a
     * complete HTTP response whose body is not valid JSON).
     *
     * @return this builder
     */
    public Builder truncatedBody() {
      return action(FaultAction.TRUNCATED_BODY);
    }

    /**
     * Action: handle the request and answer normally, after a <em>wall-clock</em> delay before the response
     * headers (MockWebServer throttling; the fake clock does not move).
     *
     * @param delay how long to hold the response headers back
     * @return this builder
     */
    public Builder delay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, got " + delay);
      }
      this.millis = delay.toMillis();
      return action(FaultAction.DELAY);
    }

    /**
     * Action: read the request and never answer; the connection stays open until the client gives up (its
     * read timeout) or the server closes. No state change. For testing client timeouts.
     *
     * @return this builder
     */
    public Builder noResponse() {
      return action(FaultAction.NO_RESPONSE);
    }

    /**
     * Action: handle the request, then send the status line, headers and part of the body and close the
     * connection (the client sees an I/O error while reading the body).
     *
     * @return this builder
     */
    public Builder disconnectDuringBody() {
      return action(FaultAction.DISCONNECT_DURING_BODY);
    }

    private Builder action(FaultAction chosen) {
      if (action != null) {
        throw new IllegalStateException("a FaultRule has exactly one action; already " + action);
      }
      this.action = chosen;
      return this;
    }

    private static void checkStatus(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100..599, got " + status);
      }
    }

    /**
     * @return the rule
     * @throws IllegalStateException when no action was chosen
     *
     */
    public FaultRule build() {
      if (action == null) {
        throw new IllegalStateException("a FaultRule needs an action: respondError, rateLimited, "
            + "dropConnection, loseResponse, emptyBody, truncatedBody, delay, noResponse or disconnectDuringBody");
      }
      return new FaultRule(new FaultSpec(method, pathSuffix, times, probability, seed, skipFirst,
          bodyPredicate, action, status, errorCode, message, millis, headers));
    }
  }
}
