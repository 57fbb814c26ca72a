package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

  private static final AuthContext CONTEXT = AuthContext.builder().host("https://workspace.example.com").build();

  @Test
  void headers_userAndPassword_basicAuthorization() throws Exception {
    BasicCredentials credentials = BasicCredentials.of("ana@example.com", "pässword");

    Map<String, String> headers = credentials.configure(CONTEXT).headers();

    assertThat(headers).containsExactly(Map.entry("Authorization",
        Credentials.basic("ana@example.com", "pässword", java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(credentials.authType()).isEqualTo("basic");
  }

  @Test
  void toString_anyCredentials_showsUserRedactsPassword() {
    BasicCredentials credentials = BasicCredentials.of("ana", "hunter2-secret");

    String text = credentials.toString();

    assertThat(text).contains("ana").doesNotContain("hunter2-secret");
  }

  @Test
  void of_userWithColon_failsNamingUsername() {
    assertThatThrownBy(() -> BasicCredentials.of("a:b", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username");
  }

  @Test
  void of_emptyPassword_failsNamingPassword() {
    assertThatThrownBy(() -> BasicCredentials.of("ana", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password");
  }
}
