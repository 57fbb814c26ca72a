package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API 2.2 answers at most 100 tasks (and job clusters, parameters, environments) per object. */
class ArrayPagingTest {
  private FakeJobsServer server;
  private Http http;
  private long jobId;

  @BeforeEach
  void start() {
    server = TestServers.manual();
    http = Http.to(server);
    List<Object> tasks = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      tasks.add(Map.of("task_key", "t" + i, "notebook_task", Map.of("notebook_path", "/nb")));
    }
    for (int i = 0; i < 3; i++) {
      parameters.add(Map.of("name", "p" + i, "default", "d"));
    }
    jobId = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "wide", "tasks", tasks,
        "parameters", parameters, "max_concurrent_runs", 5)).get("job_id")).longValue();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<Object> keys(Object tasks) {
    return Http.list(tasks).stream().map(t -> Http.obj(t).get("task_key")).toList();
  }

  @Test
  void jobsGet_v22_150Tasks_pagesBy100WithPageToken() throws Exception {
    Map<String, Object> first = http.ok("/api/2.2/jobs/get?job_id=" + jobId);
    String token = (String) first.get("next_page_token");
    Http.Reply second = http.get("/api/2.2/jobs/get?job_id=" + jobId + "&page_token=" + token);

    assertThat(first).containsEntry("has_more", true);
    assertThat(keys(Http.obj(first.get("settings")).get("tasks"))).hasSize(100).startsWith("t0").endsWith("t99");
    assertThat(Http.list(Http.obj(first.get("settings")).get("parameters"))).hasSize(3);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(second.headers().get("X-Databricks-Org-Id")).isEqualTo("1234567890123456");
    assertThat(second.json()).containsEntry("has_more", false).doesNotContainKey("next_page_token");
    Map<String, Object> settings2 = Http.obj(second.json().get("settings"));
    assertThat(keys(settings2.get("tasks"))).hasSize(50).startsWith("t100").endsWith("t149");
    assertThat(settings2).doesNotContainKey("parameters").containsEntry("name", "wide");
    assertThat(server.journal().find("GET", "/jobs/get").get(1).queryParameter("page_token")).isEqualTo(token);
  }

  @Test
  void jobsGet_v21_answersEveryTask() {
    Map<String, Object> job = http.ok("/api/2.1/jobs/get?job_id=" + jobId);

    assertThat(keys(Http.obj(job.get("settings")).get("tasks"))).hasSize(150);
    assertThat(job).doesNotContainKey("next_page_token");
  }

  @Test
  void runsGet_v22_150TaskRun_pagesBy100() throws Exception {
    long runId = http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId)).longField("run_id");

    Map<String, Object> first = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);
    Map<String, Object> second = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId + "&page_token="
        + first.get("next_page_token"));
    Map<String, Object> v21 = http.ok("/api/2.1/jobs/runs/get?run_id=" + runId);

    assertThat(first).containsEntry("has_more", true);
    assertThat(keys(first.get("tasks"))).hasSize(100);
    assertThat(Http.list(first.get("job_parameters"))).hasSize(3);
    assertThat(keys(second.get("tasks"))).hasSize(50).startsWith("t100");
    assertThat(second).containsEntry("has_more", false).doesNotContainKey("job_parameters")
        .containsEntry("run_id", runId);
    assertThat(keys(v21.get("tasks"))).hasSize(150);
  }

  @Test
  void lists_v22WithExpandTasks_truncateEachItemAndSetItsHasMore() throws Exception {
    http.post("/api/2.2/jobs/run-now", Map.of("job_id", jobId));

    Map<String, Object> jobs = http.ok("/api/2.2/jobs/list?expand_tasks=true");
    Map<String, Object> runs = http.ok("/api/2.2/jobs/runs/list?expand_tasks=true");

    Map<String, Object> job = Http.obj(Http.list(jobs.get("jobs")).get(0));
    assertThat(job).containsEntry("has_more", true);
    assertThat(keys(Http.obj(job.get("settings")).get("tasks"))).hasSize(100);
    Map<String, Object> run = Http.obj(Http.list(runs.get("runs")).get(0));
    assertThat(run).containsEntry("has_more", true);
    assertThat(keys(run.get("tasks"))).hasSize(100);
  }

  @Test
  void jobsList_v21WithExpandTasks_jobOver100Tasks_comesWithoutTasks() {
    Map<String, Object> jobs = http.ok("/api/2.1/jobs/list?expand_tasks=true");

    assertThat(Http.obj(Http.obj(Http.list(jobs.get("jobs")).get(0)).get("settings")))
        .doesNotContainKey("tasks").containsEntry("name", "wide");
  }
}
