package io.github.dbexec.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * A JUnit 5 extension that starts a {@link FakeJobsServer} for each test (or each test class) and closes
 * it afterwards, and injects it (or its {@link FakeClock} / {@link RequestJournal}) into parameters.
 *
 * <pre>{@code
 * class MyClientTest {
 *   @RegisterExtension
 *   final FakeJobsServerExtension fake = FakeJobsServerExtension.perTest(b -> b.token("dapi-test"));
 *
 *   @Test
 *   void runNow_startsRun() {
 *     FakeJobsServer server = fake.server();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Per class: register on a {@code static} field with {@link #perClass(Consumer)}; the server is started
 * before the first test, {@link FakeJobsServer#reset() reset} after each test and closed after the last.
 * The declarative form is {@link FakeJobsServerTest}.
 *
 * <p>State lives in JUnit's extension store, not in static fields. {@link #server()} returns the server of
 * the test running most recently on this extension instance; with parallel execution of methods sharing
 * one extension instance, use parameter injection instead.
 */
public final class FakeJobsServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** Where {@link FakeJobsServerTest#manualClock()} starts: 2026-01-01T00:00:00Z. */
  public static final Instant MANUAL_CLOCK_START = Instant.parse("2026-01-01T00:00:00Z");

  /** How long a server lives. */
  public enum Lifecycle {
    /** A new server for every test method. */
    PER_TEST,
    /** One server per test class, reset after each test. */
    PER_CLASS
  }

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeJobsServerExtension.class);
  private static final String KEY = "server";

  private final @Nullable Consumer<FakeJobsServer.Builder> configurer;
  private final @Nullable Lifecycle lifecycle;
  private volatile @Nullable FakeJobsServer current;

  /** For {@code @ExtendWith} / {@link FakeJobsServerTest}: configured from the annotation, else defaults. */
  public FakeJobsServerExtension() {
    this(null, null);
  }

  private FakeJobsServerExtension(@Nullable Lifecycle lifecycle, @Nullable Consumer<FakeJobsServer.Builder> configurer) {
    this.lifecycle = lifecycle;
    this.configurer = configurer;
  }

  /**
   * A server per test with the defaults.
   *
   * @return the extension
   */
  public static FakeJobsServerExtension perTest() {
    return new FakeJobsServerExtension(Lifecycle.PER_TEST, b -> { });
  }

  /**
   * A server per test, configured by {@code configurer} (do not call start/build on the builder).
   *
   * @param configurer sets up the builder of each server
   * @return the extension
   */
  public static FakeJobsServerExtension perTest(Consumer<FakeJobsServer.Builder> configurer) {
    return new FakeJobsServerExtension(Lifecycle.PER_TEST, Objects.requireNonNull(configurer, "configurer"));
  }

  /**
   * One server per test class (register on a static field), reset after each test.
   *
   * @return the extension
   */
  public static FakeJobsServerExtension perClass() {
    return new FakeJobsServerExtension(Lifecycle.PER_CLASS, b -> { });
  }

  /**
   * One server per test class, configured by {@code configurer}, reset after each test.
   *
   * @param configurer sets up the builder of each server
   * @return the extension
   */
  public static FakeJobsServerExtension perClass(Consumer<FakeJobsServer.Builder> configurer) {
    return new FakeJobsServerExtension(Lifecycle.PER_CLASS, Objects.requireNonNull(configurer, "configurer"));
  }

  /**
   * The server of the current test.
   *
   * @return the server
   * @throws IllegalStateException outside a test
   */
  public FakeJobsServer server() {
    FakeJobsServer server = current;
    if (server == null) {
      throw new IllegalStateException("no FakeJobsServer: server() is available only while a test runs");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (lifecycle(context) == Lifecycle.PER_CLASS) {
      current = startInto(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (lifecycle(context) == Lifecycle.PER_CLASS) {
      FakeJobsServer shared = context.getStore(NAMESPACE).get(KEY, FakeJobsServer.class);
      // registered on an instance field: beforeAll was not called, keep one server on the class level
      current = shared != null ? shared : startInto(context.getParent().orElse(context));
    } else {
      current = startInto(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (lifecycle(context) == Lifecycle.PER_CLASS) {
      FakeJobsServer shared = context.getStore(NAMESPACE).get(KEY, FakeJobsServer.class);
      if (shared != null) {
        shared.reset();
      }
    } else {
      closeFrom(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeFrom(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeJobsServer.class || type == FakeClock.class || type == RequestJournal.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeJobsServer server = context.getStore(NAMESPACE).get(KEY, FakeJobsServer.class);
    if (server == null) {
      throw new ParameterResolutionException("no FakeJobsServer is running for " + context.getDisplayName()
          + " (with a per-test server, inject it into test methods, not into @BeforeAll)");
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == FakeClock.class) {
      return server.clock();
    }
    if (type == RequestJournal.class) {
      return server.journal();
    }
    return server;
  }

  private FakeJobsServer startInto(ExtensionContext context) {
    FakeJobsServer.Builder builder = FakeJobsServer.builder();
    if (configurer != null) {
      configurer.accept(builder);
    } else {
      annotation(context).ifPresent(a -> configureFrom(a, builder));
    }
    FakeJobsServer server = builder.start();
    context.getStore(NAMESPACE).put(KEY, server);
    return server;
  }

  private static void configureFrom(FakeJobsServerTest annotation, FakeJobsServer.Builder builder) {
    for (String token : annotation.tokens()) {
      builder.token(token);
    }
    builder.runDuration(Duration.ofMillis(annotation.runDurationMillis()));
    if (annotation.manualClock()) {
      builder.clock(FakeClock.manual(MANUAL_CLOCK_START));
    }
  }

  private void closeFrom(ExtensionContext context) {
    FakeJobsServer server = context.getStore(NAMESPACE).remove(KEY, FakeJobsServer.class);
    if (server != null) {
      server.close();
      if (current == server) {
        current = null;
      }
    }
  }

  private Lifecycle lifecycle(ExtensionContext context) {
    if (lifecycle != null) {
      return lifecycle;
    }
    return annotation(context).map(FakeJobsServerTest::lifecycle).orElse(Lifecycle.PER_TEST);
  }

  private static Optional<FakeJobsServerTest> annotation(ExtensionContext context) {
    Optional<Class<?>> testClass = context.getTestClass();
    for (Class<?> c = testClass.orElse(null); c != null; c = c.getEnclosingClass()) {
      FakeJobsServerTest annotation = c.getAnnotation(FakeJobsServerTest.class);
      if (annotation != null) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }
}
