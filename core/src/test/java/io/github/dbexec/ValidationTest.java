package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule fails before any request: the fake server's journal stays empty. */
class ValidationTest {
  private FakeJobsServer server;
  private DatabricksExecutor executor;

  @BeforeEach
  void start() {
    server = FakeJobsServer.start();
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
    assertThat(server.journal().all()).isEmpty();
  }

  private static void assertInvalid(Runnable action, String field, String messagePart) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining(messagePart);
  }

  /** The misconfiguration rule: build() fails with IllegalArgumentException naming the setting as the builder spells it. */
  private static void assertMisconfigured(Runnable action, String setting, String messagePart) {
    assertThatThrownBy(action::run)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(setting)
        .hasMessageContaining(messagePart);
  }

  @Test
  void job_nonPositiveId_rejected() {
    assertInvalid(() -> executor.job(0), "job_id", "job_id must be > 0, was 0");
    assertInvalid(() -> executor.job(-5), "job_id", "was -5");
  }

  @Test
  void runNow_notebookWithJarParams_rejected() {
    assertInvalid(() -> executor.job(1).notebookParams(Map.of("a", "b")).jarParams(List.of("x")).runNow(),
        "notebook_params", "jar_params");
  }

  @Test
  void runNow_jobParametersWithLegacyKind_rejected() {
    assertInvalid(() -> executor.job(1).jobParameters(Map.of("a", "b")).pythonParams(List.of("x")).runNow(),
        "job_parameters", "python_params");
  }

  @Test
  void runNow_parameterJsonOver10000Bytes_rejectedNamingField() {
    String big = "x".repeat(10_000);

    assertInvalid(() -> executor.job(1).notebookParams(Map.of("k", big)).runNow(),
        "notebook_params", "at most 10000");
  }

  @Test
  void runNow_parameterJsonOfMultibyteText_countsBytesNotChars() {
    String text = "é".repeat(4_990); // 4,990 chars, 9,980 bytes, plus quotes and key: over 10,000 bytes

    assertInvalid(() -> executor.job(1).jobParameters(Map.of("key", text + "éééééé")).runNow(),
        "job_parameters", "bytes of JSON");
  }

  @Test
  void runNow_nonAsciiPythonParams_rejected() {
    assertInvalid(() -> executor.job(1).pythonParams(List.of("ok", "naïve")).runNow(),
        "python_params", "python_params[1]");
    assertInvalid(() -> executor.job(1).sparkSubmitParams(List.of("ü")).runNow(),
        "spark_submit_params", "ASCII");
  }

  @Test
  void runNow_tokenOver64Chars_rejected() {
    assertInvalid(() -> executor.job(1).idempotencyToken("t".repeat(65)).runNow(),
        "idempotency_token", "1 to 64 characters, was 65");
  }

  @Test
  void runNow_emptyKey_rejected() {
    assertInvalid(() -> executor.job(1).idempotencyKey("").runNow(), "idempotency_key", "must not be empty");
  }

  @Test
  void runNow_nullParameterValue_rejected() {
    Map<String, String> withNull = new java.util.HashMap<>();
    withNull.put("a", null);

    assertInvalid(() -> executor.job(1).notebookParams(withNull), "notebook_params", "null");
  }

  @Test
  void runNow_badPerformanceTarget_rejected() {
    assertInvalid(() -> executor.job(1).performanceTarget("FAST").runNow(), "performance_target", "FAST");
  }

  @Test
  void builder_missingHost_rejectedNamingHost() {
    assertMisconfigured(() -> DatabricksExecutor.builder().token("t").build(), "host", "host is required");
  }

  @Test
  void builder_hostWithPath_rejected() {
    assertMisconfigured(() -> DatabricksExecutor.builder().host("https://x.cloud.databricks.com/api/2.2").token("t").build(),
        "host", "without a path");
  }

  @Test
  void builder_noCredentials_rejected() {
    assertMisconfigured(() -> DatabricksExecutor.builder().host("https://x.cloud.databricks.com").build(),
        "credentials", "token(..) or credentials(..)");
  }

  @Test
  void builder_blankToken_rejected() {
    assertMisconfigured(() -> DatabricksExecutor.builder().host("https://x.cloud.databricks.com").token(" ").build(),
        "token", "must not be blank");
  }

  @Test
  void builder_zeroTimeout_rejected() {
    assertMisconfigured(() -> DatabricksExecutor.builder().host("https://x.cloud.databricks.com").token("t")
        .readTimeout(Duration.ZERO).build(), "readTimeout", "must be > 0");
  }

  @Test
  void builder_hostWithoutScheme_assumesHttps() {
    try (DatabricksExecutor e = DatabricksExecutor.builder().host("adb-1.7.azuredatabricks.net")
        .token("dapi-secret-value").build()) {
      assertThat(e.host()).isEqualTo("https://adb-1.7.azuredatabricks.net/");
      assertThat(e.toString()).doesNotContain("dapi-secret-value").contains("auth=pat");
    }
  }

  @Test
  void closedExecutor_rejectsNewRequests() {
    executor.close();

    assertThatThrownBy(() -> executor.job(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
