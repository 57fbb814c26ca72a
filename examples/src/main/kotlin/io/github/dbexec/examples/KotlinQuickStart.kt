package io.github.dbexec.examples

import io.github.dbexec.DatabricksExecutor
import io.github.dbexec.JobTrigger
import io.github.dbexec.QueueOutcome
import io.github.dbexec.ResourceNotFoundException
import io.github.dbexec.RunLifeCycleState
import io.github.dbexec.RunNowRequest
import io.github.dbexec.RunResult
import io.github.dbexec.Submission
import io.github.dbexec.WaitOptions
import io.github.dbexec.events.AppSubmittedEvent
import io.github.dbexec.events.EventListener
import io.github.dbexec.events.ExecutorEvent
import io.github.dbexec.events.InMemoryEventSink
import io.github.dbexec.events.QueueReportedEvent
import io.github.dbexec.events.RunQueuedEvent
import io.github.dbexec.events.RunSkippedEvent
import io.github.dbexec.events.RunStateChangedEvent
import io.github.dbexec.events.RunTerminatedEvent
import io.github.dbexec.events.SubmissionFailedEvent
import io.github.dbexec.testkit.FakeClock
import io.github.dbexec.testkit.FakeJobsServer
import io.github.dbexec.testkit.JobSpec
import java.io.PrintStream
import java.time.Instant
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.toJavaDuration

/** The host application's event: a file landed and was closed; one run of the ingest job per file. */
data class FileClosed(val path: String)

/**
 * One submission as a Kotlin caller keeps it. dbexec's absent values are `@Nullable` (JSpecify), so Kotlin sees them
 * as nullable types directly: `queueReport().code()` is a `String?`, with no conversion.
 *
 * @property queueCode `status.queue_details.code` for a queued run, null when Databricks gave none
 */
data class SubmittedRun(
  val file: String,
  val runId: Long,
  val outcome: QueueOutcome,
  val queueCode: String?,
  val deduplicated: Boolean,
)

/** What [KotlinQuickStart.play] did, for its test and for printing. */
data class KotlinQuickStartResult(
  val jobId: Long,
  val submitted: List<SubmittedRun>,
  val waited: RunResult,
  val progress: List<RunLifeCycleState>,
  val waitedAsync: List<RunResult>,
  val events: List<ExecutorEvent>,
  val queuedSeenByListener: List<Long>,
  val terminatedSeenByListener: List<Long>,
  val missingJobFailure: Throwable?,
)

/**
 * The Java QuickStart's scenario written as a Kotlin developer would: a [JobTrigger] fed with a data class, runs
 * started synchronously and through `CompletableFuture`s (JDK futures only, no coroutines library), one run waited
 * for with a progress listener, the others waited for without blocking, and the executor's events read back from an
 * [InMemoryEventSink] and an [EventListener]; and a run-now of a job that does not exist, failing its future.
 *
 * The fake server's job `ingest-file` allows 2 concurrent runs and queues the rest; each run lasts an hour on the
 * fake clock, which moves five minutes on every `runs/get` and by every pause the executor takes while waiting, so the
 * whole program takes well under a second of real time.
 */
object KotlinQuickStart {
  /** Token the fake server expects; any `dapi-` string would do. */
  const val TOKEN = "dapi-kotlin-quick-start"

  /** A fake Jobs server whose clock moves five minutes on every `runs/get`, with hour-long runs. */
  @JvmStatic
  fun newServer(): FakeJobsServer =
    FakeJobsServer.builder()
      .token(TOKEN)
      .clock(FakeClock.advanceOnPoll(Instant.parse("2026-11-21T09:00:00Z"), 5.minutes.toJavaDuration()))
      .runDuration(1.hours.toJavaDuration())
      .start()

  @JvmStatic
  fun main(args: Array<String>) {
    newServer().use { server -> play(server, System.out) }
  }

