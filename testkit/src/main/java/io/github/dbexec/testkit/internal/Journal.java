package io.github.dbexec.testkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A bounded, thread-safe record of requests: beyond its capacity the oldest entries are dropped. */
public final class Journal {
  private final int capacity;
  private final Deque<JournalEntry> entries = new ArrayDeque<>();
  private long sequence;

  public Journal(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  /** The next sequence number; call once per request. */
  public synchronized long nextSequence() {
    return sequence++;
  }

  public synchronized void add(JournalEntry entry) {
    entries.addLast(entry);
    while (entries.size() > capacity) {
      entries.removeFirst();
    }
    notifyAll();
  }

  /**
   * Waits until {@code condition} holds for the entries or the timeout passes (wall clock: this waits for
   * requests from other threads, it does not sleep a fixed time).
   *
   * @return whether the condition held in time
   */
  public synchronized boolean await(java.util.function.Predicate<List<JournalEntry>> condition, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!condition.test(new ArrayList<>(entries))) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** A copy of the entries, oldest first. */
  public synchronized List<JournalEntry> entries() {
    return new ArrayList<>(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
