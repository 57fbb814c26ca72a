package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/events.md honest: every JSON example in it is read back and compared with what dbexec writes. */
class DocsExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "events.md");
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

  private static List<String> examples() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher matcher = JSON_BLOCK.matcher(doc);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  @Test
  void docsExamples_everyTypedExample_isExactlyWhatDbexecWrites() throws Exception {
    List<ExecutorEvent> documented = new ArrayList<>();

    for (String example : examples()) {
      EventRecord record = EventRecord.fromJson(example);
      ExecutorEvent event = EventCodec.toEvent(record);
      if (!record.fields().containsKey("app-id")) {
        assertThat(EventCodec.toRecord(event)).as(example).isEqualTo(record);
        documented.add(event);
      }
    }

    assertThat(documented).containsExactly(TestEvents.appSubmitted(), TestEvents.queueReported(),
        TestEvents.runQueued(),
        TestEvents.runSkipped(), TestEvents.runStateChanged(), TestEvents.runTerminated(),
        TestEvents.submissionFailed());
  }

  @Test
  void docsExamples_seedExample_readsAsAppSubmitted() throws Exception {
    String seed = examples().stream().filter(e -> e.contains("\"app-id\"")).findFirst().orElseThrow();

    ExecutorEvent event = EventCodec.fromJson(seed);

    assertThat(event).isInstanceOfSatisfying(AppSubmittedEvent.class,
        e -> assertThat(e.runId()).isEqualTo(455644833L));
  }
}
