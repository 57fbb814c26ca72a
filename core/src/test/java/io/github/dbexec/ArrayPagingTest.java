package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.RecordedApiRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API 2.2 answers at most 100 tasks per {@code runs/get} / {@code jobs/get}; the client reads every page. */
class ArrayPagingTest {
  private static final List<String> ALL_KEYS = IntStream.range(0, 150).mapToObj(i -> "t" + i).toList();

  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;
  private long jobId;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(5)).start();
    List<Object> tasks = new ArrayList<>();
    for (int i = 0; i < 149; i++) {
      tasks.add(Map.of("task_key", "t" + i, "notebook_task", Map.of("notebook_path", "/nb")));
    }
    tasks.add(Map.of("task_key", "t149", "spark_jar_task", Map.of("main_class_name", "com.example.Last")));
    jobId = server.createJob(Map.of("name", "wide", "tasks", tasks, "max_concurrent_runs", 5L), "2.2");
    executor = executor(JobsApiVersion.V2_2);
  }

  private DatabricksExecutor executor(JobsApiVersion version) {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").apiVersion(version)
        .clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  /** Starts a run and waits for its queue report, whose look-up (a runs/get) then no longer comes after the test's. */
  private long runNowAndReport() {
    Submission s = executor.job(jobId).runNow();
    s.queueReport();
    return s.runId();
  }

  private static List<String> keys(Run run) {
    return run.tasks().stream().map(RunTask::taskKey).collect(Collectors.toList());
  }

  @Test
  void run_v22With150Tasks_followsPageTokenAndReturnsEveryTask() {
    long runId = runNowAndReport();
    server.journal().clear();

    Run run = executor.run(runId);

    assertThat(keys(run)).containsExactlyElementsOf(ALL_KEYS);
    assertThat(run.tasks()).extracting(RunTask::runId).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
        .isPositive());
    List<RecordedApiRequest> gets = server.journal().find("GET", "/jobs/runs/get");
    assertThat(gets).hasSize(2);
    assertThat(gets.get(0).path()).startsWith("/api/2.2/");
    assertThat(gets.get(0).queryParameter("page_token")).isNull();
    assertThat(gets.get(1).queryParameter("page_token")).isNotEmpty();
    assertThat(gets.get(1).queryParameter("run_id")).isEqualTo(Long.toString(runId));
  }

  @Test
  void run_v21With150Tasks_readsEveryTaskInOneRequest() {
    executor.close();
    executor = executor(JobsApiVersion.V2_1);
    long runId = runNowAndReport();
    server.journal().clear();

    Run run = executor.run(runId);

    assertThat(keys(run)).containsExactlyElementsOf(ALL_KEYS);
    assertThat(server.journal().find("GET", "/jobs/runs/get")).singleElement()
        .satisfies(r -> assertThat(r.path()).startsWith("/api/2.1/"));
  }

  @Test
  void awaitTermination_v22With150Tasks_resultHoldsEveryTask() {
    long runId = runNowAndReport();
    server.journal().clear();

    RunResult result = executor.awaitTermination(runId, WaitOptions.of(Duration.ofHours(1)));

    assertThat(result.isSuccess()).isTrue();
    assertThat(keys(result.run())).containsExactlyElementsOf(ALL_KEYS);
    assertThat(result.run().tasks()).allSatisfy(t -> assertThat(t.resultState()).isEqualTo(RunResultState.SUCCESS));
    List<RecordedApiRequest> gets = server.journal().find("GET", "/jobs/runs/get");
    assertThat(gets.size()).isEven(); // every poll read both pages
    assertThat(gets).filteredOn(r -> r.queryParameter("page_token") != null).hasSize(gets.size() / 2);
  }

  @Test
  void awaitTerminationAsync_v22With150Tasks_resultHoldsEveryTask() throws Exception {
    long runId = executor.job(jobId).runNow().runId();
    time.fakeClock().advance(Duration.ofMinutes(10));

    RunResult result = executor.awaitTerminationAsync(runId, WaitOptions.of(Duration.ofHours(1)))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(keys(result.run())).containsExactlyElementsOf(ALL_KEYS);
    assertThat(server.journal().find("GET", "/jobs/runs/get"))
        .filteredOn(r -> r.queryParameter("page_token") != null).isNotEmpty();
  }

  @Test
  void validate_v22JarTaskOnSecondPage_readsEveryPageOfTheJob() {
    JobInfo info = executor.validate(jobId, TaskType.JAR);

    assertThat(info.taskTypes()).containsExactlyInAnyOrder(TaskType.NOTEBOOK, TaskType.JAR);
    List<RecordedApiRequest> gets = server.journal().find("GET", "/jobs/get");
    assertThat(gets).hasSize(2);
    assertThat(gets.get(1).queryParameter("page_token")).isNotEmpty();
  }

  @Test
  void runs_v22ExpandTasks_readsTruncatedRunsWhole() {
    long runId = runNowAndReport();
    server.journal().clear();

    List<Run> runs;
    try (Stream<Run> stream = executor.runs(jobId, false, true)) {
      runs = stream.toList();
    }

    assertThat(runs).singleElement().satisfies(r -> {
      assertThat(r.runId()).isEqualTo(runId);
      assertThat(keys(r)).containsExactlyElementsOf(ALL_KEYS);
    });
    assertThat(server.journal().find("GET", "/jobs/runs/list")).singleElement()
        .satisfies(r -> assertThat(r.queryParameter("expand_tasks")).isEqualTo("true"));
    assertThat(server.journal().find("GET", "/jobs/runs/get")).hasSize(2);
  }

  @Test
  void runs_withoutExpandTasks_asksForNoTasks() {
    executor.job(jobId).runNow();
    server.journal().clear();

    List<Run> runs;
    try (Stream<Run> stream = executor.runs(jobId, false)) {
      runs = stream.toList();
    }

    assertThat(runs).singleElement().satisfies(r -> assertThat(r.tasks()).isEmpty());
    assertThat(server.journal().find("GET", "/jobs/runs/list")).singleElement()
        .satisfies(r -> assertThat(r.queryParameter("expand_tasks")).isNull());
    assertThat(server.journal().find("GET", "/jobs/runs/get")).isEmpty();
  }
}
