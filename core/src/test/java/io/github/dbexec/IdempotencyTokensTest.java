package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyTokensTest {
  @Test
  void forRunNow_documentedExample_matchesSha256ComputedElsewhere() {
    // printf '%s' 'dbexec:v1:run-now:11223344:file-closed:/data/in/part-0001.parquet' | sha256sum
    assertThat(IdempotencyTokens.forRunNow(11223344L, "file-closed:/data/in/part-0001.parquet"))
        .isEqualTo("0402e32fe8c372482acf53d0db61ffddc06659ccdbb7470f93e8688107568d21");
  }

  @Test
  void forSubmit_matchesSha256ComputedElsewhere() {
    // printf '%s' 'dbexec:v1:runs-submit::k1' | sha256sum
    assertThat(IdempotencyTokens.forSubmit("k1"))
        .isEqualTo("0d37bc2b9beee9ab69ea68c9ff43ea9a1be9e00556229b816d859683d6946c77");
  }

  @Test
  void forRunNow_namespacedByJobAndKind() {
    assertThat(IdempotencyTokens.forRunNow(1, "k")).isNotEqualTo(IdempotencyTokens.forRunNow(2, "k"))
        .isNotEqualTo(IdempotencyTokens.forSubmit("k")).hasSize(IdempotencyTokens.MAX_LENGTH);
  }

  @Test
  void random_isFreshEachTimeAndFits() {
    assertThat(IdempotencyTokens.random()).isNotEqualTo(IdempotencyTokens.random()).hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void forRunNow_badInput_rejected() {
    assertThatThrownBy(() -> IdempotencyTokens.forRunNow(0, "k")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> IdempotencyTokens.forRunNow(1, "")).isInstanceOf(InvalidRequestException.class);
  }
}
