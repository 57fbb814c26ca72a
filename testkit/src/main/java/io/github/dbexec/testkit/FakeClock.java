package io.github.dbexec.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time of a {@link FakeJobsServer}: every timestamp it writes ({@code created_time}, {@code start_time},
 * {@code end_time}, durations) and every run transition comes from this clock, in epoch milliseconds.
 *
 * <p>Three kinds:
 * <ul>
 *   <li>{@link #manual(Instant)}: moves only when the test calls {@link #advance(Duration)}; runs then move
 *       through their phases exactly as far as the new time says (no sleeping, fully deterministic).
 *   <li>{@link #system()}: real time ({@link System#currentTimeMillis()}); {@code advance} is refused.
 *   <li>{@link #advanceOnPoll(Instant, Duration)}: like manual, and additionally every {@code runs/get}
 *       request moves it forward by a fixed step before it is answered, so a client polling a run sees it
 *       progress without the test driving the clock.
 * </ul>
 *
 * <p>Thread-safe. A clock may be shared by several servers (they then see the same time).
 */
public final class FakeClock {
  private enum Kind { MANUAL, SYSTEM, ADVANCE_ON_POLL }

  private final Kind kind;
  private final AtomicLong millis;
  private final long stepMillis;

  private FakeClock(Kind kind, long startMillis, long stepMillis) {
    this.kind = kind;
    this.millis = new AtomicLong(startMillis);
    this.stepMillis = stepMillis;
  }

  /**
   * A clock that stands still until {@link #advance(Duration)} is called.
   *
   * @param start the initial time (millisecond precision)
   * @return a clock that moves only when told
   */
  public static FakeClock manual(Instant start) {
    Objects.requireNonNull(start, "start");
    return new FakeClock(Kind.MANUAL, start.toEpochMilli(), 0);
  }

  /**
   * Real time; {@link #advance(Duration)} throws {@link IllegalStateException}.
   *
   * @return a clock that follows the system clock
   */
  public static FakeClock system() {
    return new FakeClock(Kind.SYSTEM, 0, 0);
  }

  /**
   * A manual clock that also moves forward by {@code step} each time the server receives a
   * {@code runs/get} request (before answering it).
   *
   * @param start the initial time
   * @param step the advance per {@code runs/get}; must not be negative
   * @return a clock that moves by {@code step} on each {@code runs/get}
   * @throws IllegalArgumentException when {@code step} is negative
   */
  public static FakeClock advanceOnPoll(Instant start, Duration step) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException("step must not be negative, got " + step);
    }
    return new FakeClock(Kind.ADVANCE_ON_POLL, start.toEpochMilli(), step.toMillis());
  }

  /**
   * The current time in epoch milliseconds.
   *
   * @return the current time in epoch milliseconds
   */
  public long millis() {
    return kind == Kind.SYSTEM ? System.currentTimeMillis() : millis.get();
  }

  /**
   * The current time.
   *
   * @return the current time
   */
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  /**
   * Whether {@link #advance(Duration)} is allowed (false only for the system clock).
   *
   * @return whether {@link #advance(Duration)} is allowed (false only for the system clock)
   */
  public boolean isControllable() {
    return kind != Kind.SYSTEM;
  }

  /**
   * Moves the clock forward. The server applies the run transitions that became due at their exact times
   * the next time anything looks at it (a request or a Java-API read).
   *
   * @param duration how far (millisecond precision); must not be negative
   * @throws IllegalStateException for the {@link #system()} clock
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (kind == Kind.SYSTEM) {
      throw new IllegalStateException("the system clock cannot be advanced; use FakeClock.manual(..)");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration);
    }
    millis.addAndGet(duration.toMillis());
  }

  /**
   * A {@link java.time.Clock} view of this clock (zone UTC), for clients that take one: their deadlines
   * and timestamps then follow the fake time. Pair it with {@link #advance(Duration)} as the client's
   * sleeper (e.g. {@code clock::advance}) so that waiting moves the fake time instead of the wall clock.
   *
   * @return a {@link java.time.Clock} reading this clock
   */
  public Clock toJavaClock() {
    return new ZonedView(this, ZoneOffset.UTC);
  }

  /** A {@link Clock} view of a fake clock in a zone. */
  private static final class ZonedView extends Clock {
    private final FakeClock fake;
    private final ZoneId zone;

    ZonedView(FakeClock fake, ZoneId zone) {
      this.fake = fake;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new ZonedView(fake, newZone);
    }

    @Override
    public long millis() {
      return fake.millis();
    }

    @Override
    public Instant instant() {
      return fake.instant();
    }

    @Override
    public String toString() {
      return "JavaClock(" + fake + ", " + zone + ")";
    }
  }

  /** Called by the server on every {@code runs/get}. */
  void onPoll() {
    if (kind == Kind.ADVANCE_ON_POLL) {
      millis.addAndGet(stepMillis);
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case SYSTEM:
        return "FakeClock{system}";
      case ADVANCE_ON_POLL:
        return "FakeClock{advanceOnPoll, now=" + instant() + ", step=" + stepMillis + "ms}";
      default:
        return "FakeClock{manual, now=" + instant() + "}";
    }
  }
}
