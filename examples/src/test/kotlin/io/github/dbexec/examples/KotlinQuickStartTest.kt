package io.github.dbexec.examples

import io.github.dbexec.QueueOutcome
import io.github.dbexec.ResourceNotFoundException
import io.github.dbexec.RunLifeCycleState
import io.github.dbexec.RunOutcome
import io.github.dbexec.events.AppSubmittedEvent
import io.github.dbexec.events.RunQueuedEvent
import io.github.dbexec.events.RunTerminatedEvent
import io.github.dbexec.events.SubmissionFailedEvent
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

class KotlinQuickStartTest {
  @Test
  fun play_onFakeServer_startsQueuesDeduplicatesWaitsAndRecordsEvents() {
    val printed = ByteArrayOutputStream()

    val (result, runNows, authorizations) = KotlinQuickStart.newServer().use { server ->
      val result = KotlinQuickStart.play(server, PrintStream(printed, true, Charsets.UTF_8))
      val runNows = server.journal().find("POST", "/jobs/run-now")
        .filter { (it.jsonBody()["job_id"] as Number).toLong() == result.jobId }
      Triple(result, runNows, runNows.map { it.header("Authorization") })
    }

    val submitted = result.submitted
    assertThat(submitted.map { it.outcome }).containsExactly(
      QueueOutcome.STARTED, QueueOutcome.STARTED, QueueOutcome.QUEUED, QueueOutcome.QUEUED, QueueOutcome.QUEUED,
      QueueOutcome.STARTED,
    )
    assertThat(submitted.take(5).map { it.runId }).doesNotHaveDuplicates()
    assertThat(submitted.take(3).map { it.queueCode }).containsExactly(null, null, "MAX_CONCURRENT_RUNS_REACHED")
    val redelivered = submitted.last()
    assertThat(redelivered.runId).isEqualTo(submitted.first().runId)
    assertThat(redelivered.deduplicated).isTrue()

    assertThat(result.waited.runId()).isEqualTo(submitted[2].runId)
    assertThat(result.waited.outcome()).isEqualTo(RunOutcome.SUCCESS)
    assertThat(result.progress).startsWith(RunLifeCycleState.QUEUED).contains(RunLifeCycleState.RUNNING)
      .endsWith(RunLifeCycleState.TERMINATED)
    assertThat(result.waitedAsync.map { it.runId() }).containsExactly(submitted[3].runId, submitted[4].runId)
    assertThat(result.waitedAsync).allSatisfy { assertThat(it.isSuccess).isTrue() }

    val submittedEvents = result.events.filterIsInstance<AppSubmittedEvent>()
    assertThat(submittedEvents.map { it.runId() }).containsExactlyInAnyOrderElementsOf(submitted.take(5).map { it.runId })
    assertThat(submittedEvents.map { it.idempotencyKey() })
      .containsExactlyInAnyOrderElementsOf(submitted.take(5).map { "file-closed:${it.file}" })
    val queuedRunIds = submitted.filter { it.outcome == QueueOutcome.QUEUED }.map { it.runId }
    assertThat(result.events.filterIsInstance<RunQueuedEvent>().map { it.runId() })
      .containsExactlyInAnyOrderElementsOf(queuedRunIds)
    assertThat(result.queuedSeenByListener).containsExactlyInAnyOrderElementsOf(queuedRunIds)
    assertThat(result.events.filterIsInstance<RunTerminatedEvent>().map { it.runId() })
      .containsExactlyInAnyOrderElementsOf(queuedRunIds)
    assertThat(result.terminatedSeenByListener).containsExactlyInAnyOrderElementsOf(queuedRunIds)

    assertThat(result.missingJobFailure).isInstanceOf(ResourceNotFoundException::class.java)
    val failed = result.events.filterIsInstance<SubmissionFailedEvent>().single()
    assertThat(failed.jobId()).isEqualTo(result.jobId + 1000)
    assertThat(failed.idempotencyKey()).isEqualTo("nightly-report:2026-11-21")

    // the server saw six run-now calls (the re-delivery included), each with the key's token and our credentials
    assertThat(runNows).hasSize(6)
    val tokens = runNows.map { it.jsonBody()["idempotency_token"] }
    assertThat(tokens.distinct()).hasSize(5)
    assertThat(tokens.count { it == tokens.first() }).isEqualTo(2)
    assertThat(authorizations).containsOnly("Bearer ${KotlinQuickStart.TOKEN}")
    assertThat(printed.toString(Charsets.UTF_8)).contains("re-delivered: same run").contains("MAX_CONCURRENT_RUNS_REACHED")
      .contains("job ${result.jobId + 1000} does not exist")
      .contains("waited asynchronously for run ${submitted[4].runId}: SUCCESS")
  }

  @Test
  fun describe_appSubmittedEvent_namesTheRunAndOutcome() {
    val event = AppSubmittedEvent.builder().runId(42L).idempotencyToken("t").queueOutcome(AppSubmittedEvent.QueueOutcome.QUEUED).submittedAt(1L)
      .build()

    val line = KotlinQuickStart.describe(event)

    assertThat(line).isEqualTo("run 42 submitted (QUEUED)")
  }
}
