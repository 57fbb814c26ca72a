package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One-time runs of every kind ({@code runs/submit}), through HTTP against the fake (#14). */
class OneTimeRunsTest {
  private static final NewCluster SMALL = NewCluster.builder().sparkVersion("15.4.x-scala2.12")
      .nodeTypeId("i3.xlarge").numWorkers(2).build();

  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(5)).start();
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void submit_serverlessMultiTask_sendsEnvironmentsAndTasksWithoutClusters() {
    Submission s = executor.oneTimeRun()
        .runName("nightly")
        .environment(ServerlessEnvironment.of("default", "2", List.of("pandas==2.2.3", "etl==1.4.0")))
        .task("ingest", t -> t.pythonWheelTask("etl", "ingest", Map.of("day", "2026-11-20")).environment("default"))
        .task("report", t -> t.notebookTask("/Repos/etl/report", Map.of("day", "2026-11-20")).serverless()
            .dependsOn("ingest").runIf(RunIf.ALL_SUCCEEDED))
        .idempotencyKey("nightly:2026-11-20")
        .submit();

    Map<String, Object> body = submitBody();
    assertThat(body).containsEntry("run_name", "nightly")
        .containsEntry("idempotency_token", IdempotencyTokens.forSubmit("nightly:2026-11-20"))
        .containsEntry("environments", List.of(Map.of("environment_key", "default",
            "spec", Map.of("environment_version", "2", "dependencies", List.of("pandas==2.2.3", "etl==1.4.0")))));
    assertThat(tasks(body)).containsExactly(
        Map.of("task_key", "ingest",
            "python_wheel_task", Map.of("package_name", "etl", "entry_point", "ingest",
                "named_parameters", Map.of("day", "2026-11-20")),
            "environment_key", "default"),
        Map.of("task_key", "report", "depends_on", List.of(Map.of("task_key", "ingest")), "run_if", "ALL_SUCCESS",
            "notebook_task", Map.of("notebook_path", "/Repos/etl/report",
                "base_parameters", Map.of("day", "2026-11-20"))));
    assertThat(s.runId()).isPositive();
    assertThat(s.jobId()).isNull();
    assertThat(s.queueReport().outcome()).isEqualTo(QueueOutcome.STARTED);
    Run run = executor.run(s.runId());
    assertThat(run.runType()).isEqualTo("SUBMIT_RUN");
    assertThat(run.tasks()).extracting(RunTask::taskKey).containsExactlyInAnyOrder("ingest", "report");
  }

  @Test
  void submit_multiTaskOnClustersWithRunSettings_sendsEveryTypedField() {
    executor.oneTimeRun()
        .runName("backfill")
        .gitSource(GitSource.branch("https://github.com/acme/etl", GitSource.Provider.GITHUB, "main"))
        .task(SubmitTask.builder("ingest").description("load the day").jarTask("com.acme.Ingest", List.of("--day", "1"))
            .newCluster(SMALL).library(Library.jar("dbfs:/jars/ingest.jar")).timeout(Duration.ofMinutes(30)).build())
        .task(SubmitTask.builder("clean").pythonTask("etl/clean.py", List.of("--fast")).existingCluster("0923-abc")
            .dependsOn("ingest").build())
        .task(SubmitTask.builder("alert").sparkSubmitTask(List.of("--class", "com.acme.Alert", "dbfs:/a.jar"))
            .newCluster(SMALL).dependsOn("ingest", "clean").runIf(RunIf.AT_LEAST_ONE_FAILED).build())
        .task(SubmitTask.builder("publish").sqlFileTask("wh-1", "sql/publish.sql", Map.of("day", "1"))
            .dependsOn("clean").runIf(RunIf.ALL_DONE).build())
        .task(SubmitTask.builder("models").dbtTask(List.of("dbt deps", "dbt run"), "wh-1").existingCluster("0923-abc")
            .dependsOn("publish").runIf(RunIf.NONE_FAILED).build())
        .task(SubmitTask.builder("refresh").pipelineTask("pipe-1", true).dependsOn("models").build())
        .timeout(Duration.ofHours(2))
        .queue(true)
        .healthRule(HealthRule.runDurationOver(Duration.ofMinutes(90)))
        .emailNotifications(Notifications.builder().onFailure("oncall@acme.com").onDurationWarning("lead@acme.com")
            .build())
        .webhookNotifications(Notifications.builder().onSuccess("dest-1").build())
        .runAs(RunAs.servicePrincipal("6f1c2e3a-app"))
        .accessControl(AccessControl.group("data-eng", AccessControl.PermissionLevel.CAN_VIEW))
        .accessControl(AccessControl.user("ana@acme.com", AccessControl.PermissionLevel.CAN_MANAGE_RUN))
        .submit();

    Map<String, Object> body = submitBody();
    assertThat(body).containsEntry("timeout_seconds", 7200L)
        .containsEntry("queue", Map.of("enabled", true))
        .containsEntry("git_source", Map.of("git_url", "https://github.com/acme/etl", "git_provider", "gitHub",
            "git_branch", "main"))
        .containsEntry("health", Map.of("rules", List.of(Map.of("metric", "RUN_DURATION_SECONDS",
            "op", "GREATER_THAN", "value", 5400L))))
        .containsEntry("email_notifications", Map.of("on_failure", List.of("oncall@acme.com"),
            "on_duration_warning_threshold_exceeded", List.of("lead@acme.com")))
        .containsEntry("webhook_notifications", Map.of("on_success", List.of(Map.of("id", "dest-1"))))
        .containsEntry("run_as", Map.of("service_principal_name", "6f1c2e3a-app"))
        .containsEntry("access_control_list", List.of(
            Map.of("group_name", "data-eng", "permission_level", "CAN_VIEW"),
            Map.of("user_name", "ana@acme.com", "permission_level", "CAN_MANAGE_RUN")));
    List<Map<String, Object>> tasks = tasks(body);
    assertThat(tasks.get(0)).isEqualTo(Map.of("task_key", "ingest", "description", "load the day",
        "spark_jar_task", Map.of("main_class_name", "com.acme.Ingest", "parameters", List.of("--day", "1")),
        "new_cluster", Map.of("spark_version", "15.4.x-scala2.12", "node_type_id", "i3.xlarge", "num_workers", 2L),
        "libraries", List.of(Map.of("jar", "dbfs:/jars/ingest.jar")), "timeout_seconds", 1800L));
    assertThat(tasks.get(1)).isEqualTo(Map.of("task_key", "clean", "depends_on", List.of(Map.of("task_key", "ingest")),
        "spark_python_task", Map.of("python_file", "etl/clean.py", "parameters", List.of("--fast")),
        "existing_cluster_id", "0923-abc"));
    assertThat(tasks.get(2)).containsEntry("depends_on", List.of(Map.of("task_key", "ingest"),
            Map.of("task_key", "clean")))
        .containsEntry("run_if", "AT_LEAST_ONE_FAILED")
        .containsEntry("spark_submit_task", Map.of("parameters", List.of("--class", "com.acme.Alert", "dbfs:/a.jar")));
    assertThat(tasks.get(3)).isEqualTo(Map.of("task_key", "publish", "depends_on", List.of(Map.of("task_key", "clean")),
        "run_if", "ALL_DONE", "sql_task", Map.of("warehouse_id", "wh-1", "parameters", Map.of("day", "1"),
            "file", Map.of("path", "sql/publish.sql"))));
    assertThat(tasks.get(4)).containsEntry("dbt_task", Map.of("commands", List.of("dbt deps", "dbt run"),
        "warehouse_id", "wh-1")).containsEntry("run_if", "NONE_FAILED");
    assertThat(tasks.get(5)).isEqualTo(Map.of("task_key", "refresh", "depends_on", List.of(Map.of("task_key", "models")),
        "pipeline_task", Map.of("pipeline_id", "pipe-1", "full_refresh", true)));
  }

  @Test
  void submit_everyLibraryKind_sendsEachInTheApiShape() {
    executor.oneTimeRun()
        .task("main", t -> t.pythonWheelTask("etl", "main", List.of()).existingCluster("c-1").library(
            Library.jar("/Volumes/main/libs/etl.jar"),
            Library.whl("/Volumes/main/libs/etl-1.0-py3-none-any.whl"),
            Library.pypi("requests==2.32.3"),
            Library.pypi("etl-private==1.0", "https://pypi.acme.com/simple"),
            Library.maven("com.acme:etl:1.2.0"),
            Library.maven("com.acme:io:2.0", "https://maven.acme.com", List.of("org.slf4j:slf4j-log4j12")),
            Library.requirements("/Workspace/etl/requirements.txt")))
        .submit();

    assertThat(tasks(submitBody()).get(0).get("libraries")).isEqualTo(List.of(
        Map.of("jar", "/Volumes/main/libs/etl.jar"),
        Map.of("whl", "/Volumes/main/libs/etl-1.0-py3-none-any.whl"),
        Map.of("pypi", Map.of("package", "requests==2.32.3")),
        Map.of("pypi", Map.of("package", "etl-private==1.0", "repo", "https://pypi.acme.com/simple")),
        Map.of("maven", Map.of("coordinates", "com.acme:etl:1.2.0")),
        Map.of("maven", Map.of("coordinates", "com.acme:io:2.0", "repo", "https://maven.acme.com",
            "exclusions", List.of("org.slf4j:slf4j-log4j12"))),
        Map.of("requirements", "/Workspace/etl/requirements.txt")));
  }

  @Test
  void submit_additionalFields_reachTheServerMergedIntoBodyAndTasks() {
    Map<String, Object> taskExtras = new LinkedHashMap<>();
    taskExtras.put("max_retries", 2);
    taskExtras.put("notebook_task", Map.of("warehouse_id", "wh-9", "source", "WORKSPACE"));
    Submission s = executor.oneTimeRun()
        .task("a", t -> t.notebookTask("/nb/a", Map.of("x", "1")).additionalFields(taskExtras))
        .task("b", t -> t.notebookTask("/nb/b", Map.of()).existingCluster("c-1").dependsOn("a")
            .additionalFields("{\"existing_cluster_id\": null, \"new_cluster\": {\"spark_version\":"
                + " \"15.4.x-scala2.12\", \"node_type_id\": \"i3.xlarge\", \"num_workers\": 1}}"))
        .queue(true)
        .additionalFields("{\"budget_policy_id\": \"bp-7\", \"queue\": {\"enabled\": false},"
            + " \"notification_settings\": {\"no_alert_for_skipped_runs\": true}}")
        .additionalFields(Map.of("performance_target", "PERFORMANCE_OPTIMIZED"))
        .idempotencyKey("escape")
        .submit();

    RecordedApiRequest request = server.journal().find("POST", "/jobs/runs/submit").get(0);
    Map<String, Object> body = request.jsonBody();
    assertThat(body).containsEntry("budget_policy_id", "bp-7")
        .containsEntry("performance_target", "PERFORMANCE_OPTIMIZED")
        .containsEntry("queue", Map.of("enabled", false))
        .containsEntry("notification_settings", Map.of("no_alert_for_skipped_runs", true))
        .containsEntry("idempotency_token", IdempotencyTokens.forSubmit("escape"));
    assertThat(tasks(body).get(0)).isEqualTo(Map.of("task_key", "a",
        "notebook_task", Map.of("notebook_path", "/nb/a", "base_parameters", Map.of("x", "1"),
            "warehouse_id", "wh-9", "source", "WORKSPACE"),
        "max_retries", 2L));
    assertThat(tasks(body).get(1)).doesNotContainKey("existing_cluster_id")
        .containsEntry("new_cluster", Map.of("spark_version", "15.4.x-scala2.12", "node_type_id", "i3.xlarge",
            "num_workers", 1L));
    assertThat(request.body()).contains("\"max_retries\":2}").contains("\"num_workers\":1}");
    assertThat(request.responseCode()).isEqualTo(200);
    assertThat(s.idempotencyToken()).isEqualTo(IdempotencyTokens.forSubmit("escape"));
  }

  @Test
  void submit_additionalFieldsTheWorkspaceRefuses_failsWithItsAnswerWithoutRetrying() {
    assertThatThrownBy(() -> executor.oneTimeRun()
        .task("a", t -> t.notebookTask("/nb", Map.of()).additionalFields("{\"job_cluster_key\": \"shared\"}"))
        .additionalFields("{\"job_clusters\": [{\"job_cluster_key\": \"shared\", \"new_cluster\": {}}]}")
        .submit())
        .isInstanceOfSatisfying(DatabricksApiException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
          assertThat(e.getMessage()).contains("Shared job cluster");
          assertThat(e.isRetryable()).isFalse();
        });

    assertThat(server.journal().find("POST", "/jobs/runs/submit")).singleElement()
        .satisfies(r -> assertThat(r.jsonBody()).containsKey("job_clusters"));
  }

  @Test
  void build_additionalFieldsBreakingTheRules_rejectedNamingTheField() {
    expectInvalid(() -> executor.oneTimeRun().additionalFields("{\"idempotency_token\": \"mine\"}")
        .task("a", t -> t.notebookTask("/nb", Map.of()).serverless()).submit(), "idempotency_token", "idempotencyKey");
    expectInvalid(() -> executor.oneTimeRun().additionalFields("{\"tasks\": []}")
        .task("a", t -> t.notebookTask("/nb", Map.of()).serverless()).submit(), "tasks", "SubmitTask.Builder");
    expectInvalid(() -> executor.oneTimeRun().additionalFields("{\"a\": 1,}"), "additionalFields", "not valid JSON");
    expectInvalid(() -> executor.oneTimeRun().additionalFields("[1, 2]"), "additionalFields", "JSON object");
    expectInvalid(() -> executor.oneTimeRun().additionalFields("{\"a\": 1} {\"b\": 2}"), "additionalFields",
        "more follows");
    expectInvalid(() -> executor.oneTimeRun().additionalFields("{\"a\": 1, \"a\": 2}"), "additionalFields",
        "\"a\" twice");
    expectInvalid(() -> executor.oneTimeRun().additionalFields(Map.of("when", Duration.ZERO)), "additionalFields",
        "java.time.Duration at $.when");
    expectInvalid(() -> SubmitTask.builder("a").notebookTask("/nb", Map.of()).serverless()
        .additionalFields("{\"task_key\": \"b\"}").build(), "task_key", "additionalFields");

    assertThat(server.journal().all()).isEmpty();
  }

  @Test
  void build_invalidTaskGraph_rejectedNamingTheFieldAndTasksBeforeAnyRequest() {
    Supplier<OneTimeRunRequest.Builder> run = OneTimeRunRequest::builder;

    expectInvalid(() -> run.get().task("a", t -> t.notebookTask("/nb", Map.of()).serverless().dependsOn("c"))
        .task("b", t -> t.notebookTask("/nb", Map.of()).serverless().dependsOn("a")).build(),
        "depends_on", "task 'a' depends on 'c', which is not a task of this run (its tasks: a, b)");
    expectInvalid(() -> run.get()
        .task("a", t -> t.notebookTask("/nb", Map.of()).serverless().dependsOn("c"))
        .task("b", t -> t.notebookTask("/nb", Map.of()).serverless().dependsOn("a"))
        .task("c", t -> t.notebookTask("/nb", Map.of()).serverless().dependsOn("b"))
        .task("d", t -> t.notebookTask("/nb", Map.of()).serverless()).build(),
        "depends_on", "cycle: a -> c -> b -> a");
    expectInvalid(() -> run.get().task("a", t -> t.notebookTask("/nb", Map.of()).serverless().dependsOn("a")).build(),
        "depends_on", "cycle: a -> a");
    expectInvalid(() -> run.get().task("a", t -> t.notebookTask("/nb", Map.of()).serverless())
        .task("b", t -> t.notebookTask("/nb", Map.of()).serverless())
        .task("a", t -> t.pipelineTask("p", false)).build(),
        "task_key", "task_key 'a' is used by tasks[0] and tasks[2]");
    expectInvalid(() -> run.get().task("", t -> t.notebookTask("/nb", Map.of()).serverless()).build(),
        "task_key", "task_key is missing");
    expectInvalid(() -> run.get().task("has space", t -> t.pipelineTask("p", false)).build(),
        "task_key", "letters, digits");
    expectInvalid(() -> run.get().environment(ServerlessEnvironment.of("default", "2", List.of()))
        .task("a", t -> t.pythonTask("x.py", List.of()).environment("py")).build(),
        "environment_key", "task 'a' names environment_key 'py', which is not an environment of this run "
            + "(its environments: default)");
    expectInvalid(() -> run.get().environment(ServerlessEnvironment.of("e", "2", List.of()))
        .environment(ServerlessEnvironment.of("e", "3", List.of()))
        .task("a", t -> t.pythonTask("x.py", List.of()).environment("e")).build(), "environment_key", "twice");
    expectInvalid(() -> run.get().build(), "tasks", "needs a task");
    expectInvalid(() -> run.get().notebookTask("/nb", Map.of()).existingCluster("c")
        .task("b", t -> t.pipelineTask("p", false)).build(), "tasks", "not both");

    assertThat(server.journal().all()).isEmpty();
  }

  @Test
  void build_taskWithoutTheComputeItsTypeNeeds_rejectedNamingTheTask() {
    expectInvalid(() -> SubmitTask.builder("w").pythonWheelTask("etl", "main", List.of()).build(),
        "existing_cluster_id", "task 'w' (python_wheel_task) needs compute");
    expectInvalid(() -> SubmitTask.builder("j").jarTask("M", List.of()).build(),
        "existing_cluster_id", "task 'j' (spark_jar_task) needs compute");
    expectInvalid(() -> SubmitTask.builder("s").sparkSubmitTask(List.of("--version")).build(),
        "existing_cluster_id", "(spark_submit_task) needs compute");
    expectInvalid(() -> SubmitTask.builder("d").dbtTask(List.of("dbt run")).build(),
        "existing_cluster_id", "(dbt_task) needs compute");
    expectInvalid(() -> SubmitTask.builder("n").notebookTask("/nb", Map.of()).build(),
        "existing_cluster_id", "serverless()");
    expectInvalid(() -> SubmitTask.builder("p").pythonTask("x.py", List.of()).serverless().build(),
        "environment_key", "needs an environment");
    expectInvalid(() -> SubmitTask.builder("s").sparkSubmitTask(List.of("--version")).environment("default").build(),
        "environment_key", "spark_submit_task does not run on serverless compute");
    expectInvalid(() -> SubmitTask.builder("l").pythonTask("x.py", List.of()).environment("default")
        .library(Library.pypi("requests")).build(), "libraries", "dependencies of its ServerlessEnvironment");
    expectInvalid(() -> SubmitTask.builder("l").notebookTask("/nb", Map.of()).serverless()
        .library(Library.jar("/x.jar")).build(), "libraries", "serverless");
    expectInvalid(() -> SubmitTask.builder("x").build(), "tasks", "needs a task type");
    expectInvalid(() -> SubmitTask.builder("x").notebookTask("/nb", Map.of()).jarTask("M", List.of()),
        "spark_jar_task", "one task type");
    expectInvalid(() -> SubmitTask.builder("q").notebookTask("/nb", Map.of()).serverless().dependsOn("a", "a")
        .build(), "depends_on", "twice");
    expectInvalid(() -> executor.oneTimeRun().task("w", t -> t.pythonWheelTask("etl", "main", List.of()))
        .submit(), "existing_cluster_id", "task 'w'");

    assertThat(SubmitTask.builder("p").pipelineTask("pipe", false).build().taskType()).isEqualTo(TaskType.PIPELINE);
    assertThat(SubmitTask.builder("q").sqlQueryTask("wh", "q-1", Map.of()).build().taskFields())
        .containsEntry("query", Map.of("query_id", "q-1"));
    assertThat(SubmitTask.builder("r").additionalFields("{\"run_job_task\": {\"job_id\": 7}}").build().taskType())
        .isNull();
    assertThat(server.journal().all()).isEmpty();
  }

  @Test
  void submit_sameKeyTwiceForAMultiTaskRun_oneRunAndOneToken() {
    Supplier<Submission> submit = () -> executor.oneTimeRun()
        .task("a", t -> t.notebookTask("/nb", Map.of()).serverless())
        .task("b", t -> t.pipelineTask("p", false).dependsOn("a"))
        .idempotencyKey("file:/in/1").submit();

    Submission first = submit.get();
    Submission second = submit.get();

    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.deduplicated()).isTrue();
    assertThat(server.journal().find("POST", "/jobs/runs/submit")).extracting(r -> r.jsonBody().get("idempotency_token"))
        .containsExactly(IdempotencyTokens.forSubmit("file:/in/1"), IdempotencyTokens.forSubmit("file:/in/1"));
  }

  @Test
  void validate_jobWithNewTaskTypes_recognisesThem() {
    Map<String, Object> settings = Map.of("name", "kinds", "tasks", List.of(
        Map.of("task_key", "w", "python_wheel_task", Map.of("package_name", "etl", "entry_point", "main")),
        Map.of("task_key", "s", "sql_task", Map.of("warehouse_id", "wh", "query", Map.of("query_id", "q"))),
        Map.of("task_key", "p", "pipeline_task", Map.of("pipeline_id", "pipe"))));
    long jobId = server.createJob(settings, "2.2");

    JobInfo info = executor.job(jobId).validate(TaskType.PYTHON_WHEEL);

    assertThat(info.taskTypes()).isEqualTo(Set.of(TaskType.PYTHON_WHEEL, TaskType.SQL, TaskType.PIPELINE));
  }

  private static void expectInvalid(ThrowingCallable call, String field, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).contains(message);
    });
  }

  private Map<String, Object> submitBody() {
    return server.journal().find("POST", "/jobs/runs/submit").get(0).jsonBody();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tasks(Map<String, Object> body) {
    return ((List<Object>) body.get("tasks")).stream().map(t -> (Map<String, Object>) t).collect(Collectors.toList());
  }
}
