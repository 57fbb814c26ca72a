package com.example.orders;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.RunResult;
import io.github.dbexec.Submission;
import io.github.dbexec.testkit.FakeClock;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The handler against the fake Jobs server on the fake's clock (README's "The fake Jobs server"); no JUnit. */
public final class FileClosedHandlerCheck {
  public static void main(String[] args) {
    FakeClock clock = FakeClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-test").clock(clock).start();
         DatabricksExecutor executor = DatabricksExecutor.builder()
             .host(server.url()).token("dapi-test")
             .clock(clock.toJavaClock())
             .sleeper(clock::advance)
             .build()) {
      long jobId = server.createJob(JobSpec.builder().name("ingest").notebookTask("/Users/me/ingest").build());
      FileClosedHandler handler = new FileClosedHandler(executor, jobId);

      Submission first = handler.onFileClosed(Path.of("/data/in/part-0001.parquet"));
      Submission again = handler.onFileClosed(Path.of("/data/in/part-0001.parquet"));
      RunResult result = first.awaitTermination(Duration.ofMinutes(10));

      if (again.runId() != first.runId() || !result.isSuccess() || server.runCount() != 1) {
        throw new AssertionError("expected one successful run, got " + server.runs(jobId));
      }
      System.out.println("downstream: run " + first.runId() + " " + result.outcome());
    }
  }
}
