package io.github.dbexec.internal;

import io.github.dbexec.DatabricksTransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * Reads API 2.2's paged arrays to completion. On 2.2, {@code jobs/get} and {@code runs/get} answer at most 100
 * elements of each long array (a run's or job's {@code tasks}, among others) with {@code has_more} and
 * {@code next_page_token}; the caller repeats the request with {@code page_token} and concatenates. Without this a
 * client silently sees the first 100 tasks of a run (recorded: databricks/cli#4675). API 2.1 answers everything at
 * once, with no token, so nothing more is fetched. Only the arrays dbexec reads ({@code tasks}) are merged.
 * Stateless.
 */
public final class ArrayPages {
  /**
   * At most this many follow-up pages per object: a job has at most 1,000 tasks (10 pages of 100); the cap only
   * stops a server that keeps answering tokens.
   */
  static final int MAX_FOLLOW_UP_PAGES = 100;

  private ArrayPages() {}

  /**
   * The run {@code first} (the answer to {@code runs/get} without a page token) with the tasks of every further
   * page appended, each page fetched with {@code fetch} (one attempt, or with retries).
   *
   * @throws DatabricksTransportException when the server keeps paging past {@link #MAX_FOLLOW_UP_PAGES}
   */
  public static Wire.Run completeRun(
      JobsService service, long runId, Wire.Run first, Function<Call<Wire.Run>, Wire.Run> fetch) {
    Wire.Run run = first;
    for (int page = 1; hasMore(run.hasMore, run.nextPageToken); page++) {
      checkPages(page, "GET jobs/runs/get", runId);
      Wire.Run next = fetch.apply(service.getRunPage(runId, run.nextPageToken));
      run = mergeRun(run, next);
    }
    return run;
  }

  /** Like {@link #completeRun}, without blocking: each page is an asynchronous call, one after the other. */
  public static CompletableFuture<Wire.Run> completeRunAsync(
      JobsService service, ApiCaller caller, long runId, Wire.Run first) {
    return completeRunAsync(service, caller, runId, first, 1);
  }

  private static CompletableFuture<Wire.Run> completeRunAsync(
      JobsService service, ApiCaller caller, long runId, Wire.Run run, int page) {
    if (!hasMore(run.hasMore, run.nextPageToken)) {
      return CompletableFuture.completedFuture(run);
    }
    try {
      checkPages(page, "GET jobs/runs/get", runId);
    } catch (DatabricksTransportException e) {
      return CompletableFuture.failedFuture(e);
    }
    return caller.onceAsync(service.getRunPage(runId, run.nextPageToken))
        .thenCompose(next -> completeRunAsync(service, caller, runId, mergeRun(run, next), page + 1));
  }

  /**
   * The job {@code first} (the answer to {@code jobs/get} without a page token) with the {@code settings.tasks}
   * of every further page appended.
   *
   * @throws DatabricksTransportException when the server keeps paging past {@link #MAX_FOLLOW_UP_PAGES}
   */
  public static Wire.Job completeJob(
      JobsService service, long jobId, Wire.Job first, Function<Call<Wire.Job>, Wire.Job> fetch) {
    Wire.Job job = first;
    for (int page = 1; hasMore(job.hasMore, job.nextPageToken); page++) {
      checkPages(page, "GET jobs/get", jobId);
      Wire.Job next = fetch.apply(service.getJobPage(jobId, job.nextPageToken));
      if (job.settings == null) {
        job.settings = next.settings;
      } else if (next.settings != null) {
        job.settings.tasks = concat(job.settings.tasks, next.settings.tasks);
      }
      job.hasMore = next.hasMore;
      job.nextPageToken = next.nextPageToken;
    }
    return job;
  }

  /**
   * Whether another page follows: a non-empty {@code next_page_token}, unless {@code has_more} is explicitly
   * false.
   */
  static boolean hasMore(@Nullable Boolean hasMore, @Nullable String nextPageToken) {
    return nextPageToken != null && !nextPageToken.isEmpty() && !Boolean.FALSE.equals(hasMore);
  }

  private static Wire.Run mergeRun(Wire.Run run, Wire.Run next) {
    run.tasks = concat(run.tasks, next.tasks);
    run.hasMore = next.hasMore;
    run.nextPageToken = next.nextPageToken;
    return run;
  }

  private static <T> @Nullable List<T> concat(@Nullable List<T> a, @Nullable List<T> b) {
    if (b == null || b.isEmpty()) {
      return a;
    }
    if (a == null || a.isEmpty()) {
      return b;
    }
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  private static void checkPages(int page, String endpoint, long id) {
    if (page > MAX_FOLLOW_UP_PAGES) {
      throw DatabricksTransportException.unusableResponse(endpoint + " for " + id + " answered more than "
          + MAX_FOLLOW_UP_PAGES + " follow-up pages (page_token); stopped reading", 200, false, null);
    }
  }
}
