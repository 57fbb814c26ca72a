package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.auth.internal.HostPatterns;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPatternsTest {

  @ParameterizedTest
  @CsvSource({
      "localhost, localhost, true",
      "localhost, localhost.example, false",
      "*.corp.example, a.corp.example, true",
      "*.corp.example, corp.example, true",
      ".corp.example, a.b.corp.example, true",
      "corp.example, a.corp.example, true",
      "corp.example, notcorp.example, false",
      "10.*, 10.1.2.3, true",
      "10.*, 110.1.2.3, false",
      "*, anything.example, true",
      "Example.COM:8443, example.com, true",
      "[::1], ::1, true",
      "10.0.0.0/8, 10.20.30.40, true",
      "10.0.0.0/8, 11.0.0.1, false",
      "169.254.169.254/32, 169.254.169.254, true",
      "192.168.0.0/16, host.example, false",
  })
  void matches_pattern_expected(String pattern, String host, boolean expected) {
    HostPatterns patterns = HostPatterns.of(List.of(pattern));

    boolean matches = patterns.matches(host);

    assertThat(matches).isEqualTo(expected);
  }
}
