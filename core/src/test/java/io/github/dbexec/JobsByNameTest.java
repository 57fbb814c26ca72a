package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.LifeCycleState;
import io.github.dbexec.testkit.RecordedApiRequest;
import io.github.dbexec.testkit.RunSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs found by name, and run-now's cancel-previous-runs option. */
class JobsByNameTest {
  private FakeJobsServer server;
  private FakeTime time;
  private DatabricksExecutor executor;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(10)).start();
    executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").clock(time).sleeper(time).build();
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  @Test
  void findJobId_oneJobHasTheName_returnsItsId() {
    server.createJob(JobSpec.builder().name("nightly-etl-old").notebookTask("/nb").build());
    long id = server.createJob(JobSpec.builder().name("nightly-etl").notebookTask("/nb").build());

    long found = executor.findJobId("nightly-etl");

    assertThat(found).isEqualTo(id);
    assertThat(server.journal().find("GET", "/jobs/list")).singleElement()
        .satisfies(r -> assertThat(r.queryParameter("name")).isEqualTo("nightly-etl"));
  }

  @Test
  void findJobId_noJobHasTheName_throwsNamingNameAndZero() {
    server.createJob(JobSpec.builder().name("other").notebookTask("/nb").build());

    assertThatThrownBy(() -> executor.findJobId("nightly-etl"))
        .isInstanceOfSatisfying(JobLookupException.class, e -> {
          assertThat(e.jobName()).isEqualTo("nightly-etl");
          assertThat(e.matchCount()).isZero();
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining("'nightly-etl'").hasMessageContaining("0 jobs");
  }

  @Test
  void findJobId_twoJobsHaveTheName_throwsNamingCountAndIds() {
    long a = server.createJob(JobSpec.builder().name("dup").notebookTask("/nb").build());
    long b = server.createJob(JobSpec.builder().name("dup").notebookTask("/nb").build());

    assertThatThrownBy(() -> executor.findJobId("dup"))
        .isInstanceOfSatisfying(JobLookupException.class,
            e -> assertThat(e.matchingJobIds()).containsExactly(a, b))
        .hasMessageContaining("2 jobs are named 'dup'");
  }

  @Test
  void runNow_cancelPreviousRuns_leavesExactlyTheNewRunActive() {
    long job = server.createJob(JobSpec.builder().name("j").maxConcurrentRuns(2).queueEnabled(true)
        .notebookTask("/nb").build());
    executor.job(job).runNow();
    executor.job(job).runNow();
    long queued = executor.job(job).runNow().runId();
    assertThat(server.requireRun(queued).lifeCycleState()).isEqualTo(LifeCycleState.QUEUED);

    Submission fresh = executor.job(job).cancelPreviousRuns(true).runNow();

    List<RunSnapshot> active = server.runs(job).stream().filter(r -> !r.isTerminal()).toList();
    assertThat(active).extracting(RunSnapshot::runId).containsExactly(fresh.runId());
    assertThat(server.requireRun(queued).resultState()).hasToString("CANCELED");
    List<RecordedApiRequest> cancelAll = server.journal().find("POST", "/jobs/runs/cancel-all");
    assertThat(cancelAll).singleElement().satisfies(r -> {
      assertThat(((Number) r.jsonBody().get("job_id")).longValue()).isEqualTo(job);
      assertThat(r.jsonBody().get("all_queued_runs")).isEqualTo(true);
    });
    List<RecordedApiRequest> runNows = server.journal().find("POST", "/jobs/run-now");
    assertThat(cancelAll.get(0).sequenceNumber()).isLessThan(runNows.get(runNows.size() - 1).sequenceNumber());
    assertThat(fresh.runId()).isNotEqualTo(queued);
  }

  @Test
  void runNow_withoutCancelPreviousRuns_sendsNoCancelAll() {
    long job = server.createJob(JobSpec.builder().name("j").notebookTask("/nb").build());

    executor.runNow(RunNowRequest.builder(job).build());

    assertThat(server.journal().find("POST", "/jobs/runs/cancel-all")).isEmpty();
  }
}
