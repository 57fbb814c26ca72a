package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.auth.OAuthM2mCredentials;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.FaultRule;
import io.github.dbexec.testkit.JobSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How token endpoint failures reach the caller: refused credentials, and pauses on the executor's sleeper. */
class RefusedCredentialsTest {

  @Test
  void runNow_oauthSecretRefusedByTokenEndpoint_throwsUnauthenticatedWithoutRetryOrRunNow() {
    FakeTime time = new FakeTime(FakeTime.manualClock());
    try (FakeJobsServer server = FakeJobsServer.builder().oauthClient("sp-client", "right-secret")
            .clock(time.fakeClock()).start();
        DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url())
            .credentials(OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("wrong-secret").build())
            .clock(time).sleeper(time).build()) {
      long job = server.createJob(JobSpec.builder().name("refused").build());

      assertThatThrownBy(() -> executor.job(job).idempotencyKey("k").runNow())
          .isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("refused").doesNotContain("wrong-secret");
          });
      assertThat(server.journal().count("POST", "/jobs/run-now")).as("no run-now reached the workspace").isZero();
      assertThat(time.sleeps()).as("no retry pauses").isEmpty();
    }
  }

  @Test
  void runNow_tokenEndpointRateLimitsOnce_pausesOnTheExecutorsSleeperAndStartsTheRun() {
    FakeTime time = new FakeTime(FakeTime.manualClock());
    try (FakeJobsServer server = FakeJobsServer.builder().oauthClient("sp-client", "right-secret")
            .clock(time.fakeClock()).start();
        DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url())
            .credentials(OAuthM2mCredentials.builder().clientId("sp-client").clientSecret("right-secret").build())
            .clock(time).sleeper(time).build()) {
      long job = server.createJob(JobSpec.builder().name("throttled-token").build());
      server.addFault(FaultRule.on("POST", "/oidc/v1/token").once().rateLimited(Duration.ofSeconds(3)).build());

      Submission submission = executor.job(job).idempotencyKey("k").runNow();

      assertThat(server.run(submission.runId())).isNotNull();
      assertThat(server.journal().count("POST", "/oidc/v1/token")).isEqualTo(2);
      assertThat(time.sleeps()).as("the token endpoint's Retry-After, slept on the injected sleeper")
          .contains(Duration.ofSeconds(3));
    }
  }
}
