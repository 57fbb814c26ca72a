package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.auth.CredentialsException;
import io.github.dbexec.internal.ListenerGuard;
import io.github.dbexec.logcapture.CapturedLogs;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The listener API on its own: defaults, adapters, the guard, and the value types' checks. How the executor calls it
 * is tested where the executor is wired to it.
 */
class ExecutorListenerTest {
  private static final ExecutorCall RUN_NOW = ExecutorCall.ofJob(ExecutorCall.Operation.RUN_NOW, 7L);

  private static DatabricksApiException apiError(int status) {
    return new DatabricksApiException("POST jobs/run-now", status, null, "no", null, null);
  }

  private static DatabricksTransportException transport(boolean retryable, Throwable cause) {
    return DatabricksTransportException.noResponse("POST jobs/run-now failed", retryable, cause);
  }

  @Test
  void none_everyCallback_doesNothingAndThrowsNothing() {
    ExecutorListener none = ExecutorListener.NONE;

    none.submissionStart(new SubmissionStart(ExecutorCall.Operation.RUN_NOW, 7L, "tok", null, false));
    none.attemptEnd(new HttpAttemptEnd("POST", "jobs/run-now", 1, 200, Duration.ZERO, null));
    none.waitEnd(new WaitEnd(5L, WaitOutcome.TERMINATED, RunResultState.SUCCESS, 1, Duration.ZERO, null));

    assertThat(ExecutorListener.Factory.NONE.create(RUN_NOW)).isSameAs(ExecutorListener.NONE);
  }

  @Test
  void ofRetries_retryScheduled_tellsTheRetryListenerTheSameRetryAttempt() {
    List<RetryAttempt> told = new ArrayList<>();
    ExecutorListener listener = ExecutorListener.ofRetries(told::add);
    DatabricksApiException failure = apiError(503);

    listener.retryScheduled(new RetryScheduled("POST", "jobs/run-now", 2, Duration.ofSeconds(3), failure));
    listener.attemptEnd(new HttpAttemptEnd("POST", "jobs/run-now", 3, 200, Duration.ZERO, null));

    assertThat(told).containsExactly(new RetryAttempt("POST jobs/run-now", 2, Duration.ofSeconds(3), failure));
  }

  @Test
  void factory_sharedListener_isGivenToEveryCall() {
    ExecutorListener shared = new ExecutorListener() {};

    ExecutorListener.Factory factory = ExecutorListener.factory(shared);

    assertThat(factory.create(RUN_NOW)).isSameAs(shared);
    assertThat(factory.create(ExecutorCall.ofRun(ExecutorCall.Operation.GET_RUN, 9L, null))).isSameAs(shared);
  }

  @Test
  void guard_listenerThrows_isLoggedAndNotPropagated() {
    CapturedLogs.clear();
    List<String> after = new ArrayList<>();
    ExecutorListener throwing = new ExecutorListener() {
      @Override
      public void submissionStart(SubmissionStart start) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void submissionEnd(SubmissionEnd end) {
        after.add(end.outcome().name());
      }
    };

    ExecutorListener guarded = ListenerGuard.create(call -> throwing, RUN_NOW);
    guarded.submissionStart(new SubmissionStart(ExecutorCall.Operation.RUN_NOW, 7L, "tok", "k", false));
    guarded.submissionEnd(SubmissionEnd.started(ExecutorCall.Operation.RUN_NOW, 7L, 42L, QueueOutcome.QUEUED, 1,
        false, Duration.ofMillis(5)));

    assertThat(after).containsExactly("QUEUED");
    assertThat(CapturedLogs.all()).contains("WARN io.github.dbexec.listener").contains("submissionStart")
        .contains("listener bug");
  }

