package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@FakeJobsServerTest(tokens = "dapi-test", manualClock = true, runDurationMillis = 1000,
    lifecycle = FakeJobsServerExtension.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionAnnotationTest {

  @Test
  @Order(1)
  void annotation_configuresManualClockAndRunDuration(FakeJobsServer server, FakeClock clock) {
    long jobId = server.createJob(JobSpec.builder().build());
    long runId = ((Number) Http.to(server).ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id"))
        .longValue();

    clock.advance(Duration.ofSeconds(1));

    assertThat(clock.instant()).isEqualTo(FakeJobsServerExtension.MANUAL_CLOCK_START.plusSeconds(1));
    assertThat(server.requireRun(runId).resultState()).isEqualTo(ResultState.SUCCESS);
  }

  @Test
  @Order(2)
  void perClass_secondTest_seesResetServer(FakeJobsServer server) {
    assertThat(server.runCount()).isZero();
    assertThat(server.journal().all()).isEmpty();
  }
}
