package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class AuthContextTest {

  @Test
  void build_bareHostName_addsHttpsAndDefaults() {
    AuthContext context = AuthContext.builder().host("adb-1.7.azuredatabricks.net").build();

    assertThat(context.host().toString()).isEqualTo("https://adb-1.7.azuredatabricks.net/");
    assertThat(context.clock()).isEqualTo(Clock.systemUTC());
    assertThat(context.httpClient()).isNotNull();
  }

  @Test
  void build_withoutHost_failsNamingHost() {
    assertThatThrownBy(() -> AuthContext.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host is required");
  }

  @Test
  void host_notAUrl_failsNamingHost() {
    assertThatThrownBy(() -> AuthContext.builder().host("https://exa mple"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }
}
