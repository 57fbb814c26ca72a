package io.github.dbexec.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.DatabricksApiException;
import io.github.dbexec.DatabricksException;
import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.EventDeliveryFailed;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.HttpAttemptEnd;
import io.github.dbexec.HttpAttemptStart;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.QueueReport;
import io.github.dbexec.QueueReported;
import io.github.dbexec.RetryScheduled;
import io.github.dbexec.RunLifeCycleState;
import io.github.dbexec.RunResultState;
import io.github.dbexec.Submission;
import io.github.dbexec.SubmissionEnd;
import io.github.dbexec.SubmissionStart;
import io.github.dbexec.WaitEnd;
import io.github.dbexec.WaitOutcome;
import io.github.dbexec.WaitPoll;
import io.github.dbexec.WaitStart;
import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Micrometer binding, driven through {@link ExecutorListener} callbacks in the order the executor makes them
 * ({@link Calls} plays a submission, a retry, a failure and a wait as the executor would). An end-to-end case through a
 * wired executor on the fake server only needs {@code DatabricksExecutor.builder().listenerFactory(factory)} instead
 * of {@link Calls}: the assertions stay the same.
 */
class ObservationExecutorListenerFactoryTest {
  private static final long JOB = 11223344L;
  private static final long RUN = 987654321L;

  private final TestObservationRegistry observations = TestObservationRegistry.create();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationExecutorListenerFactory factory = ObservationExecutorListenerFactory.of(observations, meters);
  private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