  /** Plays the scenario against [server], printing a table to [out]. */
  fun play(server: FakeJobsServer, out: PrintStream): KotlinQuickStartResult {
    val jobId = server.createJob(
      JobSpec.builder().name("ingest-file").maxConcurrentRuns(2).queueEnabled(true)
        .notebookTask("/Repos/etl/ingest_file").build()
    )
    val sink = InMemoryEventSink.create()
    val queued = CopyOnWriteArrayList<Long>()
    val terminated = CopyOnWriteArrayList<Long>()
    // Override only the callbacks you need; callbacks may run on several threads at once.
    val listener = object : EventListener {
      override fun onRunQueued(event: RunQueuedEvent) {
        queued += event.runId()
      }

      override fun onRunTerminated(event: RunTerminatedEvent) {
        terminated += event.runId()
      }
    }

    DatabricksExecutor.builder()
      .host(server.url())
      .token(TOKEN)
      .addEventSink(sink)
      .addEventSink(listener)
      // waiting moves the fake clock instead of sleeping: a Sleeper is a Java SAM, a method reference fits it
      .sleeper(server.clock()::advance)
      .build()
      .use { executor ->
        val onFileClosed: JobTrigger<FileClosed> = executor.trigger(jobId) { event: FileClosed, run ->
          run.notebookParams(mapOf("file" to event.path)).idempotencyKey("file-closed:${event.path}")
        }
        val files = (1..5).map { FileClosed("/data/in/part-%04d.parquet".format(it)) }

        // three runs one after the other: two start, the third waits in the job's queue
        val sync = files.take(3).map { onFileClosed.fire(it) }
        // two more without blocking, plus the broker re-delivering the first file: same run, nothing new starts
        val async = (files.drop(3) + files.first()).map { onFileClosed.fireAsync(it) }
        CompletableFuture.allOf(*async.toTypedArray()).get(30, TimeUnit.SECONDS)
        val submissions = sync + async.map { it.join() }
        val submitted = (files + files.first()).zip(submissions) { file, s -> s.toSubmittedRun(file.path) }

        // wait for the queued run on this thread, told of each state it goes through
        val progress = CopyOnWriteArrayList<RunLifeCycleState>()
        val waited = submissions[2].awaitTermination(
          WaitOptions.builder()
            .timeout(3.hours.toJavaDuration())
            .initialPollInterval(5.minutes.toJavaDuration())
            .maxPollInterval(15.minutes.toJavaDuration())
            .onProgress { run -> progress += run.lifeCycleState() }
            .build()
        )

        // wait for the two asynchronous ones without parking a thread each; the polls are what moves the clock
        val quickPolls = WaitOptions.builder()
          .timeout(1.minutes.toJavaDuration()) // on the executor's clock: real time here
          .initialPollInterval(1.milliseconds.toJavaDuration())
          .maxPollInterval(2.milliseconds.toJavaDuration())
          .build()
        val asyncWaits = submissions.subList(3, 5).map { it.awaitTerminationAsync(quickPolls) }
        val waitedAsync = CompletableFuture.allOf(*asyncWaits.toTypedArray())
          .thenApply { asyncWaits.map { it.join() } }
          .get(30, TimeUnit.SECONDS)

        // a run-now of a job that does not exist, sent as a built request: the future fails with the executor's own
        // exception (not wrapped in a CompletionException)
        val missingJob = RunNowRequest.builder(jobId + 1000).idempotencyKey("nightly-report:2026-11-21").build()
        val missingJobFailure = executor.runNowAsync(missingJob).handle { _, error -> error }.get(30, TimeUnit.SECONDS)

        val result = KotlinQuickStartResult(
          jobId = jobId,
          submitted = submitted,
          waited = waited,
          progress = progress.toList(),
          waitedAsync = waitedAsync,
          events = sink.events(),
          queuedSeenByListener = queued.toList(),
          terminatedSeenByListener = terminated.toList(),
          missingJobFailure = missingJobFailure,
        )
        printReport(out, result)
        return result
      }
  }

  private fun Submission.toSubmittedRun(file: String) = SubmittedRun(
    file = file,
    runId = runId(),
    outcome = queueReport().outcome(),
    queueCode = queueReport().code(),
    deduplicated = deduplicated(),
  )

  /** One line per event; `ExecutorEvent` is a sealed Java interface, so this `when` needs no `else`. */
  fun describe(event: ExecutorEvent): String = when (event) {
    is AppSubmittedEvent -> "run ${event.runId()} submitted (${event.queueOutcome()})"
    is QueueReportedEvent -> "run ${event.runId()} ${event.queueOutcome()}"
    is RunQueuedEvent -> "run ${event.runId()} queued: ${event.queueCode() ?: "no code"}"
    is RunSkippedEvent -> "run ${event.runId()} skipped"
    is RunStateChangedEvent -> "run ${event.runId()} is ${event.lifeCycleState()}"
    is RunTerminatedEvent -> "run ${event.runId()} ended ${event.resultState() ?: event.lifeCycleState()}"
    is SubmissionFailedEvent -> "submission failed: ${event.message()}"
  }

  private fun printReport(out: PrintStream, result: KotlinQuickStartResult) {
    val width = result.submitted.maxOf { it.file.length }
    out.println("From Kotlin: job ${result.jobId} 'ingest-file' (max_concurrent_runs=2, queue on) on the fake server")
    out.println("%-${width}s  %-12s  %-8s  %s".format("file", "run id", "outcome", "note"))
    for (s in result.submitted) {
      val note = if (s.deduplicated) "re-delivered: same run" else s.queueCode.orEmpty()
      out.println("%-${width}s  %-12d  %-8s  %s".format(s.file, s.runId, s.outcome, note))
    }
    out.println("waited for run ${result.waited.runId()}: ${result.waited.outcome()} after ${result.progress}")
    result.waitedAsync.forEach { out.println("waited asynchronously for run ${it.runId()}: ${it.outcome()}") }
    when (val failure = result.missingJobFailure) {
      is ResourceNotFoundException -> out.println("job ${result.jobId + 1000} does not exist: ${failure.serverMessage()}")
      null -> out.println("job ${result.jobId + 1000} unexpectedly exists")
      else -> out.println("job ${result.jobId + 1000}: $failure")
    }
    result.events.forEach { out.println("event: " + describe(it)) }
  }
}
