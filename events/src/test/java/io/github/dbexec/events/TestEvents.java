package io.github.dbexec.events;

import io.github.dbexec.events.AppSubmittedEvent.QueueOutcome;
import io.github.dbexec.events.SubmissionFailedEvent.ErrorKind;
import java.util.List;

/** One fully populated and one minimal instance of every event type. */
final class TestEvents {
  static final long T0 = 1_724_000_000_000L;

  private TestEvents() {}

  static AppSubmittedEvent appSubmitted() {
    return AppSubmittedEvent.builder()
        .runId(455644833L)
        .jobId(11223344L)
        .numberInJob(455644833L)
        .idempotencyToken("dbexec-3f2a9c0e1b7d4e5f")
        .idempotencyKey("file-closed:/data/in/part-0001.parquet")
        .queueOutcome(QueueOutcome.QUEUED)
        .queueCode("MAX_CONCURRENT_RUNS_REACHED")
        .queueReason("Queued due to reaching maximum concurrent runs of 1.")
        .maxConcurrentRuns(1)
        .queueEnabled(true)
        .activeRuns(1)
        .runPageUrl("https://adb-1.7.azuredatabricks.net/?o=1#job/11223344/run/455644833")
        .submittedAt(T0)
        .creationTimestamp(T0 + 1)
        .build();
  }

  static AppSubmittedEvent appSubmittedMinimal() {
    return AppSubmittedEvent.builder()
        .runId(7L)
        .idempotencyToken("tok")
        .queueOutcome(QueueOutcome.STARTED)
        .submittedAt(T0)
        .build();
  }

  static QueueReportedEvent queueReported() {
    return QueueReportedEvent.builder().runId(455644833L).jobId(11223344L).queueOutcome(QueueOutcome.QUEUED)
        .queueCode("MAX_CONCURRENT_RUNS_REACHED").queueReason("Queued due to reaching maximum concurrent runs of 1.")
        .lifeCycleState("QUEUED").maxConcurrentRuns(1).queueEnabled(true).activeRuns(2)
        .runPageUrl("https://adb-1.7.azuredatabricks.net/?o=1#job/11223344/run/455644833")
        .creationTimestamp(T0 + 20).build();
  }

  static RunQueuedEvent runQueued() {
    return RunQueuedEvent.builder().runId(455644833L).jobId(11223344L).queueCode("MAX_CONCURRENT_RUNS_REACHED")
        .queueReason("waiting").creationTimestamp(T0).build();
  }

  static RunSkippedEvent runSkipped() {
    return RunSkippedEvent.builder().runId(455644834L).jobId(11223344L).maxConcurrentRuns(1)
        .resultState("MAXIMUM_CONCURRENT_RUNS_REACHED").terminationCode("MAX_CONCURRENT_RUNS_EXCEEDED")
        .stateMessage("Skipping this run because the limit of 1 maximum concurrent runs has been reached.")
        .creationTimestamp(T0).build();
  }

  static RunStateChangedEvent runStateChanged() {
    return RunStateChangedEvent.builder().runId(455644833L).jobId(11223344L).previousLifeCycleState("QUEUED")
        .lifeCycleState("RUNNING").statusState("RUNNING").stateMessage("In run").creationTimestamp(T0).build();
  }

  static RunTerminatedEvent runTerminated() {
    return RunTerminatedEvent.builder().runId(455644833L).jobId(11223344L).lifeCycleState("TERMINATED")
        .resultState("SUCCESS").terminationCode("SUCCESS").terminationType("SUCCESS").stateMessage("")
        .startTime(T0).endTime(T0 + 300_000).queueDuration(1_000).setupDuration(2_000)
        .executionDuration(290_000).cleanupDuration(7_000).runDuration(300_000).creationTimestamp(T0 + 300_001)
        .build();
  }

  static SubmissionFailedEvent submissionFailed() {
    return SubmissionFailedEvent.builder().jobId(11223344L).idempotencyToken("dbexec-3f2a9c0e1b7d4e5f")
        .idempotencyKey("k-1").errorKind(ErrorKind.API_ERROR).httpStatus(400).errorCode("INVALID_PARAMETER_VALUE")
        .message("Job 11223344 does not exist.").attempts(1).creationTimestamp(T0).build();
  }

  static List<ExecutorEvent> all() {
    return List.of(appSubmitted(), appSubmittedMinimal(), queueReported(),
        QueueReportedEvent.builder().runId(1).deduplicated(true).creationTimestamp(0).build(), runQueued(),
        RunQueuedEvent.builder().runId(1).creationTimestamp(0).build(),
        runSkipped(), RunSkippedEvent.builder().runId(1).creationTimestamp(0).build(),
        runStateChanged(), RunStateChangedEvent.builder().runId(1).lifeCycleState("PENDING").creationTimestamp(0)
            .build(),
        runTerminated(), RunTerminatedEvent.builder().runId(1).lifeCycleState("INTERNAL_ERROR").creationTimestamp(0)
            .build(),
        submissionFailed(), SubmissionFailedEvent.builder().errorKind(ErrorKind.VALIDATION).message("bad").creationTimestamp(0)
            .build());
  }
}
