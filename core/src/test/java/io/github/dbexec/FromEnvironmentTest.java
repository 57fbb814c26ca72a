package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FromEnvironmentTest {
  @TempDir Path home;

  @Test
  void fromEnvironment_hostAndToken_startsRunWithThatToken() {
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-from-env").start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());

      try (DatabricksExecutor executor = DatabricksExecutor.fromEnvironment(
          Map.of("DATABRICKS_HOST", server.url(), "DATABRICKS_TOKEN", "dapi-from-env"), home)) {
        executor.job(job).runNow();
      }

      assertThat(server.journal().find("POST", "/jobs/run-now").get(0).header("Authorization"))
          .isEqualTo("Bearer dapi-from-env");
    }
  }

  @Test
  void fromEnvironment_profileInConfigFile_used() throws Exception {
    try (FakeJobsServer server = FakeJobsServer.builder().token("dapi-profile").start()) {
      long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());
      Files.writeString(home.resolve(".databrickscfg"),
          "[DEFAULT]\nhost = https://unused.example.com\ntoken = dapi-other\n\n[staging]\nhost = " + server.url()
              + "\ntoken = dapi-profile\n");

      try (DatabricksExecutor executor = DatabricksExecutor.fromEnvironment(
          Map.of("DATABRICKS_CONFIG_PROFILE", "staging"), home)) {
        executor.job(job).runNow();
      }

      assertThat(server.journal().count("POST", "/jobs/run-now")).isEqualTo(1);
    }
  }

  @Test
  void fromEnvironment_nothingConfigured_failsListingWhatWasTriedWithoutSecrets() {
    assertThatThrownBy(() -> DatabricksExecutor.fromEnvironment(Map.of("DATABRICKS_CLIENT_SECRET", "s3cr3t-value"),
        home))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABRICKS_HOST")
        .hasMessageNotContaining("s3cr3t-value");
  }
}
