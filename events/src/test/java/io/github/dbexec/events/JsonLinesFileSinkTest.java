package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(file).fsync(true).build()) {
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

    try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(file).fsync(true).build()) {
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

    List<ExecutorEvent> events = JsonLinesFileSink.read(file);

    assertThat(events).containsExactly(TestEvents.runQueued());
  }

  @Test
  void read_badLineInTheMiddle_throwsNamingLineNumber() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, EventCodec.toJson(TestEvents.runQueued()) + "\n{oops\n" + EventCodec.toJson(TestEvents.runQueued()) + "\n");

    assertThatThrownBy(() -> JsonLinesFileSink.read(file))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void readRecords_unknownType_returnsRawRecordWhileReadThrows() throws Exception {
    Path file = dir.resolve("future.jsonl");
    Files.writeString(file, EventRecord.of("RunRepairedEvent", 1, 5L, java.util.Map.of("run_id", 1L)).toJson()
        + "\n", StandardOpenOption.CREATE);

    List<EventRecord> records = JsonLinesFileSink.readRecords(file);

    assertThat(records).singleElement().extracting(EventRecord::type).isEqualTo("RunRepairedEvent");
    assertThatThrownBy(() -> JsonLinesFileSink.read(file)).isInstanceOf(UnknownEventTypeException.class);
  }
}
