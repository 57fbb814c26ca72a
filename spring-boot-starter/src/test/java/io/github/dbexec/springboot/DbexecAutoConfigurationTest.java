package io.github.dbexec.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.DatabricksExecutor;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.Submission;
import io.github.dbexec.micrometer.ObservationExecutorListenerFactory;
import io.github.dbexec.springboot.internal.ResolvedWorkspace;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RecordedApiRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DbexecAutoConfigurationTest {
  private static final String TOKEN = "dapi-starter-secret-0001";

  private FakeJobsServer server;
  private long job;
  private ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    server = FakeJobsServer.builder().token(TOKEN).start();
    job = server.createJob(JobSpec.builder().name("nightly").maxConcurrentRuns(5).notebookTask("/nb").build());
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DbexecObservationAutoConfiguration.class,
            DbexecAutoConfiguration.class, DbexecHealthAutoConfiguration.class))
        .withPropertyValues("dbexec.host=" + server.url(), "dbexec.token=" + TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void properties_given_boundAndOneSharedExecutorStartsRunsWithTheToken() {
    runner.withPropertyValues("dbexec.read-timeout=5s", "dbexec.retry.max-attempts=2",
        "dbexec.queue-reporting=OFF", "dbexec.api-version=V2_1").run(context -> {
          assertThat(context).hasSingleBean(DatabricksExecutor.class);
          DbexecProperties properties = context.getBean(DbexecProperties.class);
          assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(2);
          assertThat(properties.getQueueReporting()).isEqualTo(QueueReporting.OFF);
          DatabricksExecutor executor = context.getBean(DatabricksExecutor.class);
          assertThat(context.getBean(DatabricksExecutor.class)).isSameAs(executor);

          Submission submission = executor.job(job).idempotencyKey("k").runNow();

          assertThat(submission.runId()).isPositive();
          RecordedApiRequest runNow = server.journal().find("POST", "/jobs/run-now").get(0);
          assertThat(runNow.header("Authorization")).isEqualTo("Bearer " + TOKEN);
          assertThat(runNow.apiVersion()).isEqualTo("2.1");
          assertThat(server.journal().find("GET", "/jobs/runs/get")).isEmpty(); // queue reporting OFF
        });
  }

  @Test
  void contextClosed_executorClosed() {
    DatabricksExecutor[] seen = new DatabricksExecutor[1];

    runner.run(context -> seen[0] = context.getBean(DatabricksExecutor.class));

    assertThatThrownBy(() -> seen[0].job(job))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void userExecutorBean_defined_autoConfiguredExecutorAndHealthBackOff() {
    runner.withBean("myExecutor", DatabricksExecutor.class,
        () -> DatabricksExecutor.builder().host(server.url()).token(TOKEN).build()).run(context -> {
          assertThat(context).hasSingleBean(DatabricksExecutor.class);
          assertThat(context).getBean(DatabricksExecutor.class).isSameAs(context.getBean("myExecutor"));
          assertThat(context).doesNotHaveBean(ResolvedWorkspace.class).doesNotHaveBean(HealthIndicator.class);
        });
  }

  @Test
  void health_rightToken_upWithDetailsAndCached() {
    runner.run(context -> {
      HealthIndicator indicator = context.getBean("dbexecHealthIndicator", HealthIndicator.class);

      Health first = indicator.health();
      Health second = indicator.health();

      assertThat(first.getStatus()).isEqualTo(Status.UP);
      assertThat(first.getDetails()).containsEntry("authType", "pat").containsEntry("status", 200);
      assertThat(second).isSameAs(first);
      assertThat(server.journal().find("GET", "/jobs/list")).singleElement().satisfies(r -> {
        assertThat(r.queryParameter("limit")).isEqualTo("1");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
      });
    });
  }

  @Test
  void health_wrongToken_downWithoutTheToken() {
    String wrong = "dapi-wrong-secret-9999";
    runner.withPropertyValues("dbexec.token=" + wrong, "dbexec.health.cache-ttl=0s").run(context -> {
      HealthIndicator indicator = context.getBean("dbexecHealthIndicator", HealthIndicator.class);

      Health health = indicator.health();
      indicator.health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("status", 403)
          .containsEntry("error", "the workspace refused the credentials");
      assertThat(health.toString()).doesNotContain(wrong).doesNotContain(TOKEN);
      assertThat(server.journal().find("GET", "/jobs/list")).hasSize(2); // no cache at 0s
      assertThat(context.getBean(DbexecProperties.class).toString()).doesNotContain(wrong).contains("<redacted>");
    });
  }

  @Test
  void health_workspaceUnreachable_down() {
    int port = server.port();
    server.close();
    runner.withPropertyValues("dbexec.host=http://127.0.0.1:" + port, "dbexec.health.timeout=2s").run(context -> {
      Health health = context.getBean("dbexecHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(String.valueOf(health.getDetails().get("error"))).contains("ConnectException");
    });
  }

  @Test
  void health_disabledByManagementProperty_noIndicator() {
    runner.withPropertyValues("management.health.dbexec.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("dbexecHealthIndicator"));
  }

  @Test
  void badDuration_startupFailsNamingTheProperty() {
    runner.withPropertyValues("dbexec.read-timeout=-1s").run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootMessage(context.getStartupFailure())).contains("dbexec.read-timeout").contains("PT-1S");
    });
  }

  @Test
  void badRetrySetting_startupFailsNamingTheProperty() {
    runner.withPropertyValues("dbexec.retry.jitter=2").run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootMessage(context.getStartupFailure())).contains("dbexec.retry.jitter").contains("2.0");
    });
  }

  @Test
  void unparsableValue_startupFailsNamingTheProperty() {
    runner.withPropertyValues("dbexec.connect-timeout=soon").run(context -> {
      assertThat(context).hasFailed();
      assertThat(allMessages(context.getStartupFailure())).contains("dbexec.connect-timeout");
    });
  }

  @Test
  void twoWaysToAuthenticate_startupFailsNamingThemWithoutSecrets() {
    runner.withPropertyValues("dbexec.oauth.client-id=sp-1", "dbexec.oauth.client-secret=oauth-secret-77")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = allMessages(context.getStartupFailure());
          assertThat(message).contains("dbexec.token").contains("dbexec.oauth");
          assertThat(message).doesNotContain(TOKEN).doesNotContain("oauth-secret-77");
        });
  }

  @Test
  void oauthWithoutSecret_startupFailsNamingTheSecretProperty() {
    runner.withPropertyValues("dbexec.token=", "dbexec.oauth.client-id=sp-1").run(context -> {
      assertThat(context).hasFailed();
      assertThat(allMessages(context.getStartupFailure())).contains("dbexec.oauth.client-secret");
    });
  }

  @Test
  void observationAndMeterRegistries_present_executorGetsTheMicrometerListenerFactory() {
    MeterRegistry meters = new SimpleMeterRegistry();
    runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
        .withBean(MeterRegistry.class, () -> meters).run(context -> {
          assertThat(context).hasSingleBean(ExecutorListener.Factory.class);
          assertThat(context.getBean(ExecutorListener.Factory.class))
              .isInstanceOf(ObservationExecutorListenerFactory.class);
          assertThat(meters.get("dbexec.submissions.in.flight").gauge().value()).isZero();
        });
  }

  @Test
  void submission_withObservationRegistry_observedAndRetryMetersReady() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    MeterRegistry meters = new SimpleMeterRegistry();
    runner.withBean(ObservationRegistry.class, () -> observations).withBean(MeterRegistry.class, () -> meters)
        .run(context -> {
          Submission submission = context.getBean(DatabricksExecutor.class).job(job).runNow();
          submission.queueReport(); // a started submission's observation stops when its queue report is known
          long runId = submission.runId();

          TestObservationRegistryAssert.assertThat(observations)
              .hasObservationWithNameEqualTo("dbexec.submission").that()
              .hasLowCardinalityKeyValue("outcome", "SUCCESS")
              .hasHighCardinalityKeyValue("dbexec.run.id", String.valueOf(runId));
          TestObservationRegistryAssert.assertThat(observations)
              .hasObservationWithNameEqualTo("dbexec.http.attempt");
          assertThat(meters.get("dbexec.submissions.in.flight").gauge().value()).isZero();
        });
  }

  @Test
  void noObservationRegistry_noListenerFactory() {
    runner.run(context -> assertThat(context).doesNotHaveBean(ExecutorListener.Factory.class)
        .hasSingleBean(DatabricksExecutor.class));
  }

  @Test
  void eventsFile_given_appSubmittedEventWritten(@TempDir Path dir) {
    Path file = dir.resolve("events.jsonl");
    runner.withPropertyValues("dbexec.events.json-lines-file=" + file).run(context -> {
      long runId = context.getBean(DatabricksExecutor.class).job(job).runNow().runId();
      context.close();

      assertThat(Files.readString(file)).contains("AppSubmittedEvent").contains(String.valueOf(runId));
    });
  }

  private static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static String allMessages(Throwable failure) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      s.append(t.getMessage()).append('\n');
    }
    return s.toString();
  }
}
