package io.github.dbexec.benchmarks;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.Submission;

/**
 * {@link DatabricksExecutor} with its defaults except, optionally, the {@link QueueReporting} level and an
 * {@link ExecutorListener.Factory}.
 */
public final class DbexecRunNow implements RunNowClient {
  private final DatabricksExecutor executor;
  private final long jobId;
  private final okhttp3.@org.jspecify.annotations.Nullable OkHttpClient suppliedClient;

  public DbexecRunNow(String host, String token, long jobId, QueueReporting queueReporting) {
    this(host, token, jobId, queueReporting, ExecutorListener.Factory.NONE);
  }

  public DbexecRunNow(String host, String token, long jobId, QueueReporting queueReporting,
      ExecutorListener.Factory listenerFactory) {
    DatabricksExecutor.Builder builder = DatabricksExecutor.builder().host(host).token(token)
        .queueReporting(queueReporting).listenerFactory(listenerFactory);
    if (BenchHttp.MAX_IDLE_CONNECTIONS > 0) { // the same pool as raw OkHttp's, when one is configured
      suppliedClient = BenchHttp.client();
      builder.httpClient(suppliedClient);
    } else {
      suppliedClient = null;
    }
    this.executor = builder.build();
    this.jobId = jobId;
  }

  @Override
  public long runNow(String key) {
    return executor.job(jobId).idempotencyKey(key).runNow().runId();
  }

  @Override
  public Started start(String key) {
    Submission submission = executor.job(jobId).idempotencyKey(key).runNow();
    return () -> submission.queueReport().outcome().name();
  }

  @Override
  public void close() {
    executor.close();
    if (suppliedClient != null) { // the executor releases only a client it made
      suppliedClient.dispatcher().executorService().shutdown();
      suppliedClient.connectionPool().evictAll();
    }
  }
}
