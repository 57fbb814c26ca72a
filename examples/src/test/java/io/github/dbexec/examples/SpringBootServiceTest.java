package io.github.dbexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.IdempotencyTokens;
import io.github.dbexec.QueueOutcome;
import io.github.dbexec.Submission;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class SpringBootServiceTest {
  private static final String TOKEN = "dapi-example-service-0001";

  @Test
  void onFileClosed_throughTheStarter_startsOneRunWithTheTokenAndKey() {
    try (FakeJobsServer server = FakeJobsServer.builder().token(TOKEN).start()) {
      long job = server.createJob(JobSpec.builder().name("ingest").maxConcurrentRuns(5).notebookTask("/ingest").build());
      DatabricksExecutor executor;
      try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SpringBootService.class)
          .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
          .run("--dbexec.host=" + server.url(), "--dbexec.token=" + TOKEN, "--app.job-id=" + job)) {
        SpringBootService.FileClosedHandler handler = app.getBean(SpringBootService.FileClosedHandler.class);
        executor = app.getBean(DatabricksExecutor.class);

        Submission first = handler.onFileClosed("/data/in/part-0001.parquet");
        Submission again = handler.onFileClosed("/data/in/part-0001.parquet");

        assertThat(first.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
        assertThat(again.runId()).isEqualTo(first.runId());
        assertThat(server.runCount()).isEqualTo(1);
      }

      assertThat(server.journal().find("POST", "/jobs/run-now")).hasSize(2).allSatisfy((RecordedApiRequest r) -> {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.jsonBody()).containsEntry("job_id", job)
            .containsEntry("notebook_params", Map.of("file", "/data/in/part-0001.parquet"))
            .containsEntry("idempotency_token",
                IdempotencyTokens.forRunNow(job, "file-closed:/data/in/part-0001.parquet"));
      });
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> executor.job(job).runNow()))
          .as("the executor is closed with the application context").isInstanceOf(IllegalStateException.class);
    }
  }
}
