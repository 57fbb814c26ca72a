package io.github.dbexec.benchmarks;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.jobs.RunNow;

/**
 * The official Databricks SDK for Java with its defaults: {@code jobs().runNow(..)} with an idempotency token,
 * reading the response only (the returned {@code Wait} is not waited on, so no {@code runs/get} is made).
 */
public final class SdkRunNow implements RunNowClient {
  private final WorkspaceClient workspace;
  private final long jobId;

  public SdkRunNow(String host, String token, long jobId) {
    this.workspace = new WorkspaceClient(new DatabricksConfig().setHost(host).setToken(token));
    this.jobId = jobId;
  }

  @Override
  public long runNow(String key) {
    return workspace.jobs().runNow(new RunNow().setJobId(jobId).setIdempotencyToken(key)).getResponse().getRunId();
  }

  @Override
  public void close() {
    // the SDK's Apache HTTP client has no close on WorkspaceClient; its pool is released with the JVM
  }
}
