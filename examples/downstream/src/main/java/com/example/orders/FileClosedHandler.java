package com.example.orders;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.Submission;
import java.nio.file.Path;
import java.util.Map;

/** Starts one run per closed file, as README's "Usage" shows. */
public final class FileClosedHandler {
  private final DatabricksExecutor databricks;
  private final long jobId;

  public FileClosedHandler(DatabricksExecutor databricks, long jobId) {
    this.databricks = databricks;
    this.jobId = jobId;
  }

  public Submission onFileClosed(Path file) {
    return databricks.job(jobId)
        .notebookParams(Map.of("file", file.toString()))
        .idempotencyKey("file-closed:" + file)
        .runNow();
  }
}
