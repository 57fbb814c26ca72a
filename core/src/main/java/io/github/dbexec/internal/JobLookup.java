package io.github.dbexec.internal;

import io.github.dbexec.ExecutorListener;
import io.github.dbexec.JobLookupException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Jobs by name ({@code jobs/list?name=}) and the tidy start's {@code runs/cancel-all}. Each request is retried per
 * the retry policy. Stateless.
 */
public final class JobLookup {
  /** {@code jobs/list} takes 1..100. */
  static final int PAGE = 100;
  /** At most this many pages are read for one name: far more jobs than can share a name in practice. */
  static final int MAX_PAGES = 100;

  private JobLookup() {}

  /**
   * The {@code job_id} of the one job named {@code name} (exact, case-insensitive, as {@code jobs/list} filters).
   *
   * @throws JobLookupException when no job or more than one has the name
   */
  public static long findJobId(JobsService service, ApiCaller caller, String name) {
    List<Long> ids = new ArrayList<>();
    @Nullable String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      Wire.JobList list = caller.withRetries(service.listJobs(name, PAGE, token));
      if (list.jobs != null) {
        for (Wire.Job job : list.jobs) {
          if (job.jobId != null) {
            ids.add(job.jobId);
          }
        }
      }
      token = list.nextPageToken;
      if (token == null || token.isEmpty() || Boolean.FALSE.equals(list.hasMore)) {
        break;
      }
    }
    if (ids.size() != 1) {
      throw JobLookupException.of(name, ids);
    }
    return ids.get(0);
  }

  /** {@code runs/cancel-all} of {@code jobId}, queued runs included; before a run-now that asks for it. */
  public static void cancelPrevious(JobsService service, ApiCaller caller, long jobId, ExecutorListener listener) {
    caller.withRetries(service.cancelAllRuns(new Wire.CancelAllBody(jobId, true)), null, v -> { }, listener);
  }
}
