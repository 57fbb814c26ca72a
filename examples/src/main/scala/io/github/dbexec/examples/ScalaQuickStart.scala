package io.github.dbexec.examples

import io.github.dbexec.{DatabricksExecutor, JobTrigger, QueueOutcome, ResourceNotFoundException, RunLifeCycleState, RunNowRequest, RunResult, Submission, WaitOptions}
import io.github.dbexec.events.{AppSubmittedEvent, EventListener, ExecutorEvent, InMemoryEventSink, QueueReportedEvent, RunQueuedEvent, RunSkippedEvent, RunStateChangedEvent, RunTerminatedEvent, SubmissionFailedEvent}
import io.github.dbexec.testkit.{FakeClock, FakeJobsServer, JobSpec}
import java.io.PrintStream
import java.time.Instant
import java.util.concurrent.ConcurrentLinkedQueue
import scala.concurrent.duration._
import scala.concurrent.{Await, ExecutionContext, Future}
import scala.jdk.CollectionConverters._
import scala.jdk.DurationConverters._
import scala.jdk.FutureConverters._
import scala.util.Using

/**
 * The Java QuickStart's scenario written as a Scala developer would: a [[JobTrigger]] fed with a case class, runs
 * started synchronously and as Scala `Future`s (the executor's `CompletableFuture`s through
 * `scala.jdk.FutureConverters`), one run waited for with a progress listener, the others waited for without
 * blocking, the executor's events read back from an [[InMemoryEventSink]] and an [[EventListener]]; and a run-now of a
 * job that does not exist, failing its future.
 *
 * The fake server's job `ingest-file` allows 2 concurrent runs and queues the rest; each run lasts an hour on the
 * fake clock, which moves five minutes on every `runs/get` and by every pause the executor takes while waiting, so
 * the whole program takes a second or two of real time.
 */
object ScalaQuickStart {

  /** The host application's event: a file landed and was closed; one run of the ingest job per file. */
  final case class FileClosed(path: String)

  /**
   * One submission as a Scala caller keeps it: dbexec's absent values are `@Nullable` (JSpecify) references, so
   * `Option(...)` turns one into an `Option`.
   */
  final case class SubmittedRun(
      file: String,
      runId: Long,
      outcome: QueueOutcome,
      queueCode: Option[String],
      deduplicated: Boolean)

  /** What [[play]] did, for its test and for printing. */
  final case class Result(
      jobId: Long,
      submitted: Seq[SubmittedRun],
      waited: RunResult,
      progress: Seq[RunLifeCycleState],
      waitedAsync: Seq[RunResult],
      events: Seq[ExecutorEvent],
      queuedSeenByListener: Set[Long],
      terminatedSeenByListener: Set[Long],
      missingJob: Either[Throwable, Submission])

  /** Token the fake server expects; any `dapi-` string would do. */
  val Token = "dapi-scala-quick-start"

  /** A fake Jobs server whose clock moves five minutes on every `runs/get`, with hour-long runs. */
  def newServer(): FakeJobsServer =
    FakeJobsServer.builder()
      .token(Token)
      .clock(FakeClock.advanceOnPoll(Instant.parse("2026-11-21T09:00:00Z"), 5.minutes.toJava))
      .runDuration(1.hour.toJava)
      .start()

  def main(args: Array[String]): Unit =
    Using.resource(newServer())(server => play(server, System.out))

