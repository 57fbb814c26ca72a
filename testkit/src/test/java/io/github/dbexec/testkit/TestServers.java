package io.github.dbexec.testkit;

import java.time.Duration;
import java.time.Instant;

/** Shared arrangements: a started server on a manual clock with 10 s runs. */
final class TestServers {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestServers() {}

  static FakeJobsServer manual() {
    return FakeJobsServer.builder()
        .token("dapi-test")
        .clock(FakeClock.manual(T0))
        .runDuration(Duration.ofSeconds(10))
        .start();
  }
}
