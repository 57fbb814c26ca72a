package io.github.dbexec.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.dbexec.events.EventDeliveryFailure.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class AsyncEventDispatcherTest {
  private static final Duration LONG = Duration.ofSeconds(10);

  private final List<EventDeliveryFailure> failures = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private AsyncEventDispatcher dispatcher;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  /** Records events, but only once {@link #release} is counted down; signals {@code entered} per call. */
  private final class GatedSink implements EventSink {
    final InMemoryEventSink events = InMemoryEventSink.create();
    final CountDownLatch entered = new CountDownLatch(1);
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void accept(ExecutorEvent event) throws InterruptedException {
      entered.countDown();
      release.await();
      events.accept(event);
    }

    @Override
    public void flush() {
      flushes.incrementAndGet();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  private static ExecutorEvent event(long runId) {
    return RunQueuedEvent.builder().runId(runId).creationTimestamp(0).build();
  }

  @Test
  void accept_throwingSink_returnsNormallyAndReportsFailure() throws Exception {
    InMemoryEventSink after = InMemoryEventSink.create();
    EventSink throwing = e -> {
      if (((RunQueuedEvent) e).runId() == 1) {
        throw new IllegalStateException("disk on fire");
      }
      after.accept(e);
    };
    dispatcher = AsyncEventDispatcher.builder().delegate(throwing).failureHandler(failures::add).build();

    dispatcher.accept(event(1));
    dispatcher.accept(event(2));
    dispatcher.flush();

    assertThat(after.events()).containsExactly(event(2));
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Kind.SINK_FAILED);
      assertThat(f.event()).isEqualTo(event(1));
      assertThat(f.cause()).extracting(Throwable::getMessage).isEqualTo("disk on fire");
    });
    assertThat(dispatcher.failedCount()).isEqualTo(1);
    assertThat(dispatcher.deliveredCount()).isEqualTo(1);
  }

  @Test
  void accept_slowSinkWithRoomInQueue_returnsWithoutWaitingForSink() throws Exception {
    GatedSink slow = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(slow).capacity(10).maxBlock(LONG).build();

    for (int i = 1; i <= 11; i++) { // one in flight, ten queued: nobody waits
      dispatcher.accept(event(i));
      if (i == 1) {
        assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
      }
    }

    assertThat(dispatcher.queuedCount()).isEqualTo(10);
    assertThat(slow.events.size()).isZero();
    assertThat(failures).isEmpty();
  }

  @Test
  void accept_blockPolicyQueueStaysFull_returnsAfterMaxBlockAndReportsQueueFull() throws Exception {
    GatedSink slow = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(slow).capacity(1).maxBlock(Duration.ofMillis(50))
        .failureHandler(failures::add).build();
    dispatcher.accept(event(1));
    assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
    dispatcher.accept(event(2));

    long started = System.nanoTime();
    dispatcher.accept(event(3));
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(waitedMillis).isBetween(40L, 5_000L);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Kind.QUEUE_FULL);
      assertThat(f.event()).isEqualTo(event(3));
      assertThat(f.message()).contains("BLOCK");
    });
    assertThat(dispatcher.droppedCount()).isEqualTo(1);
  }

  @Test
  void accept_blockPolicySpaceFreesUp_queuesEventWithoutLoss() throws Exception {
    GatedSink slow = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(slow).capacity(1).maxBlock(LONG)
        .failureHandler(failures::add).build();
    dispatcher.accept(event(1));
    assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
    dispatcher.accept(event(2));
    Thread blocked = new Thread(() -> dispatcher.accept(event(3)));
    blocked.start();

    release.countDown();
    blocked.join(TimeUnit.SECONDS.toMillis(10));
    dispatcher.close();

    assertThat(slow.events.events()).containsExactly(event(1), event(2), event(3));
    assertThat(failures).isEmpty();
  }

  @Test
  void accept_dropOldestWhenFull_keepsNewestAndReportsOldest() throws Exception {
    GatedSink slow = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(slow).capacity(2).whenFull(FullQueuePolicy.DROP_OLDEST)
        .failureHandler(failures::add).build();
    dispatcher.accept(event(1));
    assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();

    dispatcher.accept(event(2));
    dispatcher.accept(event(3));
    dispatcher.accept(event(4));
    release.countDown();
    dispatcher.close();

    assertThat(slow.events.events()).containsExactly(event(1), event(3), event(4));
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Kind.QUEUE_FULL);
      assertThat(f.event()).isEqualTo(event(2));
    });
  }

  @Test
  void accept_dropNewestWhenFull_reportsNewWithoutWaiting() throws Exception {
    GatedSink slow = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(slow).capacity(1).whenFull(FullQueuePolicy.DROP_NEWEST)
        .maxBlock(LONG).failureHandler(failures::add).build();
    dispatcher.accept(event(1));
    assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
    dispatcher.accept(event(2));

    dispatcher.accept(event(3));

    assertThat(failures).singleElement().satisfies(f -> assertThat(f.event()).isEqualTo(event(3)));
    release.countDown();
    dispatcher.close();
    assertThat(slow.events.events()).containsExactly(event(1), event(2));
  }

  @Test
  void close_withQueuedEventsAndSlowSink_deliversAllThenFlushesAndClosesDelegate() throws Exception {
    GatedSink slow = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(slow).capacity(1000).failureHandler(failures::add).build();
    for (int i = 1; i <= 500; i++) {
      dispatcher.accept(event(i));
    }
    Thread closer = new Thread(dispatcher::close);
    closer.start();

    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(closer.isAlive()).isFalse();
    assertThat(slow.events.size()).isEqualTo(500);
    assertThat(slow.events.events().get(499)).isEqualTo(event(500));
    assertThat(slow.flushes.get()).isEqualTo(1);
    assertThat(slow.closes.get()).isEqualTo(1);
    assertThat(dispatcher.isClosed()).isTrue();
    assertThat(failures).isEmpty();
  }

  @Test
  void close_stuckSinkBeyondTimeout_reportsEveryUndeliveredEvent() throws Exception {
    GatedSink stuck = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(stuck).closeTimeout(Duration.ofMillis(20))
        .failureHandler(failures::add).build();
    dispatcher.accept(event(1));
    assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
    dispatcher.accept(event(2));
    dispatcher.accept(event(3));

    dispatcher.close();

    assertThat(failures).extracting(EventDeliveryFailure::kind)
        .containsExactly(Kind.NOT_DELIVERED_AT_CLOSE, Kind.NOT_DELIVERED_AT_CLOSE, Kind.NOT_DELIVERED_AT_CLOSE);
    assertThat(failures).extracting(EventDeliveryFailure::event).containsExactly(event(1), event(2), event(3));
    assertThat(dispatcher.droppedCount()).isEqualTo(3);
  }

  @Test
  void close_sinkStuckInWriteIgnoringInterrupts_returnsWithinTimeoutAndReportsEveryUndeliveredEvent()
      throws Exception {
    Duration timeout = Duration.ofMillis(200);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // like a file on a hung network mount: the write never returns, ignores interrupts, and holds the lock
    // that flush and close need
    EventSink stuck = new EventSink() {
      @Override
      public synchronized void accept(ExecutorEvent event) {
        entered.countDown();
        boolean interrupted = false;
        while (release.getCount() > 0) {
          try {
            release.await();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public synchronized void flush() {}

      @Override
      public synchronized void close() {
        closed.countDown();
      }
    };
    dispatcher = AsyncEventDispatcher.builder().delegate(stuck).closeTimeout(timeout).failureHandler(failures::add)
        .build();
    dispatcher.accept(event(1));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    dispatcher.accept(event(2));
    dispatcher.accept(event(3));

    long started = System.nanoTime();
    assertTimeoutPreemptively(timeout.multipliedBy(2), dispatcher::close);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(tookMillis).isGreaterThanOrEqualTo(timeout.toMillis());
    assertThat(dispatcher.isClosed()).isTrue();
    assertThat(failures).extracting(EventDeliveryFailure::kind).containsOnly(Kind.NOT_DELIVERED_AT_CLOSE);
    assertThat(failures).extracting(EventDeliveryFailure::event).containsExactly(event(1), event(2), event(3));
    assertThat(failures.get(0).message()).contains("still taking the event").contains("interrupted");
    assertThat(dispatcher.droppedCount()).isEqualTo(3);
    release.countDown(); // the mount comes back: the abandoned thread still closes the sink
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).hasSize(3);
  }

  @Test
  void close_sinkBlockedInterruptibly_interruptsWorkerWhichThenClosesSink() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch sawInterrupt = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    EventSink blocked = new EventSink() {
      @Override
      public void accept(ExecutorEvent event) throws InterruptedException {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          sawInterrupt.countDown();
          throw e;
        }
      }

      @Override
      public void close() {
        closed.countDown();
      }
    };
    dispatcher = AsyncEventDispatcher.builder().delegate(blocked).closeTimeout(Duration.ofMillis(50))
        .failureHandler(failures::add).build();
    dispatcher.accept(event(1));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    dispatcher.close();

    assertThat(sawInterrupt.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Kind.NOT_DELIVERED_AT_CLOSE);
      assertThat(f.event()).isEqualTo(event(1));
    });
  }

  @Test
  void accept_afterClose_isReportedNotThrown() {
    dispatcher = AsyncEventDispatcher.builder().delegate(EventSinks.noop()).failureHandler(failures::add).build();
    dispatcher.close();

    dispatcher.accept(event(1));

    assertThat(failures).singleElement().extracting(EventDeliveryFailure::kind).isEqualTo(Kind.DISPATCHER_CLOSED);
  }

  @Test
  void flush_afterEvents_waitsForDeliveryThenFlushesDelegate() throws Exception {
    InMemoryEventSink memory = InMemoryEventSink.create();
    AtomicInteger flushes = new AtomicInteger();
    EventSink sink = new EventSink() {
      @Override
      public void accept(ExecutorEvent event) {
        memory.accept(event);
      }

      @Override
      public void flush() {
        flushes.set(memory.size());
      }
    };
    dispatcher = AsyncEventDispatcher.of(sink);
    for (int i = 1; i <= 100; i++) {
      dispatcher.accept(event(i));
    }

    dispatcher.flush();

    assertThat(flushes.get()).isEqualTo(100);
  }

  @Test
  void flush_stuckSink_throwsTimeoutWithoutDropping() throws Exception {
    GatedSink stuck = new GatedSink();
    dispatcher = AsyncEventDispatcher.builder().delegate(stuck).closeTimeout(Duration.ofMillis(20)).build();
    dispatcher.accept(event(1));
    assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(dispatcher::flush).isInstanceOf(TimeoutException.class);

    assertThat(dispatcher.droppedCount()).isZero();
  }

  @Test
  void failureHandlerThrows_dispatcherKeepsDelivering() {
    InMemoryEventSink memory = InMemoryEventSink.create();
    EventSink flaky = e -> {
      if (((RunQueuedEvent) e).runId() == 1) {
        throw new RuntimeException("boom");
      }
      memory.accept(e);
    };
    dispatcher = AsyncEventDispatcher.builder().delegate(flaky)
        .failureHandler(f -> {
          throw new IllegalStateException("handler broken");
        }).build();

    dispatcher.accept(event(1));
    dispatcher.accept(event(2));

    assertThat(memory.awaitCount(1, LONG)).isTrue();
  }

  @Test
  void builder_invalidValues_failNamingField() {
    assertThatThrownBy(() -> AsyncEventDispatcher.builder().capacity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity").hasMessageContaining("0");
    assertThatThrownBy(() -> AsyncEventDispatcher.builder().maxBlock(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBlock");
    assertThatThrownBy(() -> AsyncEventDispatcher.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("delegate is required");
  }
}
