package io.github.dbexec.internal;

import io.github.dbexec.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/** Pages through {@code runs/list}: one page per request, fetched as the stream is consumed. */
public final class RunsPager {
  private static final int PAGE = 24; // runs/list takes 0 < limit < 25

  private final JobsService service;
  private final ApiCaller caller;

  public RunsPager(JobsService service, ApiCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  /** The runs of {@code jobId}, newest first, without their tasks; each page retried per the retry policy. */
  public Stream<Run> runs(long jobId, boolean activeOnly) {
    return runs(jobId, activeOnly, false);
  }

  /**
   * The runs of {@code jobId}, newest first; with {@code expandTasks} each with all its tasks: {@code runs/list}
   * with {@code expand_tasks}, and, for a run API 2.2 cut short ({@code has_more}), every page of {@code runs/get}.
   * Each request retried per the retry policy.
   */
  public Stream<Run> runs(long jobId, boolean activeOnly, boolean expandTasks) {
    Iterator<Run> pages = new Iterator<>() {
      private Iterator<Run> page = Collections.emptyIterator();
      private @Nullable String nextPageToken;
      private boolean lastPage;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && !lastPage) {
          Call<Wire.RunList> call = expandTasks
              ? service.listRuns(jobId, activeOnly, true, PAGE, nextPageToken)
              : service.listRuns(jobId, activeOnly, PAGE, nextPageToken);
          String endpoint = Endpoints.label(call.request());
          Wire.RunList list = caller.withRetries(call);
          List<Run> runs = new ArrayList<>();
          if (list.runs != null) {
            for (Wire.Run w : list.runs) {
              if (expandTasks && Boolean.TRUE.equals(w.hasMore) && w.runId != null) {
                // the item holds the first 100 tasks only: read the whole run
                Call<Wire.Run> get = service.getRun(w.runId);
                Wire.Run whole = ArrayPages.completeRun(service, w.runId, caller.withRetries(get), caller::withRetries);
                runs.add(WireMapper.run(whole, Endpoints.label(get.request())));
                continue;
              }
              runs.add(WireMapper.run(w, endpoint));
            }
          }
          page = runs.iterator();
          nextPageToken = list.nextPageToken;
          lastPage = nextPageToken == null || nextPageToken.isEmpty()
              || (list.hasMore != null && !list.hasMore);
        }
        return page.hasNext();
      }

      @Override
      public Run next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
