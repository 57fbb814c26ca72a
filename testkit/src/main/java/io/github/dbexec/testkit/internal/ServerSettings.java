package io.github.dbexec.testkit.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Fixed facts about one fake workspace.
 *
 * @param baseUrl the server's base URL, for {@code run_page_url} (a supplier: the port is known only once
 *     the server has started)
 * @param workspaceId the workspace (org) id shown in {@code run_page_url} and {@code X-Databricks-Org-Id}
 * @param creatorUserName the {@code creator_user_name} of every job and run
 * @param defaultPlan what a run does unless a script says otherwise
 * @param firstJobId the first job id handed out
 * @param firstRunId the first run id handed out (task runs take ids from the same sequence)
 * @param maxQueuedRunsPerJob queue cap per job; a run beyond it is SKIPPED (MAX_JOB_QUEUE_SIZE_EXCEEDED)
 * @param maxRetainedRuns runs kept; beyond it the oldest finished runs are forgotten, tokens included
 * @param maxRetainedRunBytes bytes the kept runs may account for; beyond it likewise
 * @param workspaceRunLimit started (PENDING/RUNNING/TERMINATING) runs allowed in the whole workspace
 * @param workspaceLimitRejects per API version ("2.1"/"2.2"): whether a run that cannot queue at the
 *     workspace limit is refused with 429 (true) or created SKIPPED (false)
 */
public record ServerSettings(Supplier<String> baseUrl, long workspaceId, String creatorUserName,
    RunPlan defaultPlan, long firstJobId, long firstRunId, int maxQueuedRunsPerJob,
    int maxRetainedRuns, long maxRetainedRunBytes, int workspaceRunLimit, java.util.function.Predicate<String> workspaceLimitRejects) {

  public ServerSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(creatorUserName, "creatorUserName");
    Objects.requireNonNull(defaultPlan, "defaultPlan");
  }
}
