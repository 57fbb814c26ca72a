package io.github.dbexec.testkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded, thread-safe record of requests: beyond its capacity (a number of entries) or its byte budget the
 * oldest entries are dropped. Bodies are cut to a per-entry limit before they are stored.
 */
public final class Journal {
  private final int capacity;
  private final long maxBytes;
  private final int maxBodyBytes;
  private final Deque<JournalEntry> entries = new ArrayDeque<>();
  private long sequence;
  private long bytes;

  public Journal(int capacity) {
    this(capacity, Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  public Journal(int capacity, long maxBytes, int maxBodyBytes) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  public int capacity() {
    return capacity;
  }

  /** The byte budget of all entries together. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The longest body kept per entry, in bytes of UTF-8 (longer ones are cut). */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The bytes the kept entries account for (bodies, headers, path and query, plus a fixed overhead). */
  public synchronized long bytes() {
    return bytes;
  }

  /** What one entry accounts for: a conservative estimate of the memory it holds. */
  public static long sizeOf(JournalEntry entry) {
    long size = 256 + entry.path().length() + entry.body().length() * 2L;
    for (int i = 0; i < entry.headers().size(); i++) {
      size += 32 + entry.headers().name(i).length() + entry.headers().value(i).length();
    }
    for (java.util.Map.Entry<String, java.util.List<String>> q : entry.query().entrySet()) {
      size += 32 + q.getKey().length();
      for (String v : q.getValue()) {
        size += 16 + v.length();
      }
    }
    return size;
  }

  /** The next sequence number; call once per request. */
  public synchronized long nextSequence() {
    return sequence++;
  }

  public synchronized void add(JournalEntry entry) {
    entries.addLast(entry);
    bytes += sizeOf(entry);
    while (entries.size() > capacity || (bytes > maxBytes && entries.size() > 1)) {
      bytes -= sizeOf(entries.removeFirst());
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
    bytes = 0;
  }
}
