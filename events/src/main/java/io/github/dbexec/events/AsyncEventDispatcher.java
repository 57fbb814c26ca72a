package io.github.dbexec.events;

import io.github.dbexec.events.EventDeliveryFailure.Kind;
import io.github.dbexec.events.internal.Checks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to a sink on its own thread, through a bounded queue, so that a slow or failing sink
 * cannot fail a submission or hold it up for longer than a known bound.
 *
 * <pre>{@code
 * AsyncEventDispatcher events = AsyncEventDispatcher.builder()
 *     .delegate(JsonLinesFileSink.open(Path.of("events.jsonl")))
 *     .capacity(10_000)                         // default 1024
 *     .whenFull(FullQueuePolicy.BLOCK)           // the default
 *     .maxBlock(Duration.ofSeconds(2))          // default 10 s
 *     .build();
 * }</pre>
 *
 * <p><b>Bound on the emitting thread.</b> {@link #accept} only queues the event and returns; it never
 * calls the delegate and never throws (except for a {@code null} event). It waits only when the queue is
 * full and the policy is {@link FullQueuePolicy#BLOCK}, and then for at most {@code maxBlock}.
 *
 * <p><b>Nothing is lost silently.</b> Every event the delegate does not take — it threw, the queue stayed
 * full, it arrived after {@code close()}, or {@code close()} gave up on a stuck delegate — goes to the
 * {@link EventFailureHandler} (default: {@link EventFailureHandler#logging()}, which logs the whole record
 * at WARN) and is counted ({@link #failedCount()}, {@link #droppedCount()}).
 *
 * <p><b>Order and threading.</b> One daemon thread delivers events one at a time, in the order they were
 * queued (with {@link FullQueuePolicy#DROP_OLDEST}, minus the dropped ones), and at the end flushes and
 * closes the delegate. The delegate therefore need not be thread-safe, except that {@link #flush()} calls
 * its {@code flush} from the calling thread. Thread-safe.
 *
 * <p><b>Lifecycle.</b> {@link #flush()} waits until every event queued before it has been handed to the
 * delegate, then flushes the delegate. {@link #close()} stops taking events, lets the dispatcher thread
 * deliver what is queued and then flush and close the delegate (this dispatcher owns it), and returns
 * within {@code closeTimeout} whatever the delegate does: if the thread is not done by then, even because
 * the delegate is stuck in a write that never returns, the thread is interrupted and every event not
 * delivered (those still queued, and the one the delegate was taking) is reported to the failure handler
 * as {@link EventDeliveryFailure.Kind#NOT_DELIVERED_AT_CLOSE}. Always close the dispatcher: its thread is
 * a daemon, so events still queued when the JVM exits are lost.
 */
public final class AsyncEventDispatcher implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncEventDispatcher.class);

  /** Default queue capacity. */
  public static final int DEFAULT_CAPACITY = 1024;
  /** Default longest wait in {@link #accept} under {@link FullQueuePolicy#BLOCK}. */
  public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);
  /** Default bound on {@link #close()}, and longest wait in {@link #flush()} for the queue to drain. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final EventSink delegate;
  private final int capacity;
  private final FullQueuePolicy whenFull;
  private final Duration maxBlock;
  private final Duration closeTimeout;
  private final EventFailureHandler failureHandler;
  private final Thread worker;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final ArrayDeque<ExecutorEvent> queue = new ArrayDeque<>();
  private @Nullable ExecutorEvent inFlight;
  private boolean closed;
  private boolean abandoned;
  private boolean closeDone;
  private long delivered;
  private long failed;
  private long dropped;

  private AsyncEventDispatcher(Builder b) {
    delegate = Checks.required(b.delegate, "delegate");
    capacity = b.capacity;
    whenFull = b.whenFull;
    maxBlock = b.maxBlock;
    closeTimeout = b.closeTimeout;
    failureHandler = b.failureHandler;
    worker = new Thread(this::run, b.threadName);
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * A new builder.
   *
   * @return a builder with every default set except {@code delegate}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A dispatcher for {@code delegate} with every default.
   *
   * @param delegate the sink to deliver to; the dispatcher owns it and closes it on {@code close()}
   * @return the started dispatcher; close it when done
   */
  public static AsyncEventDispatcher of(EventSink delegate) {
    return builder().delegate(delegate).build();
  }

  /**
   * Queues the event for delivery and returns; see the class documentation for how long it may wait and
   * what happens when the queue is full or the dispatcher is closed. Never throws for a non-null event.
   */
  @Override
  public void accept(ExecutorEvent event) {
    Checks.notNull(event, "event");
    EventDeliveryFailure failure;
    lock.lock();
    try {
      failure = enqueue(event);
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      report(failure);
    }
  }

  private @Nullable EventDeliveryFailure enqueue(ExecutorEvent event) {
    if (closed) {
      return new EventDeliveryFailure(Kind.DISPATCHER_CLOSED, event, null,
          "the event arrived after the dispatcher was closed");
    }
    if (queue.size() < capacity) {
      add(event);
      return null;
    }
    switch (whenFull) {
      case DROP_NEWEST:
        dropped++;
        return new EventDeliveryFailure(Kind.QUEUE_FULL, event, null,
            "queue full (capacity " + capacity + ", policy DROP_NEWEST); the new event was not queued");
      case DROP_OLDEST:
        ExecutorEvent oldest = queue.pollFirst();
        add(event);
        dropped++;
        return new EventDeliveryFailure(Kind.QUEUE_FULL, oldest, null,
            "queue full (capacity " + capacity + ", policy DROP_OLDEST); the oldest queued event was dropped");
      case BLOCK:
      default:
        long nanos = maxBlock.toNanos();
        try {
          while (queue.size() >= capacity && !closed) {
            if (nanos <= 0) {
              dropped++;
              return new EventDeliveryFailure(Kind.QUEUE_FULL, event, null, "queue still full after waiting "
                  + maxBlock.toMillis() + " ms (capacity " + capacity + ", policy BLOCK); the event was not queued");
            }
            nanos = notFull.awaitNanos(nanos);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          dropped++;
          return new EventDeliveryFailure(Kind.QUEUE_FULL, event, e,
              "interrupted while waiting for space in the full queue; the event was not queued");
        }
        if (closed) {
          return new EventDeliveryFailure(Kind.DISPATCHER_CLOSED, event, null,
              "the dispatcher was closed while the event waited for space in the queue");
        }
        add(event);
        return null;
    }
  }

  private void add(ExecutorEvent event) {
    queue.addLast(event);
    notEmpty.signal();
  }

  private void run() {
    deliverUntilClosed();
    Thread.interrupted(); // close() may have interrupted a stuck accept: let flush and close run normally
    try {
      delegate.flush();
    } catch (Exception e) {
      report(new EventDeliveryFailure(Kind.FLUSH_FAILED, null, e, "flushing the sink " + delegate + " failed"));
    }
    try {
      delegate.close();
    } catch (Exception e) {
      report(new EventDeliveryFailure(Kind.CLOSE_FAILED, null, e, "closing the sink " + delegate + " failed"));
    }
  }

  private void deliverUntilClosed() {
    while (true) {
      ExecutorEvent event;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          notEmpty.awaitUninterruptibly();
        }
        if (queue.isEmpty() || abandoned) {
          idle.signalAll();
          return;
        }
        event = queue.pollFirst();
        inFlight = event;
        notFull.signal();
      } finally {
        lock.unlock();
      }
      Throwable error = null;
      try {
        delegate.accept(event);
      } catch (Throwable t) { // a dying dispatcher thread would lose every later event silently
        error = t;
      }
      lock.lock();
      try {
        inFlight = null;
        if (abandoned) {
          return; // close() has reported this event and the queued ones already
        }
        if (error == null) {
          delivered++;
        } else {
          failed++;
        }
        if (queue.isEmpty()) {
          idle.signalAll();
        }
      } finally {
        lock.unlock();
      }
      if (error != null) {
        report(new EventDeliveryFailure(Kind.SINK_FAILED, event, error,
            "the sink " + delegate + " threw " + error.getClass().getSimpleName() + ": " + error.getMessage()));
      }
    }
  }

  /**
   * Waits until every event queued before this call has been handed to the delegate (at most
   * {@code closeTimeout}), then flushes the delegate.
   *
   * @throws TimeoutException if the queue did not drain within {@code closeTimeout}; nothing is dropped,
   *     delivery continues
   * @throws Exception whatever the delegate's {@code flush()} throws
   */
  @Override
  public void flush() throws Exception {
    if (!awaitIdle(closeTimeout)) {
      throw new TimeoutException("events still queued after " + closeTimeout.toMillis() + " ms: " + queuedCount()
          + " (sink " + delegate + " is slow or stuck)");
    }
    delegate.flush();
  }

  private boolean awaitIdle(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while ((!queue.isEmpty() || inFlight != null) && worker.isAlive()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking events, lets the dispatcher thread deliver everything queued and then flush and close the
   * delegate, and returns when it is done or after {@code closeTimeout}, whichever comes first, even if the
   * delegate is stuck in a write that never returns. If the thread is not done in time it is interrupted,
   * and every event it did not deliver is reported as {@link EventDeliveryFailure.Kind#NOT_DELIVERED_AT_CLOSE}
   * (the one the delegate was still taking included: it may yet be written if the delegate unblocks); if it
   * had delivered everything but not finished flushing and closing the delegate, that is reported as
   * {@link EventDeliveryFailure.Kind#CLOSE_FAILED}. A failing flush or close is reported too. Never throws;
   * idempotent (a second call returns at once).
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    try {
      TimeUnit.NANOSECONDS.timedJoin(worker, closeTimeout.toNanos());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    @Nullable ExecutorEvent taking = null;
    List<ExecutorEvent> queued = new ArrayList<>();
    boolean gaveUp;
    lock.lock();
    try {
      gaveUp = worker.isAlive();
      if (gaveUp) {
        abandoned = true;
        // under the lock: the worker is either in the delegate (and gets the interrupt) or will see abandoned
        worker.interrupt();
        taking = inFlight;
        queued.addAll(queue);
        queue.clear();
        dropped += queued.size() + (taking == null ? 0 : 1);
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (gaveUp) {
      String timeout = " within the close timeout of " + closeTimeout.toMillis() + " ms";
      if (taking != null) {
        report(new EventDeliveryFailure(Kind.NOT_DELIVERED_AT_CLOSE, taking, null, "the sink " + delegate
            + " was still taking the event" + timeout + "; its thread was interrupted (the sink may yet write"
            + " the event if it unblocks)"));
      }
      for (ExecutorEvent event : queued) {
        report(new EventDeliveryFailure(Kind.NOT_DELIVERED_AT_CLOSE, event, null,
            "the sink " + delegate + " did not get to the event" + timeout));
      }
      if (taking == null && queued.isEmpty()) {
        report(new EventDeliveryFailure(Kind.CLOSE_FAILED, null, null, "the sink " + delegate
            + " did not finish flushing and closing within the close timeout of " + closeTimeout.toMillis() + " ms"));
      }
    }
    lock.lock();
    try {
      closeDone = true;
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void report(EventDeliveryFailure failure) {
    try {
      failureHandler.onFailure(failure);
    } catch (RuntimeException | Error e) {
      LOG.error("Event failure handler {} threw while reporting {}", failureHandler, failure, e);
    }
  }

  /**
   * Events queued and not yet taken by the dispatcher thread.
   *
   * @return the number of queued events, {@code >= 0}
   */
  public int queuedCount() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Events the delegate took without throwing.
   *
   * @return the number of events delivered since the dispatcher started, {@code >= 0}
   */
  public long deliveredCount() {
    lock.lock();
    try {
      return delivered;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Events the delegate threw on (each reported as {@link EventDeliveryFailure.Kind#SINK_FAILED}).
   *
   * @return the number of events the delegate threw on, {@code >= 0}
   */
  public long failedCount() {
    lock.lock();
    try {
      return failed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Events never handed to the delegate, or still being taken by it, because the queue was full or
   * {@code close()} timed out (each reported to the failure handler). Events rejected after close are reported but not counted here.
   *
   * @return the number of events dropped, {@code >= 0}
   */
  public long droppedCount() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether {@link #close()} has completed (if it gave up on a stuck delegate, that may still be closing).
   *
   * @return {@code true} once {@code close()} has returned
   */
  public boolean isClosed() {
    lock.lock();
    try {
      return closeDone;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "AsyncEventDispatcher{delegate=" + delegate + ", capacity=" + capacity + ", whenFull=" + whenFull
        + ", maxBlock=" + maxBlock + "}";
  }

  /** Builds an {@link AsyncEventDispatcher}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable EventSink delegate;
    private int capacity = DEFAULT_CAPACITY;
    private FullQueuePolicy whenFull = FullQueuePolicy.BLOCK;
    private Duration maxBlock = DEFAULT_MAX_BLOCK;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private EventFailureHandler failureHandler = EventFailureHandler.logging();
    private String threadName = "dbexec-event-dispatcher";

    private Builder() {}

    /**
     * Required; the sink events are delivered to. The dispatcher owns it and closes it on {@code close()}.
     *
     * @param delegate the sink, not null
     * @return this builder
     */
    public Builder delegate(EventSink delegate) {
      this.delegate = Checks.notNull(delegate, "delegate");
      return this;
    }

    /**
     * Queue capacity in events, {@code >= 1}; default {@value AsyncEventDispatcher#DEFAULT_CAPACITY}.
     *
     * @param capacity the capacity in events, {@code >= 1}
     * @return this builder
     */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * What {@code accept} does when the queue is full; default {@link FullQueuePolicy#BLOCK}.
     *
     * @param whenFull the policy, not null
     * @return this builder
     */
    public Builder whenFull(FullQueuePolicy whenFull) {
      this.whenFull = Checks.notNull(whenFull, "whenFull");
      return this;
    }

    /**
     * Longest wait in {@code accept} for space under {@link FullQueuePolicy#BLOCK}, {@code >= 0}; default
     * 10 seconds. {@link Duration#ZERO} means do not wait.
     *
     * @param maxBlock the longest wait, {@code >= 0}, not null
     * @return this builder
     */
    public Builder maxBlock(Duration maxBlock) {
      Checks.notNull(maxBlock, "maxBlock");
      if (maxBlock.isNegative()) {
        throw new IllegalArgumentException("maxBlock must be >= 0 but was " + maxBlock);
      }
      this.maxBlock = maxBlock;
      return this;
    }

    /**
     * Longest wait in {@code flush()} for the queue to drain, and the bound on the whole of {@code close()}
     * (drain, flush and close of the delegate), {@code >= 0}; default 30 s.
     *
     * @param closeTimeout the bound on {@code flush()} and {@code close()}, {@code >= 0}, not null
     * @return this builder
     */
    public Builder closeTimeout(Duration closeTimeout) {
      Checks.notNull(closeTimeout, "closeTimeout");
      if (closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must be >= 0 but was " + closeTimeout);
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * Told about every event not delivered; default {@link EventFailureHandler#logging()}.
     *
     * @param failureHandler the handler, not null
     * @return this builder
     */
    public Builder failureHandler(EventFailureHandler failureHandler) {
      this.failureHandler = Checks.notNull(failureHandler, "failureHandler");
      return this;
    }

    /**
     * Name of the dispatcher thread; default {@code dbexec-event-dispatcher}.
     *
     * @param threadName the thread's name, not blank
     * @return this builder
     */
    public Builder threadName(String threadName) {
      this.threadName = Checks.notBlank(threadName, "threadName");
      return this;
    }

    /**
     * Starts the dispatcher thread.
     *
     * @return the started dispatcher; close it when done
     * @throws IllegalArgumentException if {@code delegate} is unset
     */
    public AsyncEventDispatcher build() {
      return new AsyncEventDispatcher(this);
    }
  }
}
