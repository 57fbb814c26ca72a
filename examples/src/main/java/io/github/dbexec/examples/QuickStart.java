package io.github.dbexec.examples;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.QueueReport;
import io.github.dbexec.Submission;
import io.github.dbexec.events.JsonLinesFileSink;
import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demo README's first command runs: a stream of "file closed" events, one run per event, queueing behind
 * {@code max_concurrent_runs}, a re-delivered event that starts no second run, and every start recorded as an
 * {@code AppSubmittedEvent} in a JSON-lines file.
 *
 * <p>By default it starts the fake Jobs server in-process and creates two jobs there: {@code ingest-file}
 * ({@code max_concurrent_runs} = 2, queueing on) and {@code nightly-report} ({@code max_concurrent_runs} = 1, queueing
 * off). With {@code DATABRICKS_HOST} and {@code DATABRICKS_TOKEN} set and a job id given as the first argument (a
 * notebook job with a {@code file} widget), it plays the same stream against that real workspace instead.
 */
public final class QuickStart {
  private static final int EVENTS = 10;

  /** One row of the demo's table. */
  public record Row(String event, long runId, String outcome, String note) {}

  /** What the demo did: its rows and the file holding the event records. */
  public record Result(List<Row> rows, Path eventsFile) {}

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    run(System.out, System.getenv(), args);
  }

  /** Runs the demo, printing to {@code out}; {@code env} decides between the fake server and a real workspace. */
  public static Result run(PrintStream out, Map<String, String> env, String[] args) throws IOException {
    Path eventsFile = Files.createTempFile("dbexec-demo-app-submitted-", ".jsonl");
    String host = env.get("DATABRICKS_HOST");
    String token = env.get("DATABRICKS_TOKEN");
    if (host != null && token != null && args.length > 0) {
      out.println("Using the workspace at " + host + ", job " + args[0]);
      return play(out, host, token, Long.parseLong(args[0]), null, eventsFile);
    }
    // Real time, so the demo shows a live picture: runs last a minute, far longer than the demo.
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-demo").clock(FakeClock.system())
        .runDuration(Duration.ofMinutes(1)).start()) {
      long ingest = server.createJob(JobSpec.builder().name("ingest-file").maxConcurrentRuns(2).queueEnabled(true)
          .notebookTask("/Repos/etl/ingest_file").build());
      long report = server.createJob(JobSpec.builder().name("nightly-report").maxConcurrentRuns(1)
          .queueEnabled(false).notebookTask("/Repos/etl/nightly_report").build());
      out.println("Fake Databricks Jobs server at " + server.url() + " (start with DATABRICKS_HOST, "
          + "DATABRICKS_TOKEN and a job id argument to use a real workspace)");
      out.println("Job " + ingest + " 'ingest-file': max_concurrent_runs=2, queue on;  job " + report
          + " 'nightly-report': max_concurrent_runs=1, queue off");
      return play(out, server.url(), "dapi-demo", ingest, report, eventsFile);
    }
  }

  private static Result play(PrintStream out, String host, String token, long job, @Nullable Long reportJob,
      Path eventsFile)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(host).token(token)
        .addEventSink(JsonLinesFileSink.open(eventsFile)).build()) {
      List<String> files = new ArrayList<>();
      for (int i = 1; i <= EVENTS; i++) {
        files.add(String.format("/data/in/part-%04d.parquet", i));
      }
      files.add(files.get(2)); // the broker re-delivers the third event
      for (String file : files) {
        Submission s = executor.job(job)
            .notebookParams(Map.of("file", file))
            .idempotencyKey("file-closed:" + file)
            .runNow();
        rows.add(row("file closed " + file, s));
      }
      if (reportJob != null) {
        for (String day : List.of("2026-11-20", "2026-11-21")) {
          Submission s = executor.job(reportJob).jobParameters(Map.of("day", day))
              .idempotencyKey("batch-finished:" + day).runNow();
          rows.add(row("batch finished " + day, s));
        }
      }
    }
    printTable(out, rows);
    out.println();
    out.println("Event records, one JSON object per line (an AppSubmittedEvent per run started, then its"
        + " QueueReportedEvent, RunQueuedEvent or RunSkippedEvent): " + eventsFile.toAbsolutePath());
    return new Result(rows, eventsFile);
  }

  private static Row row(String event, Submission s) {
    QueueReport q = s.queueReport();
    String note = s.deduplicated() ? "re-delivered: same run, no second start"
        : q.code() != null ? q.code() : Objects.requireNonNullElse(q.reason(), "");
    return new Row(event, s.runId(), q.outcome().name(), note);
  }

  private static void printTable(PrintStream out, List<Row> rows) {
    int width = rows.stream().mapToInt(r -> r.event().length()).max().orElse(5);
    // run ids are 15-16 digits on real workspaces (and on the fake)
    int idWidth = Math.max(6, rows.stream().mapToInt(r -> String.valueOf(r.runId()).length()).max().orElse(6));
    String format = "%-" + width + "s  %-" + idWidth + "s  %-8s  %s%n";
    out.println();
    out.printf(format, "event", "run id", "outcome", "note");
    out.printf(format, "-".repeat(width), "-".repeat(idWidth), "-".repeat(8), "-".repeat(40));
    for (Row r : rows) {
      out.printf(format, r.event(), r.runId(), r.outcome(), r.note());
    }
  }
}