  @Test
  void guard_factoryThrowsOrGivesNone_givesNone() {
    assertThat(ListenerGuard.create(ExecutorListener.Factory.NONE, RUN_NOW)).isSameAs(ExecutorListener.NONE);
    assertThat(ListenerGuard.create(call -> ExecutorListener.NONE, RUN_NOW)).isSameAs(ExecutorListener.NONE);
    assertThat(ListenerGuard.create(call -> {
      throw new IllegalStateException("factory bug");
    }, RUN_NOW)).isSameAs(ExecutorListener.NONE);
  }

  @Test
  void failureCause_eachKindOfFailure_isCategorised() {
    assertThat(FailureCause.of(apiError(429))).isEqualTo(FailureCause.RATE_LIMITED);
    assertThat(FailureCause.of(apiError(503))).isEqualTo(FailureCause.SERVER_ERROR);
    assertThat(FailureCause.of(apiError(403))).isEqualTo(FailureCause.CLIENT_ERROR);
    assertThat(FailureCause.of(transport(true, new SocketTimeoutException("read")))).isEqualTo(FailureCause.TIMEOUT);
    assertThat(FailureCause.of(transport(false, new SocketTimeoutException("interrupted"))))
        .isEqualTo(FailureCause.OTHER);
    assertThat(FailureCause.of(transport(true, new IOException("reset")))).isEqualTo(FailureCause.CONNECTION);
    assertThat(FailureCause.of(transport(true, new CredentialsException("token endpoint 503", true))))
        .isEqualTo(FailureCause.CREDENTIALS);
    assertThat(FailureCause.of(DatabricksTransportException.unusableResponse("unreadable", 200, true, null)))
        .isEqualTo(FailureCause.INVALID_RESPONSE);
    assertThat(FailureCause.of(new IllegalStateException())).isEqualTo(FailureCause.OTHER);
  }

  @Test
  void submissionEnd_factories_keepTheOutcomeAndExceptionTypeConsistent() {
    SubmissionEnd ok = SubmissionEnd.started(ExecutorCall.Operation.SUBMIT_RUN, null, 42L, QueueOutcome.UNKNOWN, 1,
        true, Duration.ofMillis(3));
    SubmissionEnd failed = SubmissionEnd.failed(ExecutorCall.Operation.RUN_NOW, 7L, 3, Duration.ofMillis(3),
        apiError(500));

    assertThat(ok.outcome()).isEqualTo(SubmissionOutcome.UNKNOWN);
    assertThat(ok.exceptionType()).isEqualTo("none");
    assertThat(failed.outcome()).isEqualTo(SubmissionOutcome.FAILED);
    assertThat(failed.runId()).isNull();
    assertThat(failed.exceptionType()).isEqualTo("DatabricksApiException");
  }

  @Test
  void valueTypes_inconsistentComponents_failNamingTheComponent() {
    assertThatThrownBy(() -> new SubmissionEnd(ExecutorCall.Operation.RUN_NOW, SubmissionOutcome.STARTED, 7L, null, 1,
        false, Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId");
    assertThatThrownBy(() -> new SubmissionStart(ExecutorCall.Operation.GET_RUN, 7L, "tok", null, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operation").hasMessageContaining("GET_RUN");
    assertThatThrownBy(() -> new HttpAttemptStart("GET", "jobs/runs/get", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt must be >= 1, was 0");
    assertThatThrownBy(() -> new WaitPoll(5L, 1, null, false, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifeCycleState");
    assertThatThrownBy(() -> new WaitEnd(5L, WaitOutcome.TIMED_OUT, null, 3, Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failure");
    assertThatThrownBy(() -> new RetryScheduled("POST", null, 1, Duration.ZERO, apiError(503)))
        .isInstanceOf(NullPointerException.class).hasMessage("endpoint");
  }

  @Test
  void httpAttemptEnd_failedAttempt_reportsItsCause() {
    HttpAttemptEnd end = new HttpAttemptEnd("POST", "jobs/run-now", 1, 429, Duration.ofMillis(2), apiError(429));

    assertThat(end.isSuccess()).isFalse();
    assertThat(end.failureCause()).isEqualTo(FailureCause.RATE_LIMITED);
  }
}
