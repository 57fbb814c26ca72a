package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runs/submit} of every kind: multi-task, clusters, serverless, git_source, libraries, validation (shared job
 * clusters refused, as the real endpoint does).
 */
class SubmitRunTest {
  private static final String SUBMIT = "/api/2.2/jobs/runs/submit";
  private FakeJobsServer server;
  private Http http;

  @BeforeEach
  void start() {
    server = TestServers.manual();
    http = Http.to(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Object> task(String key, Object... pairs) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("task_key", key);
    for (int i = 0; i < pairs.length; i += 2) {
      task.put((String) pairs[i], pairs[i + 1]);
    }
    return task;
  }

  private static Map<String, Object> body(Object... pairs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_name", "once");
    for (int i = 0; i < pairs.length; i += 2) {
      body.put((String) pairs[i], pairs[i + 1]);
    }
    return body;
  }

  private static List<Object> deps(String... keys) {
    List<Object> deps = new ArrayList<>();
    for (String key : keys) {
      deps.add(Map.of("task_key", key));
    }
    return deps;
  }

  private static Map<String, Object> taskOf(Map<String, Object> run, String key) {
    return Http.list(run.get("tasks")).stream().map(Http::obj).filter(t -> key.equals(t.get("task_key")))
        .findFirst().orElseThrow();
  }

  private static final Map<String, Object> CLUSTER = Map.of("spark_version", "15.4.x-scala2.12",
      "node_type_id", "i3.xlarge", "num_workers", 2L);

  @Test
  void submit_serverlessMultiTaskRun_runsTasksInOrderAndShowsThemBack() throws Exception {
    Map<String, Object> request = body(
        "environments", List.of(Map.of("environment_key", "default",
            "spec", Map.of("client", "2", "dependencies", List.of("pandas==2.2.2", "/Workspace/libs/etl.whl")))),
        "tasks", List.of(
            task("extract", "spark_python_task", Map.of("python_file", "/Workspace/etl/extract.py"),
                "environment_key", "default"),
            task("load", "python_wheel_task", Map.of("package_name", "etl", "entry_point", "load"),
                "environment_key", "default", "depends_on", deps("extract")),
            task("report", "notebook_task", Map.of("notebook_path", "/Workspace/etl/report"),
                "depends_on", deps("load"), "run_if", "ALL_DONE")),
        "timeout_seconds", 3600,
        "health", Map.of("rules", List.of(Map.of("metric", "RUN_DURATION_SECONDS", "op", "GREATER_THAN",
            "value", 600))),
        "email_notifications", Map.of("on_failure", List.of("ops@example.com")),
        "run_as", Map.of("service_principal_name", "8f2c-sp"),
        "access_control_list", List.of(Map.of("group_name", "data", "permission_level", "CAN_VIEW")));

    long runId = http.post(SUBMIT, request).longField("run_id");
    server.clock().advance(Duration.ofSeconds(30));
    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

    assertThat(server.journal().find("POST", "/jobs/runs/submit").get(0).jsonBody())
        .containsEntry("environments", request.get("environments"))
        .containsEntry("run_as", Map.of("service_principal_name", "8f2c-sp"));
    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "TERMINATED")
        .containsEntry("result_state", "SUCCESS");
    assertThat(run).containsEntry("run_type", "SUBMIT_RUN").doesNotContainKey("environments");
    assertThat(taskOf(run, "extract")).containsEntry("environment_key", "default")
        .containsEntry("spark_python_task", Map.of("python_file", "/Workspace/etl/extract.py"))
        .doesNotContainKeys("existing_cluster_id", "new_cluster");
    long t0 = TestServers.T0.toEpochMilli();
    assertThat(taskOf(run, "load")).containsEntry("start_time", t0 + 10_000).containsEntry("depends_on",
        List.of(Map.of("task_key", "extract")));
    assertThat(taskOf(run, "report")).containsEntry("run_if", "ALL_DONE").containsEntry("end_time", t0 + 30_000);
  }

  @Test
  void submit_clustersGitSourceAndLibraries_areValidatedAndShownByRunsGet() throws Exception {
    Map<String, Object> git = Map.of("git_url", "https://github.com/acme/etl", "git_provider", "gitHub",
        "git_branch", "main");
    Map<String, Object> request = body(
        "git_source", git,
        "tasks", List.of(
            task("jar", "spark_jar_task", Map.of("main_class_name", "com.acme.Main", "parameters", List.of("--x")),
                "new_cluster", CLUSTER, "libraries", List.of(Map.of("jar", "dbfs:/libs/etl.jar"),
                    Map.of("maven", Map.of("coordinates", "org.acme:util:1.0")))),
            task("py", "spark_python_task", Map.of("python_file", "etl/run.py", "source", "GIT"),
                "existing_cluster_id", "0923-164208-meows279", "libraries", List.of(
                    Map.of("pypi", Map.of("package", "requests==2.32.3")), Map.of("whl", "dbfs:/libs/a.whl"),
                    Map.of("requirements", "/Workspace/etl/requirements.txt"))),
            task("submit", "spark_submit_task", Map.of("parameters", List.of("--class", "Main", "app.jar")),
                "new_cluster", CLUSTER),
            task("sql", "sql_task", Map.of("warehouse_id", "wh1", "query", Map.of("query_id", "q1"))),
            task("dbt", "dbt_task", Map.of("commands", List.of("dbt run")), "existing_cluster_id", "c1"),
            task("pipeline", "pipeline_task", Map.of("pipeline_id", "p-1", "full_refresh", true))));

    long runId = http.post(SUBMIT, request).longField("run_id");
    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

    assertThat(run).containsEntry("git_source", git).doesNotContainKey("job_clusters");
    assertThat(Http.list(run.get("tasks"))).hasSize(6);
    assertThat(taskOf(run, "jar")).containsEntry("new_cluster", CLUSTER)
        .containsEntry("libraries", List.of(Map.of("jar", "dbfs:/libs/etl.jar"),
            Map.of("maven", Map.of("coordinates", "org.acme:util:1.0"))));
    assertThat(taskOf(run, "submit")).containsEntry("new_cluster", CLUSTER);
    assertThat(taskOf(run, "sql")).containsKey("sql_task").doesNotContainKey("existing_cluster_id");
    assertThat(taskOf(run, "pipeline")).containsEntry("pipeline_task", Map.of("pipeline_id", "p-1",
        "full_refresh", true));
  }

