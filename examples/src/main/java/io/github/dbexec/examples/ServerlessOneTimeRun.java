package io.github.dbexec.examples;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.Run;
import io.github.dbexec.RunIf;
import io.github.dbexec.ServerlessEnvironment;
import io.github.dbexec.Submission;
import io.github.dbexec.SubmitTask;
import java.util.List;
import java.util.Map;

/**
 * A one-time run ({@code runs/submit}) of two tasks on serverless compute: a Python wheel in an environment with its
 * dependencies, then a notebook that runs when the first succeeded, plus a field dbexec does not model, sent through
 * the escape hatch. The same day submitted twice starts one run (the idempotency key).
 */
public final class ServerlessOneTimeRun {
  private ServerlessOneTimeRun() {}

  /** Submits the nightly run for {@code day} and reads it back. */
  public static Run submitNightly(DatabricksExecutor executor, String day) {
    Submission s = executor.oneTimeRun()
        .runName("nightly " + day)
        .environment(ServerlessEnvironment.of("default", "2", List.of("etl==1.4.0", "tabulate==0.9.0")))
        .task("ingest", t -> t.pythonWheelTask("etl", "ingest", List.of("--day", day)).environment("default"))
        .task(SubmitTask.builder("report")
            .notebookTask("/Repos/etl/report", Map.of("day", day))
            .serverless()
            .dependsOn("ingest")
            .runIf(RunIf.ALL_SUCCEEDED)
            .build())
        .additionalFields("{\"performance_target\": \"PERFORMANCE_OPTIMIZED\"}")
        .idempotencyKey("nightly:" + day)
        .submit();
    return executor.run(s.runId());
  }
}
