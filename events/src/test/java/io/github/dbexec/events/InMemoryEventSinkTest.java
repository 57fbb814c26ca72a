package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InMemoryEventSinkTest {

  @Test
  void events_ofType_returnsOnlyThatTypeInOrder() {
    InMemoryEventSink sink = InMemoryEventSink.create();
    sink.accept(TestEvents.appSubmitted());
    sink.accept(TestEvents.runQueued());
    sink.accept(TestEvents.appSubmittedMinimal());

    var submitted = sink.events(AppSubmittedEvent.class);

    assertThat(submitted).containsExactly(TestEvents.appSubmitted(), TestEvents.appSubmittedMinimal());
    assertThat(sink.events()).hasSize(3);
    assertThat(sink.size()).isEqualTo(3);
  }

  @Test
  void awaitCount_eventArrivesFromAnotherThread_returnsTrue() throws Exception {
    InMemoryEventSink sink = new InMemoryEventSink();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread emitter = new Thread(() -> {
      try {
        waiting.await();
      } catch (InterruptedException e) {
        return;
      }
      sink.accept(TestEvents.runQueued());
      sink.accept(TestEvents.runSkipped());
    });
    emitter.start();

    waiting.countDown();
    boolean arrived = sink.awaitCount(2, Duration.ofSeconds(10));

    assertThat(arrived).isTrue();
    emitter.join();
    assertThat(sink.events()).containsExactly(TestEvents.runQueued(), TestEvents.runSkipped());
  }

  @Test
  void awaitCount_tooFewEvents_returnsFalseAfterTimeout() {
    InMemoryEventSink sink = InMemoryEventSink.create();
    sink.accept(TestEvents.runQueued());

    boolean arrived = sink.awaitCount(2, Duration.ofMillis(20));

    assertThat(arrived).isFalse();
  }

  @Test
  void awaitEvents_timeout_throwsListingWhatArrived() {
    InMemoryEventSink sink = InMemoryEventSink.create();
    sink.accept(TestEvents.runQueued());

    assertThatThrownBy(() -> sink.awaitEvents(AppSubmittedEvent.class, 1, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AppSubmittedEvent")
        .hasMessageContaining("RunQueuedEvent[runId=455644833");
  }

  @Test
  void clear_afterEvents_leavesSinkEmpty() {
    InMemoryEventSink sink = InMemoryEventSink.create();
    sink.accept(TestEvents.runQueued());

    sink.clear();

    assertThat(sink.events()).isEmpty();
  }
}
