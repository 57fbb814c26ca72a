package io.github.dbexec.auth.internal;

import io.github.dbexec.auth.CredentialsException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches one access token and refreshes it ahead of expiry, one refresh at a time.
 *
 * <ul>
 *   <li>A fresh token (before its refresh instant) is returned without locking.
 *   <li>A token inside its refresh window but not expired is refreshed by the first caller that gets the
 *       lock; concurrent callers keep using the current token meanwhile. If that refresh fails, the current
 *       token is still returned until it expires.
 *   <li>With no token, or an expired one, callers wait for the single fetch in progress, then use its result;
 *       when that fetch failed, the callers that waited for it fail with its error instead of each trying
 *       again (a token endpoint that is down sees one request, not one per waiting thread).
 * </ul>
 *
 * Thread-safe. Time comes from the injected clock.
 */
public final class CachedTokenSource {

  /** Fetches a new token from its endpoint. */
  @FunctionalInterface
  public interface Fetcher {
    AccessToken fetch() throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(CachedTokenSource.class);

  private final String name;
  private final Fetcher fetcher;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable AccessToken current;
  /** Counts completed fetches, successful or not; guarded by {@link #lock} for writes. */
  private volatile long fetches;
  private volatile @Nullable IOException lastFailure;
  private volatile long lastFailureFetch = -1;

  /**
   * @param name what the token is for, for log messages (such as {@code "OAuth M2M token for client abc"})
   */
  public CachedTokenSource(String name, Fetcher fetcher, Clock clock) {
    this.name = name;
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** Returns a valid token, fetching or refreshing it as needed. */
  public AccessToken token() throws IOException {
    AccessToken token = current;
    Instant now = clock.instant();
    if (token != null && now.isBefore(token.refreshAt())) {
      return token;
    }
    if (token != null && now.isBefore(token.expiresAt())) {
      return refreshAhead(token);
    }
    long fetchesBefore = fetches;
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the " + name);
    }
    try {
      AccessToken again = current;
      if (again != null && clock.instant().isBefore(again.expiresAt())) {
        return again; // another caller fetched it while this one waited
      }
      IOException failure = lastFailure;
      if (failure != null && lastFailureFetch == fetches && fetches != fetchesBefore) {
        throw shared(failure); // the fetch this caller waited for failed: share its outcome
      }
      return fetch();
    } finally {
      lock.unlock();
    }
  }

  private static IOException shared(IOException failure) {
    if (failure instanceof CredentialsException) {
      CredentialsException c = (CredentialsException) failure;
      String message = String.valueOf(c.getMessage());
      return c.isRefused() ? CredentialsException.refused(message, c) : new CredentialsException(message,
          c.isRetryable(), c);
    }
    return new IOException(failure.getMessage(), failure);
  }

  private AccessToken refreshAhead(AccessToken token) throws IOException {
    if (!lock.tryLock()) {
      LOG.trace("{}: refresh in progress elsewhere; using the current token", name);
      return token;
    }
    try {
      AccessToken again = current;
      if (again != null && again != token && clock.instant().isBefore(again.refreshAt())) {
        return again;
      }
      try {
        return fetch();
      } catch (IOException | RuntimeException e) {
        if (clock.instant().isBefore(token.expiresAt())) {
          LOG.debug("{}: refreshing ahead of expiry failed ({}); the current token stays in use until {}",
              name, e.toString(), token.expiresAt());
          return token;
        }
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private AccessToken fetch() throws IOException {
    LOG.trace("{}: fetching a new token", name);
    AccessToken token;
    try {
      token = fetcher.fetch();
    } catch (InterruptedIOException e) {
      fetches++; // this thread was interrupted: not an outcome to share with other callers
      throw e;
    } catch (IOException e) {
      lastFailure = e;
      lastFailureFetch = ++fetches;
      throw e;
    } catch (RuntimeException e) {
      lastFailure = new IOException(name + ": fetching a token failed (" + e.getClass().getName() + ")", e);
      lastFailureFetch = ++fetches;
      throw e;
    }
    lastFailure = null;
    fetches++;
    current = token;
    LOG.debug("{}: new token valid until {}, to be refreshed from {}", name, token.expiresAt(),
        token.refreshAt());
    return token;
  }

  @Override
  public String toString() {
    return "CachedTokenSource{" + name + "}";
  }
}
