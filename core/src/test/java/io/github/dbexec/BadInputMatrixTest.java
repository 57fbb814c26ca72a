package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration, bad requests and bad server answers: every case ends in a typed exception with a clear
 * message — never a hang, never a NullPointerException — and the table in {@code docs/BAD-INPUT.md} lists them all.
 * Server answers come from a plain MockWebServer so that each can be exactly as broken as the case needs.
 */
class BadInputMatrixTest {
  private static final String TOKEN = "dapi-matrix-secret-0123456789";

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** One row of the matrix: what goes wrong, what the caller must see. */
  record Case(String name, Consumer<MockWebServer> serverSetup, ThrowingAction action,
      Class<? extends Throwable> expected, String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface ThrowingAction {
    void run(String url) throws Exception;
  }

  private static DatabricksExecutor.Builder client(String url) {
    return DatabricksExecutor.builder().host(url).token(TOKEN).retryPolicy(RetryPolicy.none())
        .readTimeout(Duration.ofSeconds(1)).callTimeout(Duration.ofSeconds(5));
  }

  private static void runNow(String url) {
    try (DatabricksExecutor e = client(url).build()) {
      e.job(1).idempotencyKey("k").runNow();
    }
  }

  private static Consumer<MockWebServer> answer(MockResponse response) {
    return s -> s.enqueue(response);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static final Consumer<MockWebServer> NOTHING = s -> { };

  private static Case config(String name, ThrowingAction action, String field) {
    return new Case(name, NOTHING, action, IllegalArgumentException.class, field);
  }

  private static Case request(String name, ThrowingAction action, String field) {
    return new Case(name, NOTHING, action, InvalidRequestException.class, field);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // configuration: fails at build() naming the field
        config("config: host missing", u -> DatabricksExecutor.builder().token(TOKEN).build(), "host is required"),
        config("config: host not a URL", u -> DatabricksExecutor.builder().host("ht tp://x y").token(TOKEN).build(),
            "host"),
        config("config: host with a path", u -> DatabricksExecutor.builder().host(u + "api/2.2").token(TOKEN).build(),
            "without a path"),
        config("config: host with a query", u -> DatabricksExecutor.builder().host(u + "?o=1").token(TOKEN).build(),
            "without a path or query"),
        config("config: no credentials", u -> DatabricksExecutor.builder().host(u).build(), "credentials are required"),
        config("config: blank token", u -> DatabricksExecutor.builder().host(u).token("  ").build(), "token"),
        config("config: zero connect timeout", u -> client(u).connectTimeout(Duration.ZERO).build(), "connectTimeout"),
        config("config: negative call timeout", u -> client(u).callTimeout(Duration.ofSeconds(-1)).build(),
            "callTimeout"),
        config("config: no submissions in flight", u -> client(u).maxSubmissionsInFlight(0).build(),
            "maxSubmissionsInFlight"),
        config("config: negative settings TTL", u -> client(u).jobSettingsTtl(Duration.ofSeconds(-1)).build(),
            "jobSettingsTtl"),
        config("config: retry policy with 0 attempts", u -> RetryPolicy.custom().maxAttempts(0).build(),
            "maxAttempts"),
        config("config: retry jitter above 1", u -> RetryPolicy.custom().jitter(2).build(), "jitter"),
        config("config: wait without timeout", u -> WaitOptions.builder().build(), "timeout is required"),
        config("config: nothing in the environment", u -> DatabricksExecutor.fromEnvironment(Map.of(),
            Files.createTempDirectory("empty-home")), "DATABRICKS_HOST"),
        // requests: fail before any HTTP call
        request("request: job id 0", u -> client(u).build().job(0), "job_id must be > 0"),
        request("request: run id negative", u -> client(u).build().run(-1), "run_id must be > 0"),
        request("request: notebook with JAR parameters", u -> client(u).build().job(1).notebookParams(Map.of("a", "b"))
            .jarParams(List.of("x")).runNow(), "notebook_params and jar_params"),
        request("request: job parameters with legacy kind", u -> client(u).build().job(1)
            .jobParameters(Map.of("a", "b")).sqlParams(Map.of("c", "d")).runNow(), "sql_params"),
        request("request: parameter field over 10,000 bytes", u -> client(u).build().job(1)
            .jarParams(List.of("x".repeat(10_001))).runNow(), "at most 10000"),
        request("request: non-ASCII spark-submit parameter", u -> client(u).build().job(1)
            .sparkSubmitParams(List.of("--name", "crème")).runNow(), "ASCII"),
        request("request: token of 65 characters", u -> client(u).build().job(1).idempotencyToken("x".repeat(65))
            .runNow(), "idempotency_token"),
        request("request: empty idempotency key", u -> client(u).build().job(1).idempotencyKey("").runNow(),
            "idempotency_key"),
        request("request: unknown performance target", u -> client(u).build().job(1).performanceTarget("TURBO")
            .runNow(), "performance_target"),
        request("request: one-time run without task", u -> client(u).build().oneTimeRun().existingCluster("c")
            .submit(), "needs a task"),
        config("config: new cluster without Spark version", u -> NewCluster.builder().nodeTypeId("i3.xlarge")
            .numWorkers(1).build(), "sparkVersion"),
        // server answers
        new Case("answer: HTML 502 from a proxy", answer(new MockResponse.Builder().code(502)
            .setHeader("Content-Type", "text/html").body("<html><h1>502 Bad Gateway</h1></html>").build()),
            BadInputMatrixTest::runNow, DatabricksApiException.class, "502 Bad Gateway"),
        new Case("answer: HTML 200 from a login page", answer(new MockResponse.Builder()
            .setHeader("Content-Type", "text/html").body("<html><body>Sign in</body></html>").build()),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "not the Jobs API's JSON"),
        new Case("answer: truncated JSON", answer(json(200, "{\"run_id\": 45564")),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "not the Jobs API's JSON"),
        new Case("answer: empty 200", answer(json(200, "")),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "empty body"),
        new Case("answer: JSON null", answer(json(200, "null")),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "JSON null"),
        new Case("answer: wrong type for run_id", answer(json(200, "{\"run_id\": \"forty-two\"}")),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "run_id"),
        new Case("answer: no run_id", answer(json(200, "{\"number_in_job\": 3}")),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "without a run_id"),
        new Case("answer: body over 8 MiB", answer(new MockResponse.Builder().setHeader("Content-Type", "application/json")
            .body(new Buffer().writeUtf8("{\"x\":\"" + "a".repeat(9 * 1024 * 1024) + "\"}")).build()),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "over 8388608 bytes"),
        new Case("answer: body slower than the read timeout", answer(json(200, "{\"run_id\": 1}").newBuilder()
            .throttleBody(1, 3, TimeUnit.SECONDS).build()),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "timed out"),
        new Case("answer: no answer at all (read timeout)", answer(new MockResponse.Builder()
            .onResponseStart(SocketEffect.Stall.INSTANCE).build()),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "within the connect, read or call timeout"),
        new Case("answer: connection dropped", answer(new MockResponse.Builder()
            .onRequestStart(new SocketEffect.CloseSocket()).build()),
            BadInputMatrixTest::runNow, DatabricksTransportException.class, "no usable response"),
        new Case("answer: redirect to a login page", answer(new MockResponse.Builder().code(302)
            .setHeader("Location", "https://login.example.com/sso?state=abc").build()),
            BadInputMatrixTest::runNow, DatabricksApiException.class, "host URL is probably wrong"),
        new Case("answer: 401 with error body", answer(json(401,
            "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Credential was not sent or was of an unsupported type\"}")),
            BadInputMatrixTest::runNow, UnauthenticatedException.class, "UNAUTHENTICATED"),
        new Case("answer: legacy numeric error_code", answer(json(403,
            "{\"error_code\": 403, \"message\": \"Invalid access token.\"}")),
            BadInputMatrixTest::runNow, UnauthenticatedException.class, "403 403 to POST jobs/run-now"),
        new Case("answer: 404 without body", answer(new MockResponse.Builder().code(404).build()),
            BadInputMatrixTest::runNow, ResourceNotFoundException.class, "404"),
        new Case("answer: plain-text 400", answer(new MockResponse.Builder().code(400).body("Bad Request").build()),
            BadInputMatrixTest::runNow, DatabricksApiException.class, "non-JSON answer: \"Bad Request\""),
        new Case("answer: error body echoing the token", answer(json(500,
            "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"debug: Authorization: Bearer " + TOKEN + "\"}")),
            BadInputMatrixTest::runNow, DatabricksApiException.class, "INTERNAL_ERROR"),
        new Case("answer: connection refused", NOTHING,
            u -> runNow("http://127.0.0.1:1/"), DatabricksTransportException.class, "no usable response"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInput_endsInTypedExceptionWithClearMessage(Case c) {
    c.serverSetup().accept(server);
    String url = server.url("/").toString();

    Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(15),
        () -> catchThrowable(() -> c.action().run(url)));

    assertThat(thrown).as(c.name()).isInstanceOf(c.expected()).isNotInstanceOf(NullPointerException.class);
    assertThat(thrown.getMessage()).as(c.name()).contains(c.messagePart());
    assertThat(thrown.getMessage()).as(c.name()).doesNotContain(TOKEN).doesNotContain("0123456789\"");
  }

  @Test
  void answer_unknownLifeCycleState_isReportedNotThrown() {
    server.enqueue(json(200, "{\"run_id\": 7}"));
    server.enqueue(json(200, "{\"run_id\": 7, \"state\": {\"life_cycle_state\": \"HIBERNATING\","
        + " \"result_state\": \"MOSTLY_FINE\"}, \"status\": {\"state\": \"DORMANT\"}}"));
    server.enqueue(json(200, "{\"job_id\": 1, \"settings\": {}}"));

    try (DatabricksExecutor e = client(server.url("/").toString()).build()) {
      Submission s = e.job(1).runNow();

      assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.UNKNOWN);
      assertThat(s.queueReport().reason()).isNotNull().satisfies(r -> assertThat(r).contains("HIBERNATING"));
      assertThat(s.queueReport().maxConcurrentRuns()).isEqualTo(1);
    }
  }

  @Test
  void docs_listEveryCase() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "BAD-INPUT.md"));

    assertThat(cases().map(Case::name)).allSatisfy(name -> assertThat(doc).contains(name));
  }
}
