package io.github.dbexec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BearerTokenSupplierCredentialsTest {

  private static final AuthContext CONTEXT = AuthContext.builder().host("https://workspace.example.com").build();

  @Test
  void headers_eachCall_asksSupplierAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HeaderFactory factory = BearerTokenSupplierCredentials.of(() -> "tok-" + calls.incrementAndGet())
        .configure(CONTEXT);

    String first = factory.headers().get("Authorization");
    String second = factory.headers().get("Authorization");

    assertThat(first).isEqualTo("Bearer tok-1");
    assertThat(second).isEqualTo("Bearer tok-2");
  }

  @Test
  void headers_supplierAddsBearerPrefix_prefixNotDoubled() throws Exception {
    HeaderFactory factory = BearerTokenSupplierCredentials.of(() -> "Bearer abc").configure(CONTEXT);

    String header = factory.headers().get("Authorization");

    assertThat(header).isEqualTo("Bearer abc");
  }

  @Test
  void headers_supplierReturnsNull_failsNotRetryable() {
    HeaderFactory factory = BearerTokenSupplierCredentials.of(() -> null).configure(CONTEXT);

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("no token")
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isFalse());
  }

  @Test
  void headers_supplierThrowsUncheckedIo_failsRetryableWithoutCopyingMessage() {
    HeaderFactory factory = BearerTokenSupplierCredentials.of(() -> {
      throw new UncheckedIOException(new IOException("vault said token=leaky-123"));
    }).configure(CONTEXT);

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .hasCauseInstanceOf(UncheckedIOException.class)
        .satisfies(e -> assertThat(((CredentialsException) e).isRetryable()).isTrue())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leaky-123"));
  }

  @Test
  void headers_tokenWithNewline_failsWithoutShowingIt() {
    HeaderFactory factory = BearerTokenSupplierCredentials.of(() -> "abc\ninjected: x").configure(CONTEXT);

    assertThatThrownBy(factory::headers)
        .isInstanceOf(CredentialsException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("injected"));
  }

  @Test
  void authType_any_external() {
    BearerTokenSupplierCredentials credentials = BearerTokenSupplierCredentials.of(() -> "x");

    String authType = credentials.authType();

    assertThat(authType).isEqualTo("external");
    assertThat(credentials.toString()).doesNotContain("\"x\"");
  }
}
