package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeClockTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void manual_advance_movesByExactlyTheDuration() {
    FakeClock clock = FakeClock.manual(START);

    clock.advance(Duration.ofMillis(1500));

    assertThat(clock.instant()).isEqualTo(START.plusMillis(1500));
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 1500);
  }

  @Test
  void toJavaClock_followsFakeTimeAfterAdvance() {
    FakeClock clock = FakeClock.manual(START);
    java.time.Clock javaClock = clock.toJavaClock();

    clock.advance(Duration.ofMinutes(3));

    assertThat(javaClock.instant()).isEqualTo(START.plusSeconds(180));
    assertThat(javaClock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    assertThat(javaClock.withZone(java.time.ZoneId.of("Europe/Paris")).millis()).isEqualTo(clock.millis());
  }

  @Test
  void system_advance_throwsIllegalState() {
    FakeClock clock = FakeClock.system();

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void manual_negativeAdvance_throws() {
    assertThatThrownBy(() -> FakeClock.manual(START).advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
  }

  @Test
  void advanceOnPoll_rejectedRunsGet_doesNotMoveClock() throws Exception {
    FakeClock clock = FakeClock.advanceOnPoll(START, Duration.ofSeconds(1));
    try (FakeJobsServer server = FakeJobsServer.builder().clock(clock).token("good").start()) {

      Http.to(server).withAuthorization("Bearer bad").get("/api/2.2/jobs/runs/get?run_id=1");

      assertThat(clock.instant()).isEqualTo(START);
    }
  }

  @Test
  void advanceOnPoll_eachRunsGet_movesClockAndRunToCompletion() {
    FakeClock clock = FakeClock.advanceOnPoll(START, Duration.ofSeconds(1));
    try (FakeJobsServer server = FakeJobsServer.builder().clock(clock).runDuration(Duration.ofSeconds(3)).start()) {
      Http http = Http.to(server);
      long jobId = server.createJob(JobSpec.builder().build());
      long runId = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();

      String[] states = new String[4];
      for (int i = 0; i < 4; i++) {
        states[i] = (String) ((Map<?, ?>) http.ok("/api/2.2/jobs/runs/get?run_id=" + runId).get("state"))
            .get("life_cycle_state");
      }

      assertThat(states).containsExactly("RUNNING", "RUNNING", "TERMINATED", "TERMINATED");
      assertThat(clock.instant()).isEqualTo(START.plusSeconds(4));
    }
  }
}