  @BeforeEach
  void recordContexts() {
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStart(Observation.Context context) {
        started.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
  }

  /** Plays calls through a factory in the executor's order (see ExecutorListener's Javadoc). */
  private static final class Calls {
    private final ExecutorListener.Factory factory;

    Calls(ExecutorListener.Factory factory) {
      this.factory = factory;
    }

    ExecutorListener beginRunNow() {
      ExecutorListener l = factory.create(ExecutorCall.ofJob(ExecutorCall.Operation.RUN_NOW, JOB));
      l.submissionStart(new SubmissionStart(ExecutorCall.Operation.RUN_NOW, JOB, "tok-1", "file:/a", false));
      return l;
    }

    static void attempt(ExecutorListener l, String method, String endpoint, int n, int status,
        DatabricksException failure) {
      l.attemptStart(new HttpAttemptStart(method, endpoint, n));
      l.attemptEnd(new HttpAttemptEnd(method, endpoint, n, status, Duration.ofMillis(20), failure));
    }

    /** run-now answered 503 once, retried, then started a queued run. */
    void runNowQueuedAfterOneRetry() {
      ExecutorListener l = beginRunNow();
      DatabricksApiException unavailable = apiError(503);
      attempt(l, "POST", "jobs/run-now", 1, 503, unavailable);
      l.retryScheduled(new RetryScheduled("POST", "jobs/run-now", 1, Duration.ofSeconds(1), unavailable));
      attempt(l, "POST", "jobs/run-now", 2, 200, null);
      attempt(l, "GET", "jobs/runs/get", 1, 200, null);
      QueueReport queued = QueueReport.builder().outcome(QueueOutcome.QUEUED).lifeCycleState(RunLifeCycleState.QUEUED)
          .code("MAX_CONCURRENT_RUNS_REACHED").build();
      l.queueReported(new QueueReported(RUN, JOB, queued, Duration.ofMillis(20)));
      l.submissionEnd(SubmissionEnd.started(ExecutorCall.Operation.RUN_NOW, JOB, RUN, QueueOutcome.QUEUED, 2, false,
          Duration.ofMillis(1100)));
    }

    /** run-now refused with 403: no retry, the submission throws. */
    void runNowRefused() {
      ExecutorListener l = beginRunNow();
      DatabricksApiException refused = apiError(403);
      attempt(l, "POST", "jobs/run-now", 1, 403, refused);
      l.submissionEnd(SubmissionEnd.failed(ExecutorCall.Operation.RUN_NOW, JOB, 1, Duration.ofMillis(20), refused));
    }

    /** A wait that polls twice and times out. */
    void waitTimingOut() {
      ExecutorListener l = factory.create(ExecutorCall.ofRun(ExecutorCall.Operation.AWAIT_TERMINATION, RUN, JOB));
      l.waitStart(new WaitStart(RUN, JOB, Duration.ofMinutes(1), false));
      attempt(l, "GET", "jobs/runs/get", 1, 200, null);
      l.waitPoll(new WaitPoll(RUN, 1, RunLifeCycleState.RUNNING, true, null));
      attempt(l, "GET", "jobs/runs/get", 1, 200, null);
      l.waitPoll(new WaitPoll(RUN, 2, RunLifeCycleState.RUNNING, false, null));
      l.waitEnd(new WaitEnd(RUN, WaitOutcome.TIMED_OUT, null, 2, Duration.ofMinutes(1),
          new TimeoutException("run " + RUN + " still RUNNING"))); // the executor gives its AwaitTimeoutException
    }
  }

  private static DatabricksApiException apiError(int status) {
    return DatabricksApiException.of("POST jobs/run-now", status, null, "no", null, null);
  }

  @Test
  void submission_queuedAfterRetry_observedWithOutcomeAndIdsApart() {
    new Calls(factory).runNowQueuedAfterOneRetry();

    assertThat(observations).hasNumberOfObservationsWithNameEqualTo("dbexec.submission", 1)
        .hasObservationWithNameEqualTo("dbexec.submission").that()
        .hasBeenStarted().hasBeenStopped()
        .hasLowCardinalityKeyValue("endpoint", "jobs/run-now")
        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasLowCardinalityKeyValue("queue.outcome", "QUEUED")
        .hasLowCardinalityKeyValue("exception", "none")
        .hasHighCardinalityKeyValue("dbexec.job.id", String.valueOf(JOB))
        .hasHighCardinalityKeyValue("dbexec.run.id", String.valueOf(RUN))
        .hasHighCardinalityKeyValue("dbexec.attempts", "2")
        .doesNotHaveError();
  }

  @Test
  void httpAttempts_retriedRunNow_eachObservedAsChildOfTheSubmission() {
    new Calls(factory).runNowQueuedAfterOneRetry();

    assertThat(observations).hasNumberOfObservationsWithNameEqualTo("dbexec.http.attempt", 3);
    List<Observation.Context> attempts = contexts("dbexec.http.attempt");
    Observation.Context submission = contexts("dbexec.submission").get(0);
    assertThat(attempts).allSatisfy(a -> assertThat(a.getParentObservation()).isNotNull()
        .satisfies(p -> assertThat(p.getContextView()).isSameAs(submission)));
    assertThat(attempts.get(0).getLowCardinalityKeyValues()).contains(KeyValue.of("method", "POST"),
        KeyValue.of("endpoint", "jobs/run-now"), KeyValue.of("status", "503"), KeyValue.of("outcome", "SERVER_ERROR"),
        KeyValue.of("cause", "SERVER_ERROR"), KeyValue.of("exception", "DatabricksApiException"));
    assertThat(attempts.get(0).getError()).isInstanceOf(DatabricksApiException.class);
    assertThat(attempts.get(1).getLowCardinalityKeyValues()).contains(KeyValue.of("status", "200"),
        KeyValue.of("outcome", "SUCCESS"), KeyValue.of("cause", "none"), KeyValue.of("exception", "none"));
    assertThat(attempts.get(1).getHighCardinalityKeyValue("dbexec.attempt").getValue()).isEqualTo("2");
    assertThat(attempts.get(2).getLowCardinalityKeyValue("endpoint").getValue()).isEqualTo("jobs/runs/get");
  }

  @Test
  void retries_oneRetryOn503_countedByEndpointAndCause() {
    new Calls(factory).runNowQueuedAfterOneRetry();

    assertThat(meters.get("dbexec.retries").tags("endpoint", "jobs/run-now", "cause", "SERVER_ERROR").counter()
        .count()).isEqualTo(1.0);
  }

  @Test
  void submission_refused_observedAsFailureWithExceptionType() {
    new Calls(factory).runNowRefused();

    assertThat(observations).hasObservationWithNameEqualTo("dbexec.submission").that()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("outcome", "FAILURE")
        .hasLowCardinalityKeyValue("queue.outcome", "NONE")
        .hasLowCardinalityKeyValue("exception", "PermissionDeniedException")
        .doesNotHaveHighCardinalityKeyValueWithKey("dbexec.run.id")
        .hasError();
    assertThat(meters.find("dbexec.retries").counter()).isNull();
  }

  @Test
  void inFlightGauge_duringAndAfterSubmissions_countsThoseBegunAndNotEnded() {
    ExecutorListener first = new Calls(factory).beginRunNow();
    new Calls(factory).beginRunNow();

    assertThat(meters.get("dbexec.submissions.in.flight").gauge().value()).isEqualTo(2.0);

    first.submissionEnd(SubmissionEnd.failed(ExecutorCall.Operation.RUN_NOW, JOB, 1, Duration.ZERO, apiError(403)));

    assertThat(meters.get("dbexec.submissions.in.flight").gauge().value()).isEqualTo(1.0);
    assertThat(factory.submissionsInFlight()).isEqualTo(1);
  }

  @Test
  void wait_timedOut_observedWithOutcomeAndPolls() {
    new Calls(factory).waitTimingOut();

    assertThat(observations).hasObservationWithNameEqualTo("dbexec.wait").that()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("outcome", "TIMED_OUT")
        .hasLowCardinalityKeyValue("result.state", "NONE")
        .hasLowCardinalityKeyValue("exception", "TimeoutException")
        .hasHighCardinalityKeyValue("dbexec.run.id", String.valueOf(RUN))
        .hasHighCardinalityKeyValue("dbexec.polls", "2")
        .hasError();
    assertThat(contexts("dbexec.http.attempt")).hasSize(2).allSatisfy(a ->
        assertThat(a.getParentObservation().getContextView().getName()).isEqualTo("dbexec.wait"));
  }

  @Test
  void wait_terminated_observedWithResultState() {
    ExecutorListener l = factory.create(ExecutorCall.ofRun(ExecutorCall.Operation.AWAIT_TERMINATION, RUN, null));
    l.waitStart(new WaitStart(RUN, null, Duration.ofMinutes(1), true));
    l.waitEnd(new WaitEnd(RUN, WaitOutcome.TERMINATED, RunResultState.SUCCESS, 1, Duration.ofSeconds(3), null));

    assertThat(observations).hasObservationWithNameEqualTo("dbexec.wait").that()
        .hasLowCardinalityKeyValue("outcome", "TERMINATED")
        .hasLowCardinalityKeyValue("result.state", "SUCCESS")
        .hasLowCardinalityKeyValue("exception", "none")
        .doesNotHaveError();
  }

  @Test
  void eventDeliveryFailure_countedByEventType() {
    ExecutorListener l = new Calls(factory).beginRunNow();

    l.eventDeliveryFailed(new EventDeliveryFailed("AppSubmittedEvent", RUN, "com.example.Sink",
        new IllegalStateException("disk full")));

    assertThat(meters.get("dbexec.event.delivery.failures")
        .tags("event.type", "AppSubmittedEvent", "exception", "IllegalStateException").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void lowCardinalityKeys_everyObservation_neverCarryIdsOrKeys() {
    Calls calls = new Calls(factory);
    calls.runNowQueuedAfterOneRetry();
    calls.runNowRefused();
    calls.waitTimingOut();

    assertThat(started).hasSize(9).allSatisfy(context ->
        assertThat(context.getLowCardinalityKeyValues()).allSatisfy(kv ->
            assertThat(kv.getValue()).doesNotContain(String.valueOf(RUN)).doesNotContain(String.valueOf(JOB))
                .doesNotContain("file:/a").doesNotContain("tok-1")));
  }

  @Test
  void timers_withMeterHandler_recordedPerOutcome() {
    MeterRegistry timers = new SimpleMeterRegistry();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(timers));
    Calls calls = new Calls(ObservationExecutorListenerFactory.of(registry, timers));

    calls.runNowQueuedAfterOneRetry();
    calls.runNowRefused();
    calls.waitTimingOut();

    assertThat(timers.get("dbexec.submission").tags("outcome", "SUCCESS", "queue.outcome", "QUEUED").timer().count())
        .isEqualTo(1);
    assertThat(timers.get("dbexec.submission").tags("outcome", "FAILURE", "exception", "PermissionDeniedException")
        .timer().count()).isEqualTo(1);
    assertThat(timers.get("dbexec.http.attempt").tags("endpoint", "jobs/run-now", "status", "503").timer().count())
        .isEqualTo(1);
    assertThat(timers.get("dbexec.wait").tags("outcome", "TIMED_OUT").timer().count()).isEqualTo(1);
    assertThat(timers.get("dbexec.wait.poll").counter().count()).isEqualTo(2.0);
  }

  @Test
  void runNow_throughExecutorOnFakeServerWith503Once_observedAndRetryCounted() {
    try (FakeJobsServer server = FakeJobsServer.start()) {
      long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(5).notebookTask("/nb").build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").once()
          .respondError(503, "TEMPORARILY_UNAVAILABLE", "busy").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test")
          .sleeper(delay -> {}).listenerFactory(factory).build()) {

        Submission submission = executor.job(job).idempotencyKey("k").runNow();
        submission.queueReport(); // a started submission's observation stops when its queue report is known
        long runId = submission.runId();

        assertThat(observations).hasObservationWithNameEqualTo("dbexec.submission").that()
            .hasLowCardinalityKeyValue("outcome", "SUCCESS")
            .hasLowCardinalityKeyValue("queue.outcome", "STARTED")
            .hasHighCardinalityKeyValue("dbexec.run.id", String.valueOf(runId));
        assertThat(contexts("dbexec.http.attempt")).extracting(c -> c.getLowCardinalityKeyValue("status").getValue())
            .startsWith("503", "200");
        assertThat(meters.get("dbexec.retries").tags("cause", "SERVER_ERROR").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("dbexec.submissions.in.flight").gauge().value()).isZero();
        assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(2);
      }
    }
  }

  @Test
  void runNow_throughExecutorOnFakeServerRefused_observedAsFailureWithoutRetry() {
    try (FakeJobsServer server = FakeJobsServer.start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").once()
          .respondError(400, "INVALID_PARAMETER_VALUE", "bad parameter").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test")
          .sleeper(delay -> {}).listenerFactory(factory).build()) {

        assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksApiException.class);

        assertThat(observations).hasObservationWithNameEqualTo("dbexec.submission").that()
            .hasBeenStopped()
            .hasLowCardinalityKeyValue("outcome", "FAILURE")
            .hasLowCardinalityKeyValue("queue.outcome", "NONE")
            .hasLowCardinalityKeyValue("exception", "DatabricksApiException")
            .doesNotHaveHighCardinalityKeyValueWithKey("dbexec.run.id")
            .hasError();
        assertThat(contexts("dbexec.http.attempt")).singleElement()
            .satisfies(a -> assertThat(a.getLowCardinalityKeyValue("status").getValue()).isEqualTo("400"))
            .satisfies(a -> assertThat(a.getLowCardinalityKeyValue("cause").getValue()).isEqualTo("CLIENT_ERROR"));
        assertThat(meters.find("dbexec.retries").counter()).isNull();
        assertThat(meters.get("dbexec.submissions.in.flight").gauge().value()).isZero();
        assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(1);
        assertThat(server.runCount()).isZero();
      }
    }
  }

  @Test
  void awaitTermination_throughExecutorOnFakeServer_waitObservedWithItsPolls() {
    FakeClock clock = FakeClock.manual(java.time.Instant.parse("2026-11-21T10:00:00Z"));
    try (FakeJobsServer server = FakeJobsServer.builder().clock(clock).runDuration(Duration.ofMinutes(1)).start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-test")
          .clock(clock.toJavaClock()).sleeper(clock::advance).listenerFactory(factory).build()) {
        long runId = executor.job(job).runNow().runId();

        executor.awaitTermination(runId, io.github.dbexec.WaitOptions.of(Duration.ofMinutes(5)));

        assertThat(observations).hasObservationWithNameEqualTo("dbexec.wait").that()
            .hasBeenStopped()
            .hasLowCardinalityKeyValue("outcome", "TERMINATED")
            .hasLowCardinalityKeyValue("result.state", "SUCCESS")
            .hasHighCardinalityKeyValue("dbexec.run.id", String.valueOf(runId))
            .doesNotHaveError();
        assertThat(contexts("dbexec.http.attempt")).filteredOn(a -> a.getParentObservation() != null
            && "dbexec.wait".equals(a.getParentObservation().getContextView().getName())).isNotEmpty();
      }
    }
  }

  @Test
  void of_nullRegistry_failsNamingIt() {
    assertThatThrownBy(() -> ObservationExecutorListenerFactory.of(null, meters))
        .isInstanceOf(NullPointerException.class).hasMessage("observations");
    assertThatThrownBy(() -> ObservationExecutorListenerFactory.of(observations, null))
        .isInstanceOf(NullPointerException.class).hasMessage("meters");
  }

  private List<Observation.Context> contexts(String name) {
    return started.stream().filter(c -> name.equals(c.getName())).toList();
  }
}
