package io.github.dbexec.examples;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.Submission;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot service that starts a Databricks job run each time a file is closed, through
 * {@code dbexec-spring-boot-starter}: the one shared {@link DatabricksExecutor} is auto-configured from three
 * properties and injected into the application's own component.
 *
 * <pre>
 * dbexec.host=https://adb-1234567890123456.7.azuredatabricks.net
 * dbexec.token=${DATABRICKS_TOKEN}
 * app.job-id=11223344
 * </pre>
 *
 * <p>With Spring Boot's actuator and an {@code ObservationRegistry} on the class path, the same executor also records
 * the {@code dbexec.*} metrics (see {@code dbexec-micrometer}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SpringBootService.FileClosedHandler.class)
public class SpringBootService {

  /** Starts the service; pass the properties above as arguments ({@code --dbexec.host=...}) or in the environment. */
  public static void main(String[] args) {
    SpringApplication.run(SpringBootService.class, args);
  }

  /** The application's component: one run of the configured job per closed file, at most once per file. */
  public static class FileClosedHandler {
    private final DatabricksExecutor executor;
    private final long jobId;

    public FileClosedHandler(DatabricksExecutor executor, @Value("${app.job-id}") long jobId) {
      this.executor = executor;
      this.jobId = jobId;
    }

    /** Starts the job for {@code path}; a re-delivered path finds the run its first delivery started. */
    public Submission onFileClosed(String path) {
      return executor.job(jobId)
          .notebookParams(Map.of("file", path))
          .idempotencyKey("file-closed:" + path)
          .runNow();
    }
  }
}
