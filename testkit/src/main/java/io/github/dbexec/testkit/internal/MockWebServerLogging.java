package io.github.dbexec.testkit.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quiets MockWebServer's {@code java.util.logging} output, which the fake serves its HTTP through: it logs a
 * WARNING whenever a client opens a connection and closes it without a request ("... didn't make a request",
 * routine for pooled clients and for the fake's own connection faults) and another for each connection a fault
 * cuts. Only the {@code mockwebserver3.MockWebServer} logger is touched, and only when nobody configured
 * its level: it is set to {@link Level#SEVERE}, so a crash of a connection handler still shows. A user who
 * wants the warnings sets that logger's level (e.g. {@code mockwebserver3.MockWebServer.level = INFO}
 * in a {@code logging.properties}) and the fake leaves it alone.
 */
public final class MockWebServerLogging {
  /** The logger's name: MockWebServer's class name. */
  public static final String LOGGER_NAME = "mockwebserver3.MockWebServer";
  /** Held strongly: {@code java.util.logging} keeps loggers weakly, and a collected logger loses its level. */
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger(LOGGER_NAME);

  private MockWebServerLogging() {}

  /** Sets the MockWebServer logger to SEVERE unless its level was configured. */
  public static void quiet() {
    synchronized (MOCK_WEB_SERVER) {
      if (MOCK_WEB_SERVER.getLevel() == null) {
        MOCK_WEB_SERVER.setLevel(Level.SEVERE);
      }
    }
  }
}
