package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

@SuppressWarnings("try")
class SinksTest {

  @Test
  void eventListener_eachType_callsMatchingCallbackOnly() throws Exception {
    List<String> calls = new ArrayList<>();
    EventListener listener = new EventListener() {
      @Override
      public void onAppSubmitted(AppSubmittedEvent event) {
        calls.add("submitted " + event.runId());
      }

      @Override
      public void onRunTerminated(RunTerminatedEvent event) {
        calls.add("terminated " + event.resultState());
      }
    };

    for (ExecutorEvent event : List.of(TestEvents.appSubmitted(), TestEvents.runQueued(), TestEvents.runSkipped(),
        TestEvents.runStateChanged(), TestEvents.runTerminated(), TestEvents.submissionFailed())) {
      listener.accept(event);
    }

    assertThat(calls).containsExactly("submitted 455644833", "terminated SUCCESS");
  }

  @Test
  void composite_firstSinkThrows_secondStillGetsEventThenFailureIsRethrown() {
    InMemoryEventSink second = InMemoryEventSink.create();
    EventSink failing = e -> {
      throw new IllegalStateException("first failed");
    };
    EventSink composite = EventSinks.composite(failing, second);

    assertThatThrownBy(() -> composite.accept(TestEvents.runQueued()))
        .isInstanceOf(IllegalStateException.class).hasMessage("first failed");

    assertThat(second.events()).containsExactly(TestEvents.runQueued());
  }

  @Test
  void composite_twoSinksFailOnClose_closesAllAndSuppressesSecond() {
    List<String> closed = new ArrayList<>();
    EventSink a = new EventSink() {
      @Override
      public void accept(ExecutorEvent event) {}

      @Override
      public void close() {
        closed.add("a");
        throw new IllegalStateException("a");
      }
    };
    EventSink b = new EventSink() {
      @Override
      public void accept(ExecutorEvent event) {}

      @Override
      public void close() {
        closed.add("b");
        throw new IllegalStateException("b");
      }
    };

    assertThatThrownBy(() -> EventSinks.composite(List.of(a, b)).close())
        .hasMessage("a")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b"));

    assertThat(closed).containsExactly("a", "b");
  }

  @Test
  void composite_nullSink_failsNamingPosition() {
    assertThatThrownBy(() -> EventSinks.composite(InMemoryEventSink.create(), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void slf4jSink_appSubmitted_logsOneLogfmtLineAtInfo() {
    List<String> lines = new ArrayList<>();
    Slf4jEventSink sink = Slf4jEventSink.of(capturingLogger(lines));

    sink.accept(TestEvents.appSubmitted());

    assertThat(lines).containsExactly("INFO AppSubmittedEvent v1 creation_timestamp=1724000000001 app_id=455644833"
        + " run_id=455644833 job_id=11223344 number_in_job=455644833 idempotency_token=dbexec-3f2a9c0e1b7d4e5f"
        + " idempotency_key=file-closed:/data/in/part-0001.parquet queue_outcome=QUEUED"
        + " queue_code=MAX_CONCURRENT_RUNS_REACHED"
        + " queue_reason=\"Queued due to reaching maximum concurrent runs of 1.\" max_concurrent_runs=1"
        + " queue_enabled=true active_runs=1"
        + " run_page_url=\"https://adb-1.7.azuredatabricks.net/?o=1#job/11223344/run/455644833\""
        + " submitted_at=1724000000000");
  }

  @Test
  void slf4jSink_submissionFailedWithNewlineAndQuote_logsEscapedSingleLineAtWarn() {
    List<String> lines = new ArrayList<>();
    Slf4jEventSink sink = Slf4jEventSink.of(capturingLogger(lines));

    sink.accept(TestEvents.submissionFailed().toBuilder().message("bad \"x\"\nnext").build());

    assertThat(lines).singleElement().asString()
        .startsWith("WARN SubmissionFailedEvent v1 ")
        .contains("message=\"bad \\\"x\\\"\\nnext\"")
        .doesNotContain("\n");
  }

  @Test
  void slf4jSink_realLogger_doesNotThrow() {
    Slf4jEventSink sink = Slf4jEventSink.create();

    sink.accept(TestEvents.runTerminated());

    assertThat(sink.toString()).contains("io.github.dbexec.events");
  }

  /** A Logger whose info/warn(String) calls are recorded as "LEVEL message"; every level is enabled. */
  static Logger capturingLogger(List<String> lines) {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("is") && name.endsWith("Enabled")) {
            return true;
          }
          if ((name.equals("info") || name.equals("warn")) && args.length == 1) {
            lines.add(name.toUpperCase(java.util.Locale.ROOT) + " " + args[0]);
            return null;
          }
          if (name.equals("getName")) {
            return "capturing";
          }
          if (name.equals("toString")) {
            return "capturingLogger";
          }
          throw new UnsupportedOperationException(name);
        });
  }
}
