package io.github.dbexec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
  @Test
  void run_oneSmallRound_everyClientCreatesOneRunPerSubmissionAndIsReported() throws Exception {
    LoadDriver.Options options = new LoadDriver.Options(List.of(ClientKind.values()), 0, 1, 50, 200, 8, 20);
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
    // the burst, counted at the server: one run-now per submission, plus what each client adds
    assertThat(measurements).allSatisfy(m -> {
      assertThat(m.burst().submissions()).isEqualTo(20);
      assertThat(m.burst().byEndpoint()).containsEntry("POST /jobs/run-now", 20);
      assertThat(m.burst().outcomes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    });
    assertThat(measurements).filteredOn(m -> m.client() == ClientKind.OKHTTP || m.client() == ClientKind.DBEXEC_OFF)
        .allSatisfy(m -> assertThat(m.burst().requests()).isEqualTo(20));
    assertThat(measurements).filteredOn(m -> m.client() == ClientKind.DBEXEC_DEFAULT).singleElement()
        .satisfies(m -> {
          // run-now, at most one look-up each, jobs/get at most once per submission in flight before it is cached
          assertThat(m.burst().requests()).isBetween(21, 20 * 2 + 8);
          assertThat(m.burst().outcomes()).containsEntry("STARTED", 20);
        });
    assertThat(progress).hasSize(ClientKind.values().length);
    assertThat(LoadDriver.report(measurements)).contains("| dbexec-off |", "| sdk |", "1.00 ± 0.00x", "caller p50",
        "burst requests/submission");
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
    assertThat(options.burst()).isEqualTo(200);
    assertThat(options.sequentialOps()).isEqualTo(LoadDriver.Options.defaults().sequentialOps());
  }
}
