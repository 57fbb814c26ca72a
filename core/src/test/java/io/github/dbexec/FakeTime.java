package io.github.dbexec;

import io.github.dbexec.testkit.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The executor's clock and sleeper driven by the fake server's manual clock: sleeping advances the fake clock, so
 * retries and waits take no wall-clock time, and every wait is recorded for assertions.
 */
final class FakeTime extends Clock implements Sleeper {
  private final FakeClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime(FakeClock clock) {
    this.clock = clock;
  }

  /** The fake server's clock this time is read from. */
  FakeClock fakeClock() {
    return clock;
  }

  static FakeClock manualClock() {
    return FakeClock.manual(Instant.parse("2026-11-21T10:00:00Z"));
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  /** Every wait the executor asked for, in order. */
  List<Duration> sleeps() {
    return sleeps;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeTime is UTC only");
  }

  @Override
  public Instant instant() {
    return clock.instant();
  }

  @Override
  public long millis() {
    return clock.millis();
  }
}
