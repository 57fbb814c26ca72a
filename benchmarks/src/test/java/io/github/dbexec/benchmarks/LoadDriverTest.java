package io.github.dbexec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
  @Test
  void run_oneSmallRound_everyClientCreatesOneRunPerSubmissionAndIsReported() throws Exception {
    LoadDriver.Options options = new LoadDriver.Options(List.of(ClientKind.values()), 0, 1, 50, 200, 8);
    List<String> progress = new ArrayList<>();

    List<LoadDriver.Measurement> measurements;
    try (BenchServer server = BenchServer.start()) {
      measurements = LoadDriver.run(server, options, progress::add);
    }

    assertThat(measurements).extracting(LoadDriver.Measurement::client).containsExactly(ClientKind.values());
    // warm-ups: at least 100 sequential and 1,000 concurrent submissions
    assertThat(measurements).allSatisfy(m -> {
      assertThat(m.runsOnServer()).isEqualTo(100 + 50 + 1_000 + 200);
      assertThat(m.sequentialOpsPerSecond()).isPositive();
      assertThat(m.concurrentOpsPerSecond()).isPositive();
      assertThat(m.bytesAllocatedPerSubmission()).isPositive();
      assertThat(m.clientCpuMicrosPerSubmission()).isPositive();
      assertThat(m.sequentialLatency().p50()).isLessThanOrEqualTo(m.sequentialLatency().p99());
    });
    assertThat(progress).hasSize(ClientKind.values().length);
    assertThat(LoadDriver.report(measurements)).contains("| dbexec-off |", "| sdk |", "1.00 ± 0.00x");
  }

  @Test
  void keys_anyPrefix_uniqueAnd64CharactersLong() {
    String[] keys = LoadDriver.keys("okhttp-r1-s-", 1_000);

    assertThat(keys).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).hasSize(64).startsWith("okhttp-r1-s-"));
  }

  @Test
  void parse_options_overrideDefaults() {
    LoadDriver.Options options =
        LoadDriver.parse(new String[] {"--rounds", "2", "--clients", "okhttp,sdk", "--concurrency", "4"});

    assertThat(options.rounds()).isEqualTo(2);
    assertThat(options.clients()).containsExactly(ClientKind.OKHTTP, ClientKind.SDK);
    assertThat(options.concurrency()).isEqualTo(4);
    assertThat(options.sequentialOps()).isEqualTo(LoadDriver.Options.defaults().sequentialOps());
  }
}
