package io.github.dbexec.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.FakeJobsServer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class MockWebServerLoggingTest {
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger(MockWebServerLogging.LOGGER_NAME);

  @Test
  void build_fakeServer_setsMockWebServerLoggerToSevereOnly() {
    FakeJobsServer.builder().build().close();

    assertThat(MOCK_WEB_SERVER.getLevel()).isEqualTo(Level.SEVERE);
    assertThat(Logger.getLogger("okhttp3").getLevel()).isNull();
    assertThat(Logger.getLogger("").getLevel()).isNotEqualTo(Level.SEVERE);
  }

  @Test
  void quiet_levelConfiguredByUser_leavesIt() {
    Level before = MOCK_WEB_SERVER.getLevel();
    MOCK_WEB_SERVER.setLevel(Level.INFO);
    try {
      MockWebServerLogging.quiet();

      assertThat(MOCK_WEB_SERVER.getLevel()).isEqualTo(Level.INFO);
    } finally {
      MOCK_WEB_SERVER.setLevel(before);
    }
  }
}
