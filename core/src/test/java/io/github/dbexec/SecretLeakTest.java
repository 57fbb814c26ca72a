package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dbexec.auth.BasicCredentials;
import io.github.dbexec.auth.OAuthM2mCredentials;
import io.github.dbexec.auth.ProxyConfig;
import io.github.dbexec.events.EventCodec;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.logcapture.CapturedLogs;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With every logger at TRACE (core's tests bind SLF4J to {@link CapturedLogs}), failures of every kind — refused
 * token, retried 429s and lost answers, a refused OAuth client secret, a refused password, an unreachable proxy with
 * credentials, a failing event sink — leave no secret in the logs, the exceptions (messages, causes, stack traces),
 * the events or any {@code toString()}.
 */
class SecretLeakTest {
  private static final String PAT = "dapi0123456789abcdefSECRETPAT";
  private static final String WRONG_PAT = "dapi9876543210fedcbaWRONGPAT";
  private static final String CLIENT_SECRET = "dose-client-SECRET-7788";
  private static final String PASSWORD = "hunter2-PASSWORD-secret";
  private static final String PROXY_PASSWORD = "proxy-PASSWORD-4455";
  private static final List<String> SECRETS = List.of(PAT, WRONG_PAT, CLIENT_SECRET, PASSWORD, PROXY_PASSWORD);

  private final List<String> observed = new ArrayList<>();
  private final InMemoryEventSink events = new InMemoryEventSink();

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  private void observe(Object o) {
    observed.add(String.valueOf(o));
  }

  private void observeFailure(Throwable t) {
    assertThat(t).isNotNull();
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    observed.add(trace.toString());
  }

  private void assertNoSecretAnywhere() {
    observe(events.events());
    events.events().forEach(e -> observe(EventCodec.toJson(e)));
    String everything = String.join("\n", observed) + "\n" + CapturedLogs.all();
    assertThat(CapturedLogs.count()).as("logging was active").isPositive();
    for (String secret : SECRETS) {
      assertThat(everything).as("secret %s", secret.substring(0, 6) + "…").doesNotContain(secret);
    }
  }

  @Test
  void everyFailureKind_atTrace_leaksNoSecret() {
    try (FakeJobsServer server = FakeJobsServer.builder().token(PAT).oauthClient("sp-client", CLIENT_SECRET)
        .clock(FakeTime.manualClock()).start()) {
      long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(100).notebookTask("/nb").build());
      RetryPolicy fast = RetryPolicy.custom().jitter(0).maxAttempts(4).build();

      // a token the workspace refuses
      try (DatabricksExecutor e = DatabricksExecutor.builder().host(server.url()).token(WRONG_PAT)
          .addEventSink(events).sleeper(d -> { }).build()) {
        observe(e);
        observeFailure(catchThrowable(() -> e.job(job).runNow()));
      }

      // retries: 429s, a lost answer, a dropped connection, then success; and a sink that throws
      server.addFault(FaultRule.on("POST", "/jobs/run-now").times(2).rateLimited(Duration.ofSeconds(1)).build());
      server.addFault(FaultRule.on("POST", "/jobs/run-now").once().loseResponse().build());
      try (DatabricksExecutor e = DatabricksExecutor.builder().host(server.url()).token(PAT).retryPolicy(fast)
          .addEventSink(events).addEventSink(ev -> {
            throw new IllegalStateException("sink down");
          }).sleeper(d -> { }).build()) {
        observe(e.job(job).idempotencyKey("k").runNow());
      }

      // OAuth M2M with a client secret the token endpoint refuses
      try (DatabricksExecutor e = DatabricksExecutor.builder().host(server.url())
          .credentials(OAuthM2mCredentials.builder().clientId("sp-client").clientSecret(CLIENT_SECRET + "-nope")
              .maxAttempts(1).build())
          .addEventSink(events).retryPolicy(RetryPolicy.none()).build()) {
        observe(e);
        observeFailure(catchThrowable(() -> e.job(job).runNow()));
      }

      // OAuth M2M that works: the client secret travels only to the token endpoint, never into logs
      OAuthM2mCredentials oauth = OAuthM2mCredentials.builder().clientId("sp-client").clientSecret(CLIENT_SECRET)
          .build();
      observe(oauth);
      try (DatabricksExecutor e = DatabricksExecutor.builder().host(server.url()).credentials(oauth)
          .addEventSink(events).build()) {
        observe(e.job(job).runNow());
      }

      // a password the workspace refuses
      BasicCredentials basic = BasicCredentials.of("svc-user", PASSWORD);
      observe(basic);
      try (DatabricksExecutor e = DatabricksExecutor.builder().host(server.url()).credentials(basic)
          .addEventSink(events).build()) {
        observeFailure(catchThrowable(() -> e.job(job).runNow()));
      }

      // a proxy with credentials that cannot be reached
      ProxyConfig proxy = ProxyConfig.builder().host("127.0.0.1").port(1).username("proxy-user")
          .password(PROXY_PASSWORD).build();
      observe(proxy);
      try (DatabricksExecutor e = DatabricksExecutor.builder().host(server.url()).token(PAT).proxy(proxy)
          .retryPolicy(RetryPolicy.none()).addEventSink(events).build()) {
        observeFailure(catchThrowable(() -> e.job(job).runNow()));
      }
    }

    assertNoSecretAnywhere();
    assertThat(CapturedLogs.all()).contains("TRACE", "DEBUG io.github.dbexec.http", "WARN");
  }
}
