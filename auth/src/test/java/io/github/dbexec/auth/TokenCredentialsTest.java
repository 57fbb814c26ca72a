package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCredentialsTest {

  private static final AuthContext CONTEXT = AuthContext.builder().host("https://workspace.example.com").build();

  @Test
  void headers_validToken_bearerAuthorization() throws Exception {
    TokenCredentials credentials = TokenCredentials.of("dapi-secret-123");

    Map<String, String> headers = credentials.configure(CONTEXT).headers();

    assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer dapi-secret-123"));
    assertThat(credentials.authType()).isEqualTo("pat");
  }

  @Test
  void toString_anyToken_redactsToken() {
    TokenCredentials credentials = TokenCredentials.of("dapi-secret-123");

    String text = credentials.toString();

    assertThat(text).doesNotContain("dapi-secret-123").contains("<redacted>");
  }

  @Test
  void of_blankToken_failsNamingToken() {
    assertThatThrownBy(() -> TokenCredentials.of("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token");
  }

  @Test
  void of_tokenWithNewline_failsWithoutShowingValue() {
    assertThatThrownBy(() -> TokenCredentials.of("dapi-secret\n123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("dapi-secret"));
  }

  @Test
  void of_tokenWithTrailingLineBreak_stripsIt() throws Exception {
    TokenCredentials credentials = TokenCredentials.of("dapi-from-file\n");

    Map<String, String> headers = credentials.configure(CONTEXT).headers();

    assertThat(headers).containsEntry("Authorization", "Bearer dapi-from-file");
    assertThat(credentials).isEqualTo(TokenCredentials.of("dapi-from-file"));
  }

  @Test
  void of_nullToken_failsNamingToken() {
    assertThatThrownBy(() -> TokenCredentials.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("token");
  }

  @Test
  void equals_sameToken_equalAndSameHash() {
    TokenCredentials a = TokenCredentials.of("dapi-1");
    TokenCredentials b = TokenCredentials.of("dapi-1");

    boolean equal = a.equals(b);

    assertThat(equal).isTrue();
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a).isNotEqualTo(TokenCredentials.of("dapi-2"));
  }
}
