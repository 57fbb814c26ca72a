package io.github.dbexec.internal;

import io.github.dbexec.EventDeliveryFailed;
import io.github.dbexec.ExecutorCall;
import io.github.dbexec.ExecutorListener;
import io.github.dbexec.HttpAttemptEnd;
import io.github.dbexec.HttpAttemptStart;
import io.github.dbexec.QueueReported;
import io.github.dbexec.RetryScheduled;
import io.github.dbexec.SubmissionEnd;
import io.github.dbexec.SubmissionStart;
import io.github.dbexec.WaitEnd;
import io.github.dbexec.WaitPoll;
import io.github.dbexec.WaitStart;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the listeners of one call so that whatever they throw is logged at WARN on logger
 * {@code io.github.dbexec.listener} and never reaches the operation, and keeps the order {@link ExecutorListener}
 * promises: callbacks one at a time (each under this guard's lock, so one happens-before the next even across
 * threads), and nothing after {@code submissionEnd} or {@code waitEnd}, which are told at most once. A call has one
 * guard; it tells the factory's listener and then, for retries, the builder's {@link io.github.dbexec.RetryListener}.
 * {@link #create} returns {@link ExecutorListener#NONE} itself when there is no listener, so callers can skip building
 * values with {@code if (listener != ExecutorListener.NONE)}.
 */
public final class ListenerGuard implements ExecutorListener {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.listener");

  private final ExecutorListener delegate;
  private final @Nullable ExecutorListener second;
  private boolean ended;

  private ListenerGuard(ExecutorListener delegate, @Nullable ExecutorListener second) {
    this.delegate = delegate;
    this.second = second;
  }

  /** The guarded listener {@code factory} creates for {@code call}, or {@link ExecutorListener#NONE}. */
  public static ExecutorListener create(ExecutorListener.Factory factory, ExecutorCall call) {
    return create(factory, null, call);
  }

  /**
   * The guarded listener {@code factory} creates for {@code call}, followed by {@code second} (the retry listener's
   * adapter), or {@link ExecutorListener#NONE} when there is neither.
   */
  public static ExecutorListener create(ExecutorListener.Factory factory, @Nullable ExecutorListener second,
      ExecutorCall call) {
    ExecutorListener listener = ExecutorListener.NONE;
    if (factory != ExecutorListener.Factory.NONE) {
      try {
        ExecutorListener created = factory.create(call);
        listener = created == null ? ExecutorListener.NONE : created;
      } catch (RuntimeException e) {
        log.warn("ExecutorListener.Factory {} threw for {}; this call is not listened to",
            factory.getClass().getName(), call.operation(), e);
      }
    }
    if (listener == ExecutorListener.NONE) {
      return second == null ? ExecutorListener.NONE : new ListenerGuard(second, null);
    }
    if (listener instanceof ListenerGuard && second == null) {
      return listener;
    }
    return new ListenerGuard(listener, second);
  }

  private void failed(ExecutorListener listener, String callback, RuntimeException e) {
    log.warn("ExecutorListener {} threw from {}; ignored", listener.getClass().getName(), callback, e);
  }

  /** Tells {@code callback} to both listeners, unless the call has ended. Callers hold the lock. */
  private void tell(String name, Consumer<ExecutorListener> callback) {
    if (ended) {
      return;
    }
    try {
      callback.accept(delegate);
    } catch (RuntimeException e) {
      failed(delegate, name, e);
    }
    if (second != null) {
      try {
        callback.accept(second);
      } catch (RuntimeException e) {
        failed(second, name, e);
      }
    }
  }

  @Override
  public synchronized void submissionStart(SubmissionStart start) {
    tell("submissionStart", l -> l.submissionStart(start));
  }

  @Override
  public synchronized void submissionEnd(SubmissionEnd end) {
    tell("submissionEnd", l -> l.submissionEnd(end));
    ended = true;
  }

  @Override
  public synchronized void attemptStart(HttpAttemptStart start) {
    tell("attemptStart", l -> l.attemptStart(start));
  }

  @Override
  public synchronized void attemptEnd(HttpAttemptEnd end) {
    tell("attemptEnd", l -> l.attemptEnd(end));
  }

  @Override
  public synchronized void retryScheduled(RetryScheduled retry) {
    tell("retryScheduled", l -> l.retryScheduled(retry));
  }

  @Override
  public synchronized void queueReported(QueueReported report) {
    tell("queueReported", l -> l.queueReported(report));
  }

  @Override
  public synchronized void waitStart(WaitStart start) {
    tell("waitStart", l -> l.waitStart(start));
  }

  @Override
  public synchronized void waitPoll(WaitPoll poll) {
    tell("waitPoll", l -> l.waitPoll(poll));
  }

  @Override
  public synchronized void waitEnd(WaitEnd end) {
    tell("waitEnd", l -> l.waitEnd(end));
    ended = true;
  }

  @Override
  public synchronized void eventDeliveryFailed(EventDeliveryFailed failure) {
    tell("eventDeliveryFailed", l -> l.eventDeliveryFailed(failure));
  }
}
