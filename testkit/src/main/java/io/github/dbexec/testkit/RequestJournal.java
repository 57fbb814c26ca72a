package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.Journal;
import io.github.dbexec.testkit.internal.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The requests a {@link FakeJobsServer} received, oldest first. Thread-safe.
 *
 * <p>Bounded by count and by bytes: it keeps the most recent {@value #DEFAULT_CAPACITY} requests
 * ({@link FakeJobsServer.Builder#journalCapacity(int)}) within 64 MiB
 * ({@link FakeJobsServer.Builder#journalMaxBytes(long)}), each body cut to 1 MiB
 * ({@link FakeJobsServer.Builder#journalMaxBodyBytes(int)}); older requests are dropped, so a long-running
 * standalone server does not grow without limit.
 *
 * <p>Matching: {@code method} is case-insensitive ({@code "*"} = any); {@code pathSuffix} matches when it
 * equals the path after {@code /api/2.x} (e.g. {@code "/jobs/run-now"}) or the path ends with it;
 * {@code ""} matches every path.
 */
public final class RequestJournal {
  /** The default number of requests kept. */
  public static final int DEFAULT_CAPACITY = 10_000;
  /** The default byte budget of the whole journal: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  /** The default longest body kept per request: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private final Journal journal;

  RequestJournal(Journal journal) {
    this.journal = journal;
  }

  /**
   * All recorded requests, oldest first.
   *
   * @return every request kept, oldest first
   */
  public List<RecordedApiRequest> all() {
    List<RecordedApiRequest> result = new ArrayList<>();
    for (JournalEntry entry : journal.entries()) {
      result.add(RecordedApiRequest.of(entry));
    }
    return result;
  }

  /**
   * The requests matching a method and path suffix, oldest first, e.g. {@code find("POST", "/jobs/run-now")}.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathSuffix the end of the request path, e.g. {@code /jobs/run-now} (any API version)
   * @return the matching requests, oldest first
   */
  public List<RecordedApiRequest> find(String method, String pathSuffix) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathSuffix, "pathSuffix");
    List<RecordedApiRequest> result = new ArrayList<>();
    for (JournalEntry entry : journal.entries()) {
      if (entry.matches(method, pathSuffix)) {
        result.add(RecordedApiRequest.of(entry));
      }
    }
    return result;
  }

  /**
   * Waits until at least {@code count} recorded requests match, for a client working on another thread
   * (e.g. an asynchronous submit). Returns as soon as they are there; never sleeps a fixed time.
   *
   * @return the matching requests, oldest first (at least {@code count})
   * @throws AssertionError when they do not arrive within {@code timeout} (message lists what did arrive)
   * @throws IllegalStateException when interrupted
   * @param count how many matching requests to wait for
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathSuffix the end of the request path, e.g. {@code /jobs/run-now} (any API version)
   * @param timeout how long to wait at most
   */
  public List<RecordedApiRequest> await(String method, String pathSuffix, int count, Duration timeout) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathSuffix, "pathSuffix");
    Objects.requireNonNull(timeout, "timeout");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    try {
      boolean arrived = journal.await(entries -> entries.stream().filter(e -> e.matches(method, pathSuffix))
          .count() >= count, Math.max(0, timeout.toMillis()));
      if (!arrived) {
        throw new AssertionError("expected " + count + " request(s) " + method + " " + pathSuffix + " within "
            + timeout + " but the journal has " + count(method, pathSuffix) + "; all requests: " + all());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + method + " " + pathSuffix, e);
    }
    return find(method, pathSuffix);
  }

  /**
   * The requests for endpoints the fake does not implement (answered 404 ENDPOINT_NOT_FOUND), oldest
   * first: assert that this is empty to catch a client calling an API the fake does not model. The
   * official SDKs' host-metadata probe ({@code GET /.well-known/databricks-config}, made by every SDK
   * client and tolerated when it answers 404) is not listed.
   *
   * @return the requests no endpoint served, oldest first
   */
  public List<RecordedApiRequest> unknownEndpointRequests() {
    List<RecordedApiRequest> result = new ArrayList<>();
    for (JournalEntry entry : journal.entries()) {
      if ("ENDPOINT_NOT_FOUND".equals(entry.response().errorCode())
          && !entry.path().equals("/.well-known/databricks-config")) {
        result.add(RecordedApiRequest.of(entry));
      }
    }
    return result;
  }

  /**
   * How many recorded requests match.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param pathSuffix the end of the request path, e.g. {@code /jobs/run-now} (any API version)
   * @return how many requests match
   */
  public int count(String method, String pathSuffix) {
    return find(method, pathSuffix).size();
  }

  /**
   * The number of requests currently kept.
   *
   * @return the number of requests currently kept
   */
  public int size() {
    return journal.entries().size();
  }

  /**
   * The maximum number of requests kept.
   *
   * @return the maximum number of requests kept
   */
  public int capacity() {
    return journal.capacity();
  }

  /**
   * The bytes the kept requests account for (bodies, headers, paths and queries, plus a fixed overhead each).
   *
   * @return the bytes the kept requests account for (bodies, headers, paths and queries, plus a fixed overhead each)
   */
  public long retainedBytes() {
    return journal.bytes();
  }

  /**
   * The byte budget of the journal ({@link FakeJobsServer.Builder#journalMaxBytes(long)}).
   *
   * @return the byte budget of the journal ({@link FakeJobsServer.Builder#journalMaxBytes(long)})
   */
  public long maxBytes() {
    return journal.maxBytes();
  }

  /** Forgets every recorded request. */
  public void clear() {
    journal.clear();
  }

  @Override
  public String toString() {
    return "RequestJournal{size=" + size() + ", capacity=" + capacity() + "}";
  }
}
