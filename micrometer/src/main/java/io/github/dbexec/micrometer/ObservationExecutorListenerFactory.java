package io.github.dbexec.micrometer;

import io.github.dbexec.EventDeliveryFailed;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.HttpAttemptEnd;
import io.github.dbexec.HttpAttemptStart;
import io.github.dbexec.QueueReported;
import io.github.dbexec.RetryScheduled;
import io.github.dbexec.SubmissionEnd;
import io.github.dbexec.SubmissionOutcome;
import io.github.dbexec.SubmissionStart;
import io.github.dbexec.WaitEnd;
import io.github.dbexec.WaitPoll;
import io.github.dbexec.WaitStart;
import io.github.dbexec.micrometer.DbexecObservationDocumentation.AttemptLowKeys;
import io.github.dbexec.micrometer.DbexecObservationDocumentation.HighKeys;
import io.github.dbexec.micrometer.DbexecObservationDocumentation.SubmissionLowKeys;
import io.github.dbexec.micrometer.DbexecObservationDocumentation.WaitLowKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Makes Micrometer observations and meters from a {@link io.github.dbexec.DatabricksExecutor}'s
 * {@link ExecutorListener} callbacks: one observation per submission ({@code dbexec.submission}), per HTTP attempt
 * ({@code dbexec.http.attempt}, a child of the submission or wait it serves) and per wait ({@code dbexec.wait});
 * counters {@code dbexec.retries} (by endpoint and cause) and {@code dbexec.event.delivery.failures}; and the gauge
 * {@code dbexec.submissions.in.flight}. Every name and key is listed by {@link DbexecObservationDocumentation}.
 *
 * <pre>{@code
 * DatabricksExecutor executor = DatabricksExecutor.builder()
 *     .host(host).token(token)
 *     .listenerFactory(ObservationExecutorListenerFactory.of(observationRegistry, meterRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Observations become timers when the {@link ObservationRegistry} has a meter handler (Spring Boot's has; in plain
 * Java add {@code new DefaultMeterObservationHandler(meterRegistry)}), and spans when it has a tracing handler
 * (Micrometer Tracing, with OpenTelemetry or Brave). A submission's observation takes as parent the observation
 * current on the caller's thread.
 *
 * <p>Thread-safe and meant to be shared: one per {@link MeterRegistry}, given to every executor that reports to it
 * (the gauge then counts all their submissions).
 */
public final class ObservationExecutorListenerFactory implements ExecutorListener.Factory {
  static final String NO_VALUE = "none";

  private final ObservationRegistry observations;
  private final MeterRegistry meters;
  private final AtomicInteger inFlight = new AtomicInteger();

  private ObservationExecutorListenerFactory(ObservationRegistry observations, MeterRegistry meters) {
    this.observations = observations;
    this.meters = meters;
    Gauge.builder("dbexec.submissions.in.flight", inFlight, AtomicInteger::get)
        .description("Submissions (run-now, runs/submit) begun and not yet ended, asynchronous ones waiting for a "
            + "slot included")
        .strongReference(true)
        .register(meters);
  }

  /**
   * A factory reporting observations to {@code observations} and counters and the gauge to {@code meters}.
   *
   * @param observations where the submission, HTTP attempt and wait observations go; give it a meter handler for
   *     timers and a tracing handler for spans
   * @param meters where the counters ({@code dbexec.retries}, {@code dbexec.event.delivery.failures}) and the
   *     gauge ({@code dbexec.submissions.in.flight}) are registered
   * @return the factory; share it between the executors reporting to {@code meters}
   * @throws NullPointerException naming the parameter that is null
   */
  public static ObservationExecutorListenerFactory of(ObservationRegistry observations, MeterRegistry meters) {
    return new ObservationExecutorListenerFactory(Objects.requireNonNull(observations, "observations"),
        Objects.requireNonNull(meters, "meters"));
  }

  /** A new listener for {@code call}, keeping that call's observations. */
  @Override
  public ExecutorListener create(ExecutorCall call) {
    return new CallListener(call);
  }

  /** Submissions begun and not ended, as the gauge reports. */
  int submissionsInFlight() {
    return inFlight.get();
  }

  /**
   * The observations of one call. The executor calls it one callback at a time, each happening-before the next, so
   * plain fields suffice; they are volatile because an asynchronous call moves between threads.
   */
  private final class CallListener implements ExecutorListener {
    private final ExecutorCall call;
    private volatile @Nullable Observation parent;
    private volatile @Nullable Observation attempt;
    private volatile boolean counted;

    CallListener(ExecutorCall call) {
      this.call = call;
    }

    @Override
    public void submissionStart(SubmissionStart start) {
      Observation o = Observation.createNotStarted(DbexecObservationDocumentation.SUBMISSION.getName(), observations)
          .contextualName(start.operation() == ExecutorCall.Operation.RUN_NOW ? "dbexec run-now" : "dbexec runs/submit")
          .lowCardinalityKeyValue(SubmissionLowKeys.ENDPOINT.asString(), endpoint(start.operation()));
      if (start.jobId() != null) {
        o.highCardinalityKeyValue(HighKeys.JOB_ID.asString(), String.valueOf(start.jobId()));
      }
      parent = o.start();
      inFlight.incrementAndGet();
      counted = true;
    }

    @Override
    public void submissionEnd(SubmissionEnd end) {
      stopDanglingAttempt();
      if (counted) {
        inFlight.decrementAndGet();
        counted = false;
      }
      Observation o = parent;
      if (o == null) {
        return;
      }
      o.lowCardinalityKeyValue(SubmissionLowKeys.OUTCOME.asString(),
              end.outcome() == SubmissionOutcome.FAILED ? "FAILURE" : "SUCCESS")
          .lowCardinalityKeyValue(SubmissionLowKeys.QUEUE_OUTCOME.asString(),
              end.outcome() == SubmissionOutcome.FAILED ? "NONE" : end.outcome().name())
          .lowCardinalityKeyValue(SubmissionLowKeys.EXCEPTION.asString(), end.exceptionType())
          .highCardinalityKeyValue(HighKeys.ATTEMPTS.asString(), String.valueOf(end.attempts()));
      if (end.runId() != null) {
        o.highCardinalityKeyValue(HighKeys.RUN_ID.asString(), String.valueOf(end.runId()));
      }
      Throwable failure = end.failure();
      if (failure != null) {
        o.error(failure);
      }
      o.stop();
      parent = null;
    }

    @Override
    public void attemptStart(HttpAttemptStart start) {
      Observation o = Observation.createNotStarted(DbexecObservationDocumentation.HTTP_ATTEMPT.getName(), observations)
          .contextualName("dbexec " + start.method() + " " + start.endpoint())
          .lowCardinalityKeyValue(AttemptLowKeys.METHOD.asString(), start.method())
          .lowCardinalityKeyValue(AttemptLowKeys.ENDPOINT.asString(), start.endpoint())
          .highCardinalityKeyValue(HighKeys.ATTEMPT.asString(), String.valueOf(start.attempt()));
      Observation p = parent;
      if (p != null) {
        o.parentObservation(p);
      }
      if (call.jobId() != null) {
        o.highCardinalityKeyValue(HighKeys.JOB_ID.asString(), String.valueOf(call.jobId()));
      }
      if (call.runId() != null) {
        o.highCardinalityKeyValue(HighKeys.RUN_ID.asString(), String.valueOf(call.runId()));
      }
      attempt = o.start();
    }

    @Override
    public void attemptEnd(HttpAttemptEnd end) {
      Observation o = attempt;
      if (o == null) {
        return;
      }
      Integer status = end.statusCode();
      o.lowCardinalityKeyValue(AttemptLowKeys.STATUS.asString(), status == null ? "NONE" : String.valueOf(status))
          .lowCardinalityKeyValue(AttemptLowKeys.OUTCOME.asString(), statusClass(status))
          .lowCardinalityKeyValue(AttemptLowKeys.CAUSE.asString(),
              end.failureCause() == null ? NO_VALUE : String.valueOf(end.failureCause()))
          .lowCardinalityKeyValue(AttemptLowKeys.EXCEPTION.asString(),
              end.failure() == null ? NO_VALUE : end.failure().getClass().getSimpleName());
      if (end.failure() != null) {
        o.error(end.failure());
      }
      o.stop();
      attempt = null;
    }

    @Override
    public void retryScheduled(RetryScheduled retry) {
      Counter.builder("dbexec.retries")
          .description("HTTP requests to the Jobs API repeated after a transient failure")
          .tag("endpoint", retry.endpoint())
          .tag("cause", retry.cause().name())
          .register(meters)
          .increment();
    }

    @Override
    public void queueReported(QueueReported report) {
      Observation o = parent;
      if (o != null) {
        o.event(Observation.Event.of("queue.reported", "dbexec queue " + report.outcome()));
      }
    }

    @Override
    public void waitStart(WaitStart start) {
      Observation o = Observation.createNotStarted(DbexecObservationDocumentation.WAIT.getName(), observations)
          .contextualName("dbexec wait")
          .highCardinalityKeyValue(HighKeys.RUN_ID.asString(), String.valueOf(start.runId()));
      if (start.jobId() != null) {
        o.highCardinalityKeyValue(HighKeys.JOB_ID.asString(), String.valueOf(start.jobId()));
      }
      parent = o.start();
    }

    @Override
    public void waitPoll(WaitPoll poll) {
      Observation o = parent;
      if (o != null) {
        o.event(Observation.Event.of("poll", "dbexec poll"));
      }
    }

    @Override
    public void waitEnd(WaitEnd end) {
      stopDanglingAttempt();
      Observation o = parent;
      if (o == null) {
        return;
      }
      o.lowCardinalityKeyValue(WaitLowKeys.OUTCOME.asString(), end.outcome().name())
          .lowCardinalityKeyValue(WaitLowKeys.RESULT_STATE.asString(),
              end.resultState() == null ? "NONE" : end.resultState().name())
          .lowCardinalityKeyValue(WaitLowKeys.EXCEPTION.asString(), end.exceptionType())
          .highCardinalityKeyValue(HighKeys.POLLS.asString(), String.valueOf(end.polls()));
      Throwable failure = end.failure();
      if (failure != null) {
        o.error(failure);
      }
      o.stop();
      parent = null;
    }

    /**
     * Stops an attempt whose end will not be told: a cancelled asynchronous wait ends while its poll is in flight.
     */
    private void stopDanglingAttempt() {
      Observation o = attempt;
      if (o != null) {
        o.lowCardinalityKeyValue(AttemptLowKeys.STATUS.asString(), "NONE")
            .lowCardinalityKeyValue(AttemptLowKeys.OUTCOME.asString(), statusClass(null))
            .lowCardinalityKeyValue(AttemptLowKeys.CAUSE.asString(), "OTHER")
            .lowCardinalityKeyValue(AttemptLowKeys.EXCEPTION.asString(), "CancellationException")
            .stop();
        attempt = null;
      }
    }

    @Override
    public void eventDeliveryFailed(EventDeliveryFailed failure) {
      Counter.builder("dbexec.event.delivery.failures")
          .description("Executor events an event sink threw on (the submission or wait went on)")
          .tag("event.type", failure.eventType())
          .tag("exception", failure.failure().getClass().getSimpleName())
          .register(meters)
          .increment();
    }
  }

  private static String endpoint(ExecutorCall.Operation operation) {
    return operation == ExecutorCall.Operation.RUN_NOW ? "jobs/run-now" : "jobs/runs/submit";
  }

  /** The status class as Spring's HTTP observations name it. */
  static String statusClass(@Nullable Integer status) {
    if (status == null) {
      return "UNKNOWN";
    }
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    }
    if (status >= 200 && status < 300) {
      return "SUCCESS";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    }
    if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }
}
