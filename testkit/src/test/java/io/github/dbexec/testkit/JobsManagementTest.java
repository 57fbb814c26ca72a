package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobsManagementTest {
  private FakeJobsServer server;
  private Http http;

  @BeforeEach
  void startServer() {
    server = TestServers.manual();
    http = Http.to(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Map<String, Object> settings(long jobId) {
    return Http.obj(http.ok("/api/2.2/jobs/get?job_id=" + jobId).get("settings"));
  }

  @Test
  void list_withLimit_pagesInJobIdOrder() {
    for (int i = 0; i < 3; i++) {
      server.createJob(JobSpec.builder().name("job" + i).notebookTask("/nb").build());
    }

    Map<String, Object> page1 = http.ok("/api/2.2/jobs/list?limit=2");
    Map<String, Object> page2 = http.ok("/api/2.2/jobs/list?limit=2&page_token=" + page1.get("next_page_token"));

    assertThat(Http.list(page1.get("jobs"))).extracting(j -> Http.obj(j).get("job_id")).containsExactly(FakeJobsServer.DEFAULT_FIRST_JOB_ID, FakeJobsServer.DEFAULT_FIRST_JOB_ID + 1);
    assertThat(page1).containsEntry("has_more", true);
    assertThat(Http.list(page2.get("jobs"))).extracting(j -> Http.obj(j).get("job_id")).containsExactly(FakeJobsServer.DEFAULT_FIRST_JOB_ID + 2);
    assertThat(page2).containsEntry("has_more", false);
    assertThat(Http.obj(Http.obj(Http.list(page1.get("jobs")).get(0)).get("settings"))).doesNotContainKey("tasks");
  }

  @Test
  void list_nameFilterCaseInsensitiveAndExpandTasks() {
    server.createJob(JobSpec.builder().name("Nightly").notebookTask("/nb").build());
    server.createJob(JobSpec.builder().name("hourly").build());

    Map<String, Object> reply = http.ok("/api/2.2/jobs/list?name=nightly&expand_tasks=true");

    List<Object> jobs = Http.list(reply.get("jobs"));
    assertThat(jobs).hasSize(1);
    assertThat(Http.obj(Http.obj(jobs.get(0)).get("settings"))).containsKey("tasks");
  }

  @Test
  void list_noJobs_omitsJobsField() {
    assertThat(http.ok("/api/2.2/jobs/list")).doesNotContainKey("jobs").containsEntry("has_more", false);
  }

  @Test
  void reset_replacesSettingsWholesale() {
    long jobId = server.createJob(JobSpec.builder().name("old").maxConcurrentRuns(5).build());

    http.ok("/api/2.2/jobs/reset", Map.of("job_id", jobId, "new_settings", Map.of("name", "new")));

    assertThat(settings(jobId)).containsEntry("name", "new").containsEntry("max_concurrent_runs", 1L);
  }

  @Test
  void update_mergesTasksByKeyAndRemovesFields() {
    long jobId = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "j", "tags", Map.of("a", "b"),
        "tasks", List.of(Map.of("task_key", "t1", "notebook_task", Map.of("notebook_path", "/one")),
            Map.of("task_key", "t2", "notebook_task", Map.of("notebook_path", "/two"))))).get("job_id")).longValue();

    http.ok("/api/2.2/jobs/update", Map.of("job_id", jobId,
        "new_settings", Map.of("max_concurrent_runs", 4,
            "tasks", List.of(Map.of("task_key", "t1", "notebook_task", Map.of("notebook_path", "/uno")))),
        "fields_to_remove", List.of("tags", "tasks/t2")));

    Map<String, Object> settings = settings(jobId);
    assertThat(settings).containsEntry("max_concurrent_runs", 4L).doesNotContainKey("tags");
    assertThat(Http.list(settings.get("tasks"))).singleElement()
        .satisfies(t -> assertThat(Http.obj(t).get("notebook_task").toString()).contains("/uno"));
  }

  @Test
  void update_raisingMaxConcurrentRuns_promotesQueuedRuns() {
    long jobId = server.createJob(JobSpec.builder().build());
    http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
    long queued = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();

    http.ok("/api/2.2/jobs/update", Map.of("job_id", jobId, "new_settings", Map.of("max_concurrent_runs", 2)));

    assertThat(server.requireRun(queued).lifeCycleState()).isEqualTo(LifeCycleState.RUNNING);
  }

  @Test
  void update_raisingMaxConcurrentRuns_startsQueuedRunAtUpdateTimeNotAtNextLook() {
    long jobId = server.createJob(JobSpec.builder().build());
    http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId));
    long queued = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();
    server.clock().advance(java.time.Duration.ofSeconds(3));
    http.ok("/api/2.2/jobs/update", Map.of("job_id", jobId, "new_settings", Map.of("max_concurrent_runs", 2)));

    server.clock().advance(java.time.Duration.ofMinutes(5));

    assertThat(server.requireRun(queued).queueDuration()).isEqualTo(3_000L);
  }

  @Test
  void delete_job_getAnswers400AndActiveRunsAreCancelled() throws Exception {
    long jobId = server.createJob(JobSpec.builder().build());
    long runId = ((Number) http.ok("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).get("run_id")).longValue();

    http.ok("/api/2.2/jobs/delete", Map.of("job_id", jobId));

    assertThat(http.get("/api/2.2/jobs/get?job_id=" + jobId).status()).isEqualTo(400);
    assertThat(server.requireRun(runId).resultState()).isEqualTo(ResultState.CANCELED);
  }

  @Test
  void delete_missingJob_answers400() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/delete", Map.of("job_id", 77));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("message", "Job 77 does not exist.");
  }
}
