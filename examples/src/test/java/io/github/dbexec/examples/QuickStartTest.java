package io.github.dbexec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.JsonLinesFileSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void run_onFakeServer_printsTableWithQueuedDeduplicatedAndSkippedAndWritesEvents() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    QuickStart.Result result =
        QuickStart.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of(), new String[0]);

    String printed = buffer.toString(StandardCharsets.UTF_8);
    List<QuickStart.Row> rows = result.rows();
    assertThat(rows).hasSize(13);
    assertThat(rows.subList(0, 2)).extracting(QuickStart.Row::outcome).containsOnly("STARTED");
    assertThat(rows.subList(2, 10)).extracting(QuickStart.Row::outcome).containsOnly("QUEUED");
    QuickStart.Row redelivered = rows.get(10);
    assertThat(redelivered.runId()).isEqualTo(rows.get(2).runId());
    assertThat(redelivered.note()).contains("re-delivered");
    assertThat(rows.get(11).outcome()).isEqualTo("STARTED");
    assertThat(rows.get(12).outcome()).isEqualTo("SKIPPED");
    assertThat(rows.subList(0, 10)).extracting(QuickStart.Row::runId).doesNotHaveDuplicates();
    assertThat(printed).contains("outcome").contains("QUEUED").contains("MAX_CONCURRENT_RUNS_REACHED")
        .contains("SKIPPED").contains(result.eventsFile().toAbsolutePath().toString());

    List<ExecutorEvent> events = JsonLinesFileSink.read(result.eventsFile());
    List<AppSubmittedEvent> submitted = events.stream().filter(AppSubmittedEvent.class::isInstance)
        .map(AppSubmittedEvent.class::cast).toList();
    assertThat(submitted).extracting(AppSubmittedEvent::runId)
        .containsExactlyElementsOf(List.of(rows.get(0).runId(), rows.get(1).runId(), rows.get(2).runId(),
            rows.get(3).runId(), rows.get(4).runId(), rows.get(5).runId(), rows.get(6).runId(),
            rows.get(7).runId(), rows.get(8).runId(), rows.get(9).runId(), rows.get(11).runId(),
            rows.get(12).runId()));
    String firstLine = Files.readAllLines(result.eventsFile()).get(0);
    assertThat(firstLine).contains("\"sdc.event.type\":\"AppSubmittedEvent\"").contains("\"app_id\"");
    Files.deleteIfExists(result.eventsFile());
  }
}
