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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a user's {@link ExecutorListener} so that whatever it throws is logged at WARN on logger
 * {@code io.github.dbexec.listener} and never reaches the operation. {@link #create} returns
 * {@link ExecutorListener#NONE} itself when the factory gives no listener, so callers can skip building values with
 * {@code if (listener != ExecutorListener.NONE)}.
 */
public final class ListenerGuard implements ExecutorListener {
  private static final Logger log = LoggerFactory.getLogger("io.github.dbexec.listener");

  private final ExecutorListener delegate;

  private ListenerGuard(ExecutorListener delegate) {
    this.delegate = delegate;
  }

  /** The guarded listener {@code factory} creates for {@code call}, or {@link ExecutorListener#NONE}. */
  public static ExecutorListener create(ExecutorListener.Factory factory, ExecutorCall call) {
    if (factory == ExecutorListener.Factory.NONE) {
      return ExecutorListener.NONE;
    }
    ExecutorListener listener;
    try {
      listener = factory.create(call);
    } catch (RuntimeException e) {
      log.warn("ExecutorListener.Factory {} threw for {}; this call is not listened to", factory.getClass().getName(),
          call.operation(), e);
      return ExecutorListener.NONE;
    }
    if (listener == null || listener == ExecutorListener.NONE) {
      return ExecutorListener.NONE;
    }
    return listener instanceof ListenerGuard ? listener : new ListenerGuard(listener);
  }

  private void failed(String callback, RuntimeException e) {
    log.warn("ExecutorListener {} threw from {}; ignored", delegate.getClass().getName(), callback, e);
  }

  @Override
  public void submissionStart(SubmissionStart start) {
    try {
      delegate.submissionStart(start);
    } catch (RuntimeException e) {
      failed("submissionStart", e);
    }
  }

  @Override
  public void submissionEnd(SubmissionEnd end) {
    try {
      delegate.submissionEnd(end);
    } catch (RuntimeException e) {
      failed("submissionEnd", e);
    }
  }

  @Override
  public void attemptStart(HttpAttemptStart start) {
    try {
      delegate.attemptStart(start);
    } catch (RuntimeException e) {
      failed("attemptStart", e);
    }
  }

  @Override
  public void attemptEnd(HttpAttemptEnd end) {
    try {
      delegate.attemptEnd(end);
    } catch (RuntimeException e) {
      failed("attemptEnd", e);
    }
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    try {
      delegate.retryScheduled(retry);
    } catch (RuntimeException e) {
      failed("retryScheduled", e);
    }
  }

  @Override
  public void queueReported(QueueReported report) {
    try {
      delegate.queueReported(report);
    } catch (RuntimeException e) {
      failed("queueReported", e);
    }
  }

  @Override
  public void waitStart(WaitStart start) {
    try {
      delegate.waitStart(start);
    } catch (RuntimeException e) {
      failed("waitStart", e);
    }
  }

  @Override
  public void waitPoll(WaitPoll poll) {
    try {
      delegate.waitPoll(poll);
    } catch (RuntimeException e) {
      failed("waitPoll", e);
    }
  }

  @Override
  public void waitEnd(WaitEnd end) {
    try {
      delegate.waitEnd(end);
    } catch (RuntimeException e) {
      failed("waitEnd", e);
    }
  }

  @Override
  public void eventDeliveryFailed(EventDeliveryFailed failure) {
    try {
      delegate.eventDeliveryFailed(failure);
    } catch (RuntimeException e) {
      failed("eventDeliveryFailed", e);
    }
  }
}
