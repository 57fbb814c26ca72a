package io.github.dbexec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosRunTest {
  @Test
  void run_2000KeyedSubmissionsFrom16ThreadsThroughFaults_leavesExactlyOneRunPerKey() throws Exception {
    ChaosRun.Result result = ChaosRun.run(2_000, 16, 7);

    assertThat(result.runsOnServer()).isEqualTo(2_000);
    assertThat(result.distinctRunIds()).isEqualTo(2_000);
    assertThat(result.mismatchedKeys()).isEmpty();
    assertThat(result.consistent()).isTrue();
    // the faults did happen, and each kind was retried: 503, 429 (after its Retry-After) and lost answers
    assertThat(result.runNowRequests()).isGreaterThan(2_300);
    assertThat(result.retries()).containsKeys("503", "429", "transport");
    assertThat(result.longestRetryAfterDelay()).isEqualTo(1_000);
  }
}
