package io.github.dbexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbexec.events.AppSubmittedEvent;
import io.github.dbexec.events.ExecutorEvent;
import io.github.dbexec.events.InMemoryEventSink;
import io.github.dbexec.events.JsonLinesFileSink;
import io.github.dbexec.events.RunStateChangedEvent;
import io.github.dbexec.events.RunTerminatedEvent;
import io.github.dbexec.testkit.FakeJobsServer;
import io.github.dbexec.testkit.JobSpec;
import io.github.dbexec.testkit.RunScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs followed to their end with nobody waiting, and resumed from the event file after a restart. */
class FollowRunsTest {
  private static final FollowOptions EVERY_30S = FollowOptions.of(Duration.ofSeconds(30), 100);

  @TempDir Path dir;
  private FakeJobsServer server;
  private FakeTime time;
  private long jobA;
  private long jobB;

  @BeforeEach
  void start() {
    time = new FakeTime(FakeTime.manualClock());
    server = FakeJobsServer.builder().clock(time.fakeClock()).runDuration(Duration.ofMinutes(5)).start();
    jobA = server.createJob(JobSpec.builder().name("a").maxConcurrentRuns(5).notebookTask("/a").build());
    jobB = server.createJob(JobSpec.builder().name("b").maxConcurrentRuns(5).notebookTask("/b").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void followRuns_nobodyWaits_everyRunEndsInTheSinks() {
    InMemoryEventSink sink = new InMemoryEventSink();
    server.scriptNextRun(jobB, RunScript.failing("java.lang.IllegalStateException: no input"));
    try (DatabricksExecutor executor = executor(sink, EVERY_30S)) {
      long a1 = executor.job(jobA).runNow().runId();
      long a2 = executor.job(jobA).runNow().runId();
      long b1 = executor.job(jobB).runNow().runId();

      List<RunTerminatedEvent> ended = sink.awaitEvents(RunTerminatedEvent.class, 3, Duration.ofSeconds(30));

      assertThat(ended).extracting(RunTerminatedEvent::runId).containsExactlyInAnyOrder(a1, a2, b1);
      assertThat(ended).filteredOn(e -> e.runId() == b1).singleElement()
          .satisfies(e -> assertThat(e.failureKind()).isEqualTo("TASK"));
      assertThat(sink.events(RunStateChangedEvent.class)).extracting(RunStateChangedEvent::runId)
          .contains(a1, a2, b1);
      for (long runId : List.of(a1, a2, b1)) {
        assertThat(server.requireRun(runId).isTerminal()).isTrue();
        assertThat(sink.events().stream().filter(e -> runIdOf(e) == runId).toList()).first()
            .isInstanceOf(AppSubmittedEvent.class);
      }
      // batched: the active runs are listed per job, not polled one run at a time (the queue reports' own look-up
      // lists the job's newest runs, active_only=false, once)
      assertThat(server.journal().find("GET", "/jobs/runs/list")).allSatisfy(r ->
          assertThat(r.queryParameter("job_id")).isIn(Long.toString(jobA), Long.toString(jobB)));
      assertThat(server.journal().find("GET", "/jobs/runs/list"))
          .filteredOn(r -> "true".equals(r.queryParameter("active_only")))
          .extracting(r -> r.queryParameter("job_id")).contains(Long.toString(jobA), Long.toString(jobB));
    }
  }

  @Test
  void resumeFollowing_afterRestart_followsTheRunsTheFileLeftOpen() throws Exception {
    Path file = dir.resolve("events.jsonl");
    long a1;
    long b1;
    long awaited;
    try (DatabricksExecutor first = DatabricksExecutor.builder().host(server.url()).token("dapi-any")
        .addEventSink(JsonLinesFileSink.open(file)).clock(time).sleeper(time).build()) {
      a1 = first.job(jobA).runNow().runId();
      b1 = first.job(jobB).runNow().runId();
      awaited = first.job(jobA).runNow().runId();
      first.awaitTermination(awaited, WaitOptions.of(Duration.ofHours(1)));
    } // "crash": nobody saw a1 and b1 end

    InMemoryEventSink seen = new InMemoryEventSink();
    try (DatabricksExecutor second = DatabricksExecutor.builder().host(server.url()).token("dapi-any")
        .addEventSink(JsonLinesFileSink.open(file)).addEventSink(seen).followRuns(EVERY_30S).clock(time).sleeper(time)
        .build()) {
      int resumed = second.resumeFollowing(file);

      assertThat(resumed).isEqualTo(2);
      assertThat(seen.awaitEvents(RunTerminatedEvent.class, 2, Duration.ofSeconds(30)))
          .extracting(RunTerminatedEvent::runId).containsExactlyInAnyOrder(a1, b1);
    }

    List<ExecutorEvent> log = JsonLinesFileSink.read(file);
    for (long runId : List.of(a1, b1, awaited)) {
      assertThat(log).filteredOn(e -> e instanceof RunTerminatedEvent t && t.runId() == runId).hasSize(1);
    }
    assertThat(server.journal().find("GET", "/jobs/runs/get")).anySatisfy(
        r -> assertThat(r.queryParameter("run_id")).isEqualTo(Long.toString(b1)));
  }

  @Test
  void resumeFollowing_withoutFollowRuns_throws() throws Exception {
    try (DatabricksExecutor executor = DatabricksExecutor.builder().host(server.url()).token("dapi-any").build()) {
      assertThatThrownBy(() -> executor.resumeFollowing(dir.resolve("none.jsonl")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("followRuns");
    }
  }

  @Test
  void followRuns_moreRunsThanMaxRuns_theRestNotFollowedButStarted() {
    InMemoryEventSink sink = new InMemoryEventSink();
    try (DatabricksExecutor executor = executor(sink, FollowOptions.of(Duration.ofHours(1), 1))) {
      long followed = executor.job(jobA).runNow().runId();
      long notFollowed = executor.job(jobA).runNow().runId();

      sink.awaitEvents(RunTerminatedEvent.class, 1, Duration.ofSeconds(30));

      assertThat(server.requireRun(notFollowed).runId()).isEqualTo(notFollowed);
      assertThat(sink.events(RunTerminatedEvent.class)).extracting(RunTerminatedEvent::runId)
          .containsExactly(followed);
    }
  }

  @Test
  void followOptions_outOfRange_throwNamingTheValue() {
    assertThatThrownBy(() -> FollowOptions.of(Duration.ofMillis(10), 5)).hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> FollowOptions.of(Duration.ofSeconds(5), 0)).hasMessageContaining("maxRuns");
  }

  private DatabricksExecutor executor(io.github.dbexec.events.EventSink sink, FollowOptions follow) {
    return DatabricksExecutor.builder().host(server.url()).token("dapi-any").addEventSink(sink)
        .followRuns(follow).clock(time).sleeper(time).build();
  }

  private static long runIdOf(ExecutorEvent e) {
    if (e instanceof AppSubmittedEvent s) {
      return s.runId();
    }
    if (e instanceof RunStateChangedEvent s) {
      return s.runId();
    }
    return e instanceof RunTerminatedEvent t ? t.runId() : -1;
  }
}
