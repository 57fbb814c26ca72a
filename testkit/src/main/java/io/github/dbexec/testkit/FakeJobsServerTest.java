package io.github.dbexec.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a {@link FakeJobsServer}: declare a parameter of type {@link FakeJobsServer},
 * {@link FakeClock} or {@link RequestJournal} on a test, lifecycle or constructor method to receive it.
 *
 * <pre>{@code
 * @FakeJobsServerTest(tokens = "dapi-test", manualClock = true)
 * class MyClientTest {
 *   @Test
 *   void runNow_startsRun(FakeJobsServer server) {
 *     long jobId = server.createJob(JobSpec.builder().build());
 *     // ... call the client against server.url() ...
 *     assertThat(server.runs(jobId)).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p>For programmatic configuration use {@link FakeJobsServerExtension} with {@code @RegisterExtension}
 * instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeJobsServerExtension.class)
public @interface FakeJobsServerTest {

  /**
   * Accepted Bearer tokens; empty (the default) accepts any Bearer token.
   *
   * @return the accepted Bearer tokens (none: any token)
   */
  String[] tokens() default {};

  /**
   * How long runs stay RUNNING, in milliseconds; default 2000.
   *
   * @return how long runs stay RUNNING, in milliseconds
   */
  long runDurationMillis() default 2000;

  /**
   * Whether the server uses {@link FakeClock#manual(java.time.Instant)} starting at
   * {@link FakeJobsServerExtension#MANUAL_CLOCK_START} (2026-01-01T00:00:00Z) instead of the system clock;
   * default false.
   *
   * @return whether the server uses {@link FakeClock#manual(java.time.Instant)} starting at {@link
   *     FakeJobsServerExtension#MANUAL_CLOCK_START} (2026-01-01T00:00:00Z) instead of the system clock
   */
  boolean manualClock() default false;

  /**
   * One server per test method (the default) or one per test class, reset after each test.
   *
   * @return one server per test method (the default) or one per test class
   */
  FakeJobsServerExtension.Lifecycle lifecycle() default FakeJobsServerExtension.Lifecycle.PER_TEST;
}