  /** Plays the scenario against `server`, printing a table to `out`. */
  def play(server: FakeJobsServer, out: PrintStream): Result = {
    // continuations of the executor's futures are cheap: run them on the thread that completes them
    implicit val ec: ExecutionContext = ExecutionContext.parasitic

    val jobId = server.createJob(
      JobSpec.builder().name("ingest-file").maxConcurrentRuns(2).queueEnabled(true)
        .notebookTask("/Repos/etl/ingest_file").build())
    val sink = InMemoryEventSink.create()
    val queued = new ConcurrentLinkedQueue[Long]()
    val terminated = new ConcurrentLinkedQueue[Long]()
    // Override only the callbacks you need; callbacks may run on several threads at once.
    val listener = new EventListener {
      override def onRunQueued(event: RunQueuedEvent): Unit = queued.add(event.runId())
      override def onRunTerminated(event: RunTerminatedEvent): Unit = terminated.add(event.runId())
    }

    val executorConfig = DatabricksExecutor.builder()
      .host(server.url())
      .token(Token)
      .addEventSink(sink)
      .addEventSink(listener)
      // waiting moves the fake clock instead of sleeping: a Sleeper is a Java SAM, a Scala lambda fits it
      .sleeper(pause => server.clock().advance(pause))

    Using.resource(executorConfig.build()) { executor =>
      val onFileClosed: JobTrigger[FileClosed] = executor.trigger[FileClosed](jobId, (event, run) =>
        run.notebookParams(Map("file" -> event.path).asJava).idempotencyKey(s"file-closed:${event.path}"))
      val files = (1 to 5).map(i => FileClosed(f"/data/in/part-$i%04d.parquet"))

      // three runs one after the other: two start, the third waits in the job's queue
      val sync = files.take(3).map(onFileClosed.fire)
      // two more without blocking, plus the broker re-delivering the first file: same run, nothing new starts
      val async = Future.sequence((files.drop(3) :+ files.head).map(file => onFileClosed.fireAsync(file).asScala))
      val submissions: Seq[Submission] = sync ++ Await.result(async, 30.seconds)
      val submitted = (files :+ files.head).zip(submissions).map { case (file, s) => toSubmittedRun(file.path, s) }

      // wait for the queued run on this thread, told of each state it goes through
      val progress = new ConcurrentLinkedQueue[RunLifeCycleState]()
      val waited = submissions(2).awaitTermination(
        WaitOptions.builder()
          .timeout(3.hours.toJava)
          .initialPollInterval(5.minutes.toJava)
          .maxPollInterval(15.minutes.toJava)
          .onProgress(run => progress.add(run.lifeCycleState()))
          .build())

      // wait for the two asynchronous ones without parking a thread each; the polls are what moves the clock
      val quickPolls = WaitOptions.builder()
        .timeout(1.minute.toJava) // on the executor's clock: real time here
        .initialPollInterval(1.milli.toJava)
        .maxPollInterval(2.millis.toJava)
        .build()
      val asyncWaits = Future.sequence(submissions.slice(3, 5).map(_.awaitTerminationAsync(quickPolls).asScala))
      val waitedAsync = Await.result(asyncWaits, 30.seconds)

      // a run-now of a job that does not exist, sent as a built request: the future fails with the executor's own
      // exception (not wrapped in a CompletionException), so it can be matched on directly
      val missingRequest = RunNowRequest.builder(jobId + 1000).idempotencyKey("nightly-report:2026-11-21").build()
      val missing = executor.runNowAsync(missingRequest).asScala
        .map(Right(_))
        .recover { case e: ResourceNotFoundException => Left(e) }
      val missingJob: Either[Throwable, Submission] = Await.result(missing, 30.seconds)

      val result = Result(
        jobId = jobId,
        submitted = submitted,
        waited = waited,
        progress = progress.asScala.toSeq,
        waitedAsync = waitedAsync,
        events = sink.events().asScala.toSeq,
        queuedSeenByListener = queued.asScala.toSet,
        terminatedSeenByListener = terminated.asScala.toSet,
        missingJob = missingJob)
      printReport(out, result)
      result
    }
  }

  private def toSubmittedRun(file: String, s: Submission): SubmittedRun =
    SubmittedRun(
      file = file,
      runId = s.runId(),
      outcome = s.queueReport().outcome(),
      queueCode = Option(s.queueReport().code()),
      deduplicated = s.deduplicated())

  /** One line per event; `ExecutorEvent` is a sealed Java interface, and Scala checks that this match covers it. */
  def describe(event: ExecutorEvent): String = event match {
    case e: AppSubmittedEvent => s"run ${e.runId()} submitted (${e.queueOutcome()})"
    case e: QueueReportedEvent => s"run ${e.runId()} ${e.queueOutcome()}"
    case e: RunQueuedEvent => s"run ${e.runId()} queued: ${Option(e.queueCode()).getOrElse("no code")}"
    case e: RunSkippedEvent => s"run ${e.runId()} skipped"
    case e: RunStateChangedEvent => s"run ${e.runId()} is ${e.lifeCycleState()}"
    case e: RunTerminatedEvent => s"run ${e.runId()} ended ${Option(e.resultState()).getOrElse(e.lifeCycleState())}"
    case e: SubmissionFailedEvent => s"submission failed: ${e.message()}"
  }

  private def printReport(out: PrintStream, result: Result): Unit = {
    val width = result.submitted.map(_.file.length).max
    out.println(s"From Scala: job ${result.jobId} 'ingest-file' (max_concurrent_runs=2, queue on) on the fake server")
    out.println(s"%-${width}s  %-12s  %-8s  %s".format("file", "run id", "outcome", "note"))
    result.submitted.foreach { s =>
      val note = if (s.deduplicated) "re-delivered: same run" else s.queueCode.getOrElse("")
      out.println(s"%-${width}s  %-12d  %-8s  %s".format(s.file, s.runId, s.outcome, note))
    }
    out.println(s"waited for run ${result.waited.runId()}: ${result.waited.outcome()} after ${result.progress.mkString("[", ", ", "]")}")
    result.waitedAsync.foreach(r => out.println(s"waited asynchronously for run ${r.runId()}: ${r.outcome()}"))
    result.missingJob match {
      case Left(e: ResourceNotFoundException) => out.println(s"job ${result.jobId + 1000} does not exist: ${e.serverMessage()}")
      case Left(e) => out.println(s"job ${result.jobId + 1000}: $e")
      case Right(s) => out.println(s"job ${result.jobId + 1000} unexpectedly started run ${s.runId()}")
    }
    result.events.foreach(e => out.println("event: " + describe(e)))
  }
}
