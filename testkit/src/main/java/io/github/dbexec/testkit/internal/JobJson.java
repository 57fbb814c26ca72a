package io.github.dbexec.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes saved jobs in the shape of the Jobs API {@code Job} / {@code BaseJob} models (jobs-api.md §3-4). */
final class JobJson {
  private JobJson() {}

  /** The {@code jobs/get} body. */
  static Map<String, Object> job(JobRecord job) {
    Map<String, Object> json = base(job, true);
    json.put("run_as_user_name", job.creatorUserName);
    json.put("has_more", false);
    return json;
  }

  /** A {@code jobs/list} entry; {@code settings.tasks} only with {@code expand_tasks}. */
  static Map<String, Object> base(JobRecord job, boolean withTasks) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("job_id", job.jobId);
    json.put("creator_user_name", job.creatorUserName);
    json.put("created_time", job.createdTime);
    Map<String, Object> settings = new LinkedHashMap<>(job.settings);
    if (!withTasks) {
      settings.remove("tasks");
      settings.remove("job_clusters");
    }
    json.put("settings", settings);
    return json;
  }
}