  @Test
  void submit_nonLeafTaskFailsButLeavesSucceed_endsSuccessWithFailures() throws Exception {
    server.scriptNextRun(RunScript.succeeding().task("a", TaskScript.failing("boom")));
    long runId = http.post(SUBMIT, body("tasks", List.of(
        task("a", "notebook_task", Map.of("notebook_path", "/a")),
        task("b", "notebook_task", Map.of("notebook_path", "/b"), "depends_on", deps("a"), "run_if", "ALL_DONE"))))
        .longField("run_id");

    server.clock().advance(Duration.ofSeconds(20));
    Map<String, Object> run = http.ok("/api/2.2/jobs/runs/get?run_id=" + runId);

    assertThat(Http.obj(run.get("state"))).containsEntry("life_cycle_state", "TERMINATED")
        .containsEntry("result_state", "SUCCESS_WITH_FAILURES");
    assertThat(Http.obj(Http.obj(run.get("status")).get("termination_details")))
        .containsEntry("code", "SUCCESS_WITH_FAILURES").containsEntry("type", "SUCCESS");
    assertThat(Http.obj(taskOf(run, "a").get("state"))).containsEntry("result_state", "FAILED");
  }

  @Test
  void submit_invalidBodies_answer400WithTheMessageAndCreateNoRun() throws Exception {
    Map<String, Object> nb = Map.of("notebook_path", "/nb");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(Json.write(body()), "One of job_cluster_key, new_cluster, or existing_cluster_id must be specified.");
    cases.put(Json.write(body("tasks", List.of(Map.of("notebook_task", nb)))),
        "Missing required field: tasks.task_key");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb), task("a", "notebook_task", nb)))),
        "Task key 'a' is used by more than one task. Task keys must be unique within a run.");
    cases.put(Json.write(body("tasks", List.of(task("jar", "spark_jar_task", Map.of("main_class_name", "M"))))),
        "One of job_cluster_key, new_cluster, or existing_cluster_id must be specified.");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb, "depends_on", deps("a"))))),
        "Invalid dependency graph, task 'a' can not reference itself.");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb, "depends_on", deps("zz"))))),
        "Invalid dependency graph, task 'a' depends on 'zz', which is not a task of this run.");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb, "depends_on", deps("b")),
        task("b", "notebook_task", nb, "depends_on", deps("a"))))),
        "Invalid dependency graph, the tasks form a cycle: a -> b -> a.");
    cases.put(Json.write(body("job_clusters", List.of(Map.of("job_cluster_key", "shared", "new_cluster", CLUSTER)),
        "tasks", List.of(task("a", "notebook_task", nb, "job_cluster_key", "shared")))),
        "Shared job cluster feature is not supported in runs/submit API.");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb, "job_cluster_key", "shared")))),
        "Shared job cluster feature is not supported in runs/submit API.");
    cases.put(Json.write(body("tasks", List.of(task("a", "spark_python_task", Map.of("python_file", "x.py"),
        "environment_key", "nope")))), "Task 'a' uses environment_key 'nope', which is not defined in environments.");
    cases.put(Json.write(body("git_source", Map.of("git_url", "https://x"), "tasks",
        List.of(task("a", "notebook_task", nb)))),
        "git_source.git_provider must be one of: github,gitlab,bitbucketcloud,gitlabenterpriseedition,"
            + "bitbucketserver,azuredevopsservices,githubenterprise,awscodecommit");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb, "existing_cluster_id", "c",
        "libraries", List.of(Map.of("pypi", Map.of())))))), "Missing required field: tasks.libraries.pypi.package");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", nb, "run_if", "SOMETIMES")))),
        "Invalid run_if 'SOMETIMES' of task 'a'; expected one of ALL_DONE, ALL_FAILED, ALL_SUCCESS, AT_LEAST_ONE_FAILED, "
            + "AT_LEAST_ONE_SUCCESS, NONE_FAILED.");
    cases.put(Json.write(body("tasks", List.of(task("a")))), "Task 'a' must have exactly one task type (for example "
        + "notebook_task, spark_jar_task, spark_python_task, python_wheel_task, spark_submit_task, sql_task, "
        + "dbt_task, pipeline_task or run_job_task), got none.");
    cases.put(Json.write(body("tasks", List.of(task("a", "notebook_task", Map.of())))),
        "Missing required field: tasks.notebook_task.notebook_path");

    for (Map.Entry<String, String> c : cases.entrySet()) {
      Http.Reply reply = http.post(SUBMIT, c.getKey());

      assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
      assertThat(reply.json()).as(c.getKey()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
          .containsEntry("message", c.getValue());
    }
    assertThat(server.runCount()).isZero();
  }
}
