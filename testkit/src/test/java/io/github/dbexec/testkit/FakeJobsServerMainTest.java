package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class FakeJobsServerMainTest {

  @Test
  void parse_allOptions_fillsOptions() throws Exception {
    FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--port", "8089", "--token", "a",
        "--token", "b", "--run-duration", "500ms", "--pending-duration", "1m", "--oauth-client", "id:secret",
        "--basic-user", "me:pw", "--bind", "0.0.0.0"});

    assertThat(options.port).isEqualTo(8089);
    assertThat(options.bind).isEqualTo("0.0.0.0");
    assertThat(options.tokens).containsExactly("a", "b");
    assertThat(options.runDuration).isEqualTo(Duration.ofMillis(500));
    assertThat(options.pendingDuration).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.oauthClients).hasSize(1);
    assertThat(options.basicUsers).singleElement().satisfies(u -> assertThat(u).containsExactly("me", "pw"));
  }

  @Test
  void parse_clockTlsSeedOptions_fillOptionsAndBuildMatchingServer() throws Exception {
    FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--clock", "manual",
        "--clock-start", "2026-05-01T00:00:00Z", "--tls", "--seed", "7", "--journal-capacity", "50"});

    try (FakeJobsServer server = FakeJobsServerMain.builder(options).build()) {
      assertThat(server.clock().instant()).isEqualTo(java.time.Instant.parse("2026-05-01T00:00:00Z"));
      assertThat(server.clock().isControllable()).isTrue();
      assertThat(server.isHttps()).isTrue();
      assertThat(server.journal().capacity()).isEqualTo(50);
    }
    assertThat(options.seed).isEqualTo(7);
  }

  @Test
  void parse_sizeAndIdOptions_reachTheServer() throws Exception {
    FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--journal-max-bytes", "8m",
        "--journal-max-body-bytes", "64k", "--max-retained-runs", "500", "--max-retained-run-bytes", "1g",
        "--max-request-body-bytes", "2m", "--first-job-id", "9007199254740993", "--first-run-id", "77"});

    try (FakeJobsServer server = FakeJobsServerMain.builder(options).start()) {
      assertThat(server.journal().maxBytes()).isEqualTo(8L << 20);
      assertThat(server.createJob(JobSpec.builder().build())).isEqualTo(9007199254740993L);
    }
    assertThat(options.journalMaxBodyBytes).isEqualTo(64 * 1024);
    assertThat(options.maxRetainedRuns).isEqualTo(500);
    assertThat(options.maxRetainedRunBytes).isEqualTo(1L << 30);
    assertThat(options.maxRequestBodyBytes).isEqualTo(2L << 20);
    assertThat(options.firstRunId).isEqualTo(77);
  }

  @Test
  void parse_badSize_throwsUsageNamingOption() {
    assertThatThrownBy(() -> FakeJobsServerMain.parse(new String[] {"--journal-max-bytes", "lots"}))
        .isInstanceOf(FakeJobsServerMain.UsageException.class).hasMessageContaining("--journal-max-bytes")
        .hasMessageContaining("lots");
  }

  @Test
  void parse_unknownClock_throwsUsage() {
    assertThatThrownBy(() -> FakeJobsServerMain.parse(new String[] {"--clock", "sundial"}))
        .isInstanceOf(FakeJobsServerMain.UsageException.class).hasMessageContaining("--clock");
  }

  @Test
  void parse_badDuration_throwsUsageNamingOption() {
    assertThatThrownBy(() -> FakeJobsServerMain.parse(new String[] {"--run-duration", "2 seconds"}))
        .isInstanceOf(FakeJobsServerMain.UsageException.class).hasMessageContaining("--run-duration");
  }

  @Test
  void parse_unknownOption_throwsUsage() {
    assertThatThrownBy(() -> FakeJobsServerMain.parse(new String[] {"--frobnicate"}))
        .isInstanceOf(FakeJobsServerMain.UsageException.class).hasMessageContaining("--frobnicate");
  }

  @Test
  void parse_missingValue_throwsUsage() {
    assertThatThrownBy(() -> FakeJobsServerMain.parse(new String[] {"--port"}))
        .isInstanceOf(FakeJobsServerMain.UsageException.class).hasMessageContaining("needs a value");
  }

  @Test
  void main_asProcess_printsListeningLineFirstAndServesUntilTerminated() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        FakeJobsServerMain.class.getName(), "--port", "0", "--token", "dapi-cli"))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

      String firstLine = stdout.readLine();

      Matcher matcher = Pattern.compile("Fake Databricks Jobs server listening on (http://127\\.0\\.0\\.1:\\d+)")
          .matcher(firstLine);
      assertThat(matcher.matches()).as(firstLine).isTrue();
      OkHttpClient client = new OkHttpClient();
      try (Response response = client.newCall(new Request.Builder().url(matcher.group(1) + "/api/2.2/jobs/runs/list")
          .header("Authorization", "Bearer dapi-cli").build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      client.connectionPool().evictAll();
      client.dispatcher().executorService().shutdown();
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isIn(0, 143);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void parse_version_setsVersionFlag() throws Exception {
    assertThat(FakeJobsServerMain.parse(new String[] {"--version"}).version).isTrue();
    assertThat(FakeJobsServerMain.version()).isNotBlank();
  }

  @Test
  void startAndAnnounce_portInUse_failsWithStatus2NamingThePortAndPrintsNothing() throws Exception {
    try (FakeJobsServer taken = FakeJobsServer.builder().build().startListening()) {
      FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--port", Integer.toString(taken.port())});
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      assertThatThrownBy(() -> FakeJobsServerMain.startAndAnnounce(options, new java.io.PrintStream(out, true)))
          .isInstanceOfSatisfying(FakeJobsServerMain.StartException.class, e -> assertThat(e.status).isEqualTo(2))
          .hasMessageContaining("port " + taken.port() + " on 127.0.0.1 is already in use");
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void startAndAnnounce_caFileNotWritable_failsBeforeTheFirstLine(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path caFile = dir.resolve("missing-directory").resolve("ca.pem");
    FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--tls", "--ca-file", caFile.toString()});
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    assertThatThrownBy(() -> FakeJobsServerMain.startAndAnnounce(options, new java.io.PrintStream(out, true)))
        .isInstanceOfSatisfying(FakeJobsServerMain.StartException.class, e -> assertThat(e.status).isEqualTo(1))
        .hasMessageContaining("cannot write the CA certificate to " + caFile.toAbsolutePath());
    assertThat(out.size()).isZero();
  }

  @Test
  void startAndAnnounce_tlsWithWritableCaFile_writesPemThenAnnouncesListeningFirst(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path caFile = dir.resolve("ca.pem");
    FakeJobsServerMain.Options options = FakeJobsServerMain.parse(new String[] {"--tls", "--ca-file", caFile.toString()});
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    try (FakeJobsServer server = FakeJobsServerMain.startAndAnnounce(options, new java.io.PrintStream(out, true))) {
      assertThat(java.nio.file.Files.readString(caFile)).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
          .isEqualTo("Fake Databricks Jobs server listening on " + server.url());
    }
  }

  @Test
  void printUsage_everyOption_isInTheReadmeAndParses() throws Exception {
    java.io.ByteArrayOutputStream help = new java.io.ByteArrayOutputStream();
    FakeJobsServerMain.printUsage(new java.io.PrintStream(help, true, StandardCharsets.UTF_8));
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    String readmeStandalone = readme.substring(readme.indexOf("## Standalone"), readme.indexOf("### Admin API"));

    List<String> options = Pattern.compile("^  (--[a-z-]+)", Pattern.MULTILINE)
        .matcher(help.toString(StandardCharsets.UTF_8)).results().map(m -> m.group(1)).toList();

    assertThat(options).hasSizeGreaterThan(25).contains("--version", "--help", "--port", "--ca-file");
    assertThat(options).allSatisfy(option -> assertThat(readmeStandalone).contains("`" + option));
    List<String> documented = Pattern.compile("`(--[a-z-]+)").matcher(readmeStandalone).results()
        .map(m -> m.group(1)).distinct().toList();
    assertThat(options).containsAll(documented);
  }
}
