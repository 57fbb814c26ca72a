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
  }

  /** A copy of the entries, oldest first. */
  public synchronized List<JournalEntry> entries() {
    return new ArrayList<>(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
