package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.EventSink;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a {@link DatabricksExecutor} calls its {@link ExecutorListener}: the callback sequence of each kind of call, on
 * the fake server, in the order {@link ExecutorListener}'s Javadoc promises.
 */
class ExecutorListenerWiringTest {
  private FakeJobsServer server;
  private FakeTime time;
  private long job;
  private final List<ExecutorCall> calls = new CopyOnWriteArrayList<>();
  private final List<String> told = new CopyOnWriteArrayList<>();
  private final List<SubmissionEnd> ends = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstPoll = new CountDownLatch(1);

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(10)).start();
    job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(1).queueEnabled(true).notebookTask("/nb")
        .build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DatabricksExecutor.Builder builder() {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").clock(time).sleeper(time)
        .retryPolicy(RetryPolicy.custom().jitter(0).initialBackoff(Duration.ofSeconds(1)).build())
        .listenerFactory(call -> {
          calls.add(call);
          return new Recorder();
        });
  }

  /** Writes each callback as one line, with the facts a test can check. */
  private final class Recorder implements ExecutorListener {
    @Override
    public void submissionStart(SubmissionStart start) {
      told.add("submissionStart " + start.operation() + " async=" + start.async());
    }

    @Override
    public void submissionEnd(SubmissionEnd end) {
      ends.add(end);
      told.add("submissionEnd " + end.outcome() + " attempts=" + end.attempts());
    }

    @Override
    public void attemptStart(HttpAttemptStart start) {
      told.add("attemptStart " + start.method() + " " + start.endpoint() + " #" + start.attempt());
    }

    @Override
    public void attemptEnd(HttpAttemptEnd end) {
      told.add("attemptEnd " + end.endpoint() + " #" + end.attempt() + " " + end.statusCode()
          + (end.isSuccess() ? "" : " " + end.failureCause()));
    }

    @Override
    public void retryScheduled(RetryScheduled retry) {
      told.add("retryScheduled " + retry.endpoint() + " #" + retry.failedAttempt() + " " + retry.cause() + " "
          + retry.delay());
    }

    @Override
    public void queueReported(QueueReported report) {
      told.add("queueReported " + report.outcome() + " " + report.report().code());
    }

    @Override
    public void waitStart(WaitStart start) {
      told.add("waitStart " + start.runId() + " " + start.timeout());
    }

    @Override
    public void waitPoll(WaitPoll poll) {
      told.add("waitPoll #" + poll.poll() + " " + poll.lifeCycleState());
      firstPoll.countDown();
    }

    @Override
    public void waitEnd(WaitEnd end) {
      told.add("waitEnd " + end.outcome() + " " + end.resultState() + " polls=" + end.polls());
    }

    @Override
    public void eventDeliveryFailed(EventDeliveryFailed failure) {
      told.add("eventDeliveryFailed " + failure.eventType() + " run=" + failure.runId() + " "
          + failure.failure().getMessage());
    }
  }

  @Test
  void runNow_clean_toldStartAttemptsQueueReportAndEndInOrder() {
    long runId;
    try (DatabricksExecutor executor = builder().build()) {
      runId = executor.job(job).idempotencyKey("k").runNow().runId();
    }

    assertThat(calls).containsExactly(ExecutorCall.ofJob(ExecutorCall.Operation.RUN_NOW, job));
    assertThat(told).containsExactly(
        "submissionStart RUN_NOW async=false",
        "attemptStart POST jobs/run-now #1",
        "attemptEnd jobs/run-now #1 200",
        "attemptStart GET jobs/runs/get #1",
        "attemptEnd jobs/runs/get #1 200",
        "attemptStart GET jobs/get #1",
        "attemptEnd jobs/get #1 200",
        "queueReported STARTED null",
        "submissionEnd STARTED attempts=1");
    assertThat(ends).singleElement().satisfies(end -> {
      assertThat(end.runId()).isEqualTo(runId);
      assertThat(end.jobId()).isEqualTo(job);
      assertThat(end.deduplicated()).isFalse();
      assertThat(end.failure()).isNull();
    });
    assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(1);
  }

  @Test
  void runNow_503ThenSuccess_toldFailedAttemptRetryThenSecondAttempt() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once()
        .respondError(503, "TEMPORARILY_UNAVAILABLE", "busy").build());
    List<RetryAttempt> retries = new CopyOnWriteArrayList<>();

    try (DatabricksExecutor executor = builder().retryListener(retries::add)
        .queueReporting(QueueReporting.OFF).build()) {
      executor.job(job).idempotencyKey("k").runNow();
    }

    assertThat(told).containsExactly(
        "submissionStart RUN_NOW async=false",
        "attemptStart POST jobs/run-now #1",
        "attemptEnd jobs/run-now #1 503 SERVER_ERROR",
        "retryScheduled jobs/run-now #1 SERVER_ERROR PT1S",
        "attemptStart POST jobs/run-now #2",
        "attemptEnd jobs/run-now #2 200",
        "queueReported UNKNOWN null",
        "submissionEnd UNKNOWN attempts=2");
    assertThat(retries).singleElement().satisfies(r -> {
      assertThat(r.endpoint()).isEqualTo("POST jobs/run-now");
      assertThat(r.delay()).isEqualTo(Duration.ofSeconds(1));
    });
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(2);
  }

  @Test
  void runNow_refused_toldTheFailedAttemptAndAFailedEnd() {
    server.addFault(FaultRule.on("POST", "/jobs/run-now").once()
        .respondError(400, "INVALID_PARAMETER_VALUE", "bad parameter").build());

    try (DatabricksExecutor executor = builder().build()) {
      assertThatThrownBy(() -> executor.job(job).runNow()).isInstanceOf(DatabricksApiException.class);
    }

    assertThat(told).containsExactly(
        "submissionStart RUN_NOW async=false",
        "attemptStart POST jobs/run-now #1",
        "attemptEnd jobs/run-now #1 400 CLIENT_ERROR",
        "submissionEnd FAILED attempts=1");
    assertThat(ends).singleElement().satisfies(end -> {
      assertThat(end.runId()).isNull();
      assertThat(end.failure()).isInstanceOf(DatabricksApiException.class);
      assertThat(end.exceptionType()).isEqualTo("DatabricksApiException");
    });
    assertThat(server.runCount()).isZero();
  }

  @Test
  void runNow_queuedBehindAnActiveRun_toldTheQueueReportWithItsCode() {
    try (DatabricksExecutor executor = builder().build()) {
      executor.job(job).runNow();
      told.clear();

      executor.job(job).runNow();
    }

    assertThat(told).contains("queueReported QUEUED MAX_CONCURRENT_RUNS_REACHED")
        .endsWith("queueReported QUEUED MAX_CONCURRENT_RUNS_REACHED", "submissionEnd QUEUED attempts=1");
    assertThat(ends).extracting(SubmissionEnd::outcome)
        .containsExactly(SubmissionOutcome.STARTED, SubmissionOutcome.QUEUED);
  }

  @Test
  void awaitTermination_pollsUntilTerminated_toldStartEachPollAndEnd() {
    long runId;
    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).build()) {
      runId = executor.job(job).runNow().runId();
      calls.clear();
      told.clear();

      executor.awaitTermination(runId, WaitOptions.builder().timeout(Duration.ofHours(1))
          .initialPollInterval(Duration.ofMinutes(4)).maxPollInterval(Duration.ofMinutes(4)).build());
    }

    assertThat(calls).containsExactly(ExecutorCall.ofRun(ExecutorCall.Operation.AWAIT_TERMINATION, runId, null));
    assertThat(told.get(0)).isEqualTo("waitStart " + runId + " PT1H");
    List<String> polls = told.subList(1, told.size() - 1);
    assertThat(polls).hasSize(3 * 4);
    for (int i = 0; i < polls.size(); i += 3) {
      assertThat(polls.get(i)).isEqualTo("attemptStart GET jobs/runs/get #1");
      assertThat(polls.get(i + 1)).isEqualTo("attemptEnd jobs/runs/get #1 200");
      assertThat(polls.get(i + 2)).startsWith("waitPoll #" + (i / 3 + 1) + " ");
    }
    assertThat(polls.get(polls.size() - 1)).isEqualTo("waitPoll #4 TERMINATED");
    assertThat(told.get(told.size() - 1)).isEqualTo("waitEnd TERMINATED SUCCESS polls=4");
    assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(4);
  }

  @Test
  void awaitTermination_timesOut_toldTimedOutLast() {
    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).build()) {
      long runId = executor.job(job).runNow().runId();
      told.clear();

      assertThatThrownBy(() -> executor.awaitTermination(runId, WaitOptions.builder().timeout(Duration.ofMinutes(1))
          .initialPollInterval(Duration.ofMinutes(1)).maxPollInterval(Duration.ofMinutes(1)).build()))
          .isInstanceOf(AwaitTimeoutException.class);
    }

    // the second poll comes at the deadline: read, or cut off by the time the wait has left; either way it is told
    assertThat(told).contains("waitPoll #1 RUNNING").endsWith("waitEnd TIMED_OUT null polls=2");
    assertThat(told.get(told.size() - 2)).startsWith("waitPoll #2 ");
  }

  @Test
  void awaitTerminationAsync_cancelledAfterItsFirstPoll_toldCancelledLastAndOnce() throws Exception {
    long runId;
    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).build()) {
      runId = executor.job(job).runNow().runId();
      told.clear();
      CompletableFuture<RunResult> waiting = executor.awaitTerminationAsync(runId, WaitOptions.builder()
          .timeout(Duration.ofHours(1)).initialPollInterval(Duration.ofMinutes(5))
          .maxPollInterval(Duration.ofMinutes(5)).build());
      assertThat(firstPoll.await(10, TimeUnit.SECONDS)).isTrue();

      waiting.cancel(false);
    }

    assertThat(told).containsExactly("waitStart " + runId + " PT1H",
        "attemptStart GET jobs/runs/get #1", "attemptEnd jobs/runs/get #1 200", "waitPoll #1 RUNNING",
        "waitEnd CANCELLED null polls=1");
  }

  @Test
  void runNow_eventSinkThrows_toldTheDeliveryFailureBeforeTheEnd() {
    EventSink failing = new EventSink() {
      @Override
      public void accept(ExecutorEvent event) {
        throw new IllegalStateException("disk full");
      }
    };

    long runId;
    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).addEventSink(failing).build()) {
      runId = executor.job(job).runNow().runId();
    }

    assertThat(told).endsWith("queueReported UNKNOWN null",
        "eventDeliveryFailed AppSubmittedEvent run=" + runId + " disk full",
        "submissionEnd UNKNOWN attempts=1");
    assertThat(server.runCount()).isEqualTo(1);
  }

  @Test
  void runNowAsync_toldStartAsAsyncAndEndOnce() throws Exception {
    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).build()) {
      executor.runNowAsync(RunNowRequest.builder(job).build()).get();
    }

    assertThat(told).first().isEqualTo("submissionStart RUN_NOW async=true");
    assertThat(told).filteredOn(line -> line.startsWith("submissionEnd")).containsExactly(
        "submissionEnd UNKNOWN attempts=1");
  }

  @Test
  void reads_withFactory_eachToldAsItsOwnCall() {
    try (DatabricksExecutor executor = builder().queueReporting(QueueReporting.OFF).build()) {
      long runId = executor.job(job).runNow().runId();
      calls.clear();
      told.clear();

      executor.run(runId);
      executor.cancel(runId);

      assertThat(calls).containsExactly(ExecutorCall.ofRun(ExecutorCall.Operation.GET_RUN, runId, null),
          new ExecutorCall(ExecutorCall.Operation.CANCEL_RUN, null, null));
    }

    assertThat(told).containsExactly(
        "attemptStart GET jobs/runs/get #1", "attemptEnd jobs/runs/get #1 200",
        "attemptStart POST jobs/runs/cancel #1", "attemptEnd jobs/runs/cancel #1 200");
  }

  @Test
  void listener_throwsFromEveryCallback_submissionUnaffected() {
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any")
        .listenerFactory(ExecutorListener.factory(new ExecutorListener() {
          @Override
          public void attemptStart(HttpAttemptStart start) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void submissionEnd(SubmissionEnd end) {
            throw new IllegalStateException("listener bug");
          }
        })).build()) {

      Submission s = executor.job(job).runNow();

      assertThat(s.runId()).isPositive();
    }
    assertThat(server.runCount()).isEqualTo(1);
  }
}
