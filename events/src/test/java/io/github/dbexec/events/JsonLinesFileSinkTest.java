package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.JsonLinesFileSink.Durability;
import io.github.dbexec.events.JsonLinesFileSink.SkippedLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileSinkTest {
  @TempDir Path dir;

  @Test
  void accept_everyType_writesOneLineEachReadableBack() throws Exception {
    Path file = dir.resolve("events.jsonl");

    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      for (ExecutorEvent event : TestEvents.all()) {
        sink.accept(event);
      }
    }

    assertThat(Files.readAllLines(file)).hasSize(TestEvents.all().size());
    assertThat(JsonLinesFileSink.read(file)).containsExactlyElementsOf(TestEvents.all());
  }

  @Test
  void accept_nThreadsConcurrently_leavesExactlyNWholeLines() throws Exception {
    Path file = dir.resolve("concurrent.jsonl");
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();

    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 1; i <= perThread; i++) {
            sink.accept(TestEvents.appSubmitted().toBuilder().runId(thread * 1_000_000L + i)
                .queueReason("x".repeat(1000 + i)).build());
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(threads * perThread);
    Set<Long> runIds = new HashSet<>();
    for (ExecutorEvent event : JsonLinesFileSink.read(file)) {
      runIds.add(((AppSubmittedEvent) event).runId());
    }
    assertThat(runIds).hasSize(threads * perThread);
  }

  @Test
  void asyncDispatcherIntoFile_nThreadsThenClose_loseNothing() throws Exception {
    Path file = dir.resolve("async.jsonl");
    int threads = 4;
    int perThread = 500;
    List<EventDeliveryFailure> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    AsyncEventDispatcher dispatcher = AsyncEventDispatcher.builder().delegate(JsonLinesFileSink.open(file))
        .capacity(64).failureHandler(failures::add).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();

    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 1; i <= perThread; i++) {
            dispatcher.accept(RunQueuedEvent.builder().runId(thread * 1_000_000L + i).creationTimestamp(i).build());
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      dispatcher.close();
    }

    assertThat(failures).isEmpty();
    assertThat(JsonLinesFileSink.read(file)).hasSize(threads * perThread).doesNotHaveDuplicates();
  }

  @Test
  void open_existingFile_appendsInsteadOfTruncating() throws Exception {
    Path file = dir.resolve("append.jsonl");
    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      sink.accept(TestEvents.runQueued());
    }

    try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(file).durability(Durability.FSYNC_PER_EVENT).build()) {
      sink.accept(TestEvents.runSkipped());
    }

    assertThat(JsonLinesFileSink.read(file)).containsExactly(TestEvents.runQueued(), TestEvents.runSkipped());
  }

  @Test
  void accept_beforeClose_isOnDiskWithoutFlush() throws Exception {
    Path file = dir.resolve("visible.jsonl");

    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      sink.accept(TestEvents.runQueued());

      assertThat(JsonLinesFileSink.read(file)).containsExactly(TestEvents.runQueued());
    }
  }

  @Test
  void accept_fromInterruptedThread_writesAndSinkKeepsWorking() throws Exception {
    Path file = dir.resolve("interrupted.jsonl");

    try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(file).durability(Durability.FSYNC_PER_EVENT).build()) {
      Thread.currentThread().interrupt();
      try {
        sink.accept(TestEvents.runQueued());
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      sink.accept(TestEvents.runSkipped());
    }

    assertThat(JsonLinesFileSink.read(file)).containsExactly(TestEvents.runQueued(), TestEvents.runSkipped());
  }

  @Test
  void accept_afterClose_throwsIllegalState() throws Exception {
    JsonLinesFileSink sink = JsonLinesFileSink.open(dir.resolve("closed.jsonl"));
    sink.close();

    assertThatThrownBy(() -> sink.accept(TestEvents.runQueued()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void read_truncatedLastLine_skipsItAndKeepsTheRest() throws Exception {
    Path file = dir.resolve("truncated.jsonl");
    String whole = EventCodec.toJson(TestEvents.runQueued()) + "\n";
    Files.writeString(file, whole + "\n" + EventCodec.toJson(TestEvents.runSkipped()).substring(0, 40));
    List<SkippedLine> skipped = new ArrayList<>();

    List<ExecutorEvent> events = read(file, skipped);

    assertThat(events).containsExactly(TestEvents.runQueued());
    assertThat(skipped).singleElement().extracting(SkippedLine::lineNumber).isEqualTo(3L);
    assertThat(JsonLinesFileSink.read(file)).containsExactly(TestEvents.runQueued());
  }

  @Test
  void stream_malformedLineInTheMiddle_reportsItWithLineNumberAndReturnsTheRest() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, EventCodec.toJson(TestEvents.runQueued()) + "\n{oops\n"
        + EventCodec.toJson(TestEvents.runSkipped()) + "\n");
    List<SkippedLine> skipped = new ArrayList<>();

    List<ExecutorEvent> events = read(file, skipped);

    assertThat(events).containsExactly(TestEvents.runQueued(), TestEvents.runSkipped());
    assertThat(skipped).singleElement().satisfies(line -> {
      assertThat(line.file()).isEqualTo(file);
      assertThat(line.lineNumber()).isEqualTo(2);
      assertThat(line.reason()).contains("malformed event record JSON");
    });
    assertThat(JsonLinesFileSink.read(file)).containsExactly(TestEvents.runQueued(), TestEvents.runSkipped());
  }

  @Test
  void stream_consumedOneByOne_readsLazilyAndReportsALaterBadLineOnlyWhenReached() throws Exception {
    Path file = dir.resolve("lazy.jsonl");
    Files.writeString(file, EventCodec.toJson(TestEvents.runQueued()) + "\n" + EventCodec.toJson(TestEvents.runSkipped())
        + "\n{\"headerAttributes\":\n");
    List<SkippedLine> skipped = new ArrayList<>();

    try (Stream<ExecutorEvent> events = JsonLinesFileSink.stream(file, skipped::add)) {
      java.util.Iterator<ExecutorEvent> iterator = events.iterator();

      assertThat(iterator.next()).isEqualTo(TestEvents.runQueued());
      assertThat(skipped).isEmpty();
      assertThat(iterator.next()).isEqualTo(TestEvents.runSkipped());
      assertThat(iterator.hasNext()).isFalse();
      assertThat(skipped).extracting(SkippedLine::lineNumber).containsExactly(3L);
    }
  }

  @Test
  void open_afterCrashLeftTornLastLine_endsItSoEveryIntactRecordReadsBack() throws Exception {
    Path file = dir.resolve("torn.jsonl");
    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      sink.accept(TestEvents.runQueued());
      sink.accept(TestEvents.runSkipped());
    }
    byte[] torn = (EventCodec.toJson(TestEvents.submissionFailed().toBuilder().message("Zürich").build()))
        .getBytes(StandardCharsets.UTF_8);
    int cut = new String(torn, StandardCharsets.UTF_8).indexOf("ü") + 1; // inside the two bytes of 'ü'
    Files.write(file, java.util.Arrays.copyOf(torn, cut), StandardOpenOption.APPEND); // the crash

    try (JsonLinesFileSink restarted = JsonLinesFileSink.open(file)) {
      restarted.accept(TestEvents.runStateChanged());
      restarted.accept(TestEvents.runTerminated());
    }
    List<SkippedLine> skipped = new ArrayList<>();
    List<ExecutorEvent> events = read(file, skipped);

    assertThat(events).containsExactly(TestEvents.runQueued(), TestEvents.runSkipped(),
        TestEvents.runStateChanged(), TestEvents.runTerminated());
    assertThat(skipped).extracting(SkippedLine::lineNumber).containsExactly(3L);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(java.util.stream.IntStream.range(0, bytes.length).filter(i -> bytes[i] == '\n').count()).isEqualTo(5);
  }

  @Test
  void open_fileEndingWithNewline_addsNothing() throws Exception {
    Path file = dir.resolve("clean.jsonl");
    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      sink.accept(TestEvents.runQueued());
    }

    JsonLinesFileSink.open(file).close();

    assertThat(Files.readString(file)).isEqualTo(EventCodec.toJson(TestEvents.runQueued()) + "\n");
  }

  @Test
  void streamRecords_lineLongerThanLimit_isReportedWithoutStoppingTheRead() throws Exception {
    Path file = dir.resolve("long.jsonl");
    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      sink.accept(TestEvents.runQueued());
    }
    try (java.io.OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int written = 0; written <= JsonLinesFileSink.MAX_LINE_BYTES; written += chunk.length) {
        out.write(chunk);
      }
      out.write('\n');
    }
    try (JsonLinesFileSink sink = JsonLinesFileSink.open(file)) {
      sink.accept(TestEvents.runSkipped());
    }
    List<SkippedLine> skipped = new ArrayList<>();

    List<EventRecord> records;
    try (Stream<EventRecord> stream = JsonLinesFileSink.streamRecords(file, skipped::add)) {
      records = stream.toList();
    }

    assertThat(records).extracting(EventRecord::type).containsExactly("RunQueuedEvent", "RunSkippedEvent");
    assertThat(skipped).singleElement().satisfies(line -> {
      assertThat(line.lineNumber()).isEqualTo(2);
      assertThat(line.reason()).contains("longer than " + JsonLinesFileSink.MAX_LINE_BYTES + " bytes");
    });
  }

  @Test
  void builder_batchSizeWithoutBatchDurability_failsNamingIt() {
    JsonLinesFileSink.Builder builder = JsonLinesFileSink.builder().path(dir.resolve("x.jsonl")).batchSize(10);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize applies only to durability FSYNC_PER_BATCH, but durability was FLUSH_PER_EVENT");
    assertThatThrownBy(() -> JsonLinesFileSink.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be >= 1 but was 0");
  }

  @Test
  void accept_fsyncPerBatch_writesEveryRecordBeforeReturning() throws Exception {
    Path file = dir.resolve("batch.jsonl");

    try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(file).durability(Durability.FSYNC_PER_BATCH)
        .batchSize(2).build()) {
      for (ExecutorEvent event : TestEvents.all()) {
        sink.accept(event);
      }

      assertThat(JsonLinesFileSink.read(file)).containsExactlyElementsOf(TestEvents.all());
      assertThat(sink.toString()).contains("FSYNC_PER_BATCH").contains("batchSize=2");
    }
  }

  private static List<ExecutorEvent> read(Path file, List<SkippedLine> skipped) throws Exception {
    try (Stream<ExecutorEvent> events = JsonLinesFileSink.stream(file, skipped::add)) {
      return events.toList();
    }
  }

  @Test
  void readRecords_unknownType_returnsRawRecordWhileStreamReportsIt() throws Exception {
    Path file = dir.resolve("future.jsonl");
    Files.writeString(file, EventRecord.of("RunRepairedEvent", 1, 5L, java.util.Map.of("run_id", 1L)).toJson()
        + "\n", StandardOpenOption.CREATE);
    List<SkippedLine> skipped = new ArrayList<>();

    List<EventRecord> records = JsonLinesFileSink.readRecords(file);

    assertThat(records).singleElement().extracting(EventRecord::type).isEqualTo("RunRepairedEvent");
    assertThat(read(file, skipped)).isEmpty();
    assertThat(skipped).singleElement().extracting(SkippedLine::error).isInstanceOf(UnknownEventTypeException.class);
  }
}
