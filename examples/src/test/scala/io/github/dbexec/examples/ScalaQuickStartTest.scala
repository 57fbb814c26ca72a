package io.github.dbexec.examples

import io.github.dbexec.{QueueOutcome, ResourceNotFoundException, RunLifeCycleState, RunOutcome}
import io.github.dbexec.events.{AppSubmittedEvent, RunQueuedEvent, RunTerminatedEvent, SubmissionFailedEvent}
import java.io.{ByteArrayOutputStream, PrintStream}
import java.nio.charset.StandardCharsets.UTF_8
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import scala.jdk.CollectionConverters._
import scala.util.Using

class ScalaQuickStartTest {
  import ScalaQuickStart._

  @Test
  def play_onFakeServer_startsQueuesDeduplicatesWaitsAndRecordsEvents(): Unit = {
    val printed = new ByteArrayOutputStream()

    val (result, tokens, authorizations) = Using.resource(newServer()) { server =>
      val result = play(server, new PrintStream(printed, true, UTF_8))
      val runNows = server.journal().find("POST", "/jobs/run-now").asScala.toSeq
        .filter(_.jsonBody().get("job_id").asInstanceOf[Number].longValue == result.jobId)
      (result, runNows.map(_.jsonBody().get("idempotency_token")), runNows.map(r => Option(r.header("Authorization"))))
    }

    val submitted = result.submitted
    assertThat(submitted.map(_.outcome).asJava).containsExactly(
      QueueOutcome.STARTED, QueueOutcome.STARTED, QueueOutcome.QUEUED, QueueOutcome.QUEUED, QueueOutcome.QUEUED,
      QueueOutcome.STARTED)
    assertThat(submitted.take(5).map(_.runId).distinct.size).isEqualTo(5)
    assertThat(submitted.take(3).map(_.queueCode).asJava)
      .containsExactly(None, None, Some("MAX_CONCURRENT_RUNS_REACHED"))
    val redelivered = submitted.last
    assertThat(redelivered.runId).isEqualTo(submitted.head.runId)
    assertThat(redelivered.deduplicated).isTrue()

    assertThat(result.waited.runId()).isEqualTo(submitted(2).runId)
    assertThat(result.waited.outcome()).isEqualTo(RunOutcome.SUCCESS)
    assertThat(result.progress.asJava).startsWith(RunLifeCycleState.QUEUED).contains(RunLifeCycleState.RUNNING)
      .endsWith(RunLifeCycleState.TERMINATED)
    assertThat(result.waitedAsync.map(_.runId()).asJava).containsExactly(submitted(3).runId, submitted(4).runId)
    assertThat(result.waitedAsync.forall(_.isSuccess)).isTrue()

    val started = result.events.collect { case e: AppSubmittedEvent => e }
    assertThat(started.map(_.runId()).toSet.asJava).isEqualTo(submitted.take(5).map(_.runId).toSet.asJava)
    assertThat(started.flatMap(e => Option(e.idempotencyKey())).toSet.asJava)
      .isEqualTo(submitted.take(5).map(s => s"file-closed:${s.file}").toSet.asJava)
    val queuedRunIds = submitted.filter(_.outcome == QueueOutcome.QUEUED).map(_.runId).toSet
    assertThat(result.events.collect { case e: RunQueuedEvent => e.runId() }.toSet.asJava).isEqualTo(queuedRunIds.asJava)
    assertThat(result.queuedSeenByListener.asJava).isEqualTo(queuedRunIds.asJava)
    assertThat(result.events.collect { case e: RunTerminatedEvent => e.runId() }.toSet.asJava)
      .isEqualTo(queuedRunIds.asJava)
    assertThat(result.terminatedSeenByListener.asJava).isEqualTo(queuedRunIds.asJava)

    assertThat(result.missingJob.left.toOption.orNull).isInstanceOf(classOf[ResourceNotFoundException])
    val failed = result.events.collect { case e: SubmissionFailedEvent => e }
    assertThat(failed.size).isEqualTo(1)
    assertThat(failed.head.jobId()).isEqualTo(result.jobId + 1000)
    assertThat(failed.head.idempotencyKey()).isEqualTo("nightly-report:2026-11-21")

    // the server saw six run-now calls (the re-delivery included), each with the key's token and our credentials
    assertThat(tokens.size).isEqualTo(6)
    assertThat(tokens.distinct.size).isEqualTo(5)
    assertThat(tokens.count(_ == tokens.head)).isEqualTo(2)
    assertThat(authorizations.distinct.asJava).containsExactly(Some(s"Bearer $Token"))
    // AssertJ's self-typed chains lose their type in Scala after one call: one call with several values instead
    assertThat(printed.toString(UTF_8)).contains("re-delivered: same run", "MAX_CONCURRENT_RUNS_REACHED",
      s"waited asynchronously for run ${submitted(4).runId}: SUCCESS", s"job ${result.jobId + 1000} does not exist")
  }

  @Test
  def describe_appSubmittedEvent_namesTheRunAndOutcome(): Unit = {
    val event = AppSubmittedEvent.builder().runId(42L).idempotencyToken("t").queueOutcome(AppSubmittedEvent.QueueOutcome.QUEUED).submittedAt(1L)
      .build()

    val line = describe(event)

    assertThat(line).isEqualTo("run 42 submitted (QUEUED)")
  }
}
