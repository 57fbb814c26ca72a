package io.github.dbexec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobsEndpointsTest {
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

  @Test
  void create_throughApi22WithoutQueue_storesDefaultsAndQueueOn() throws Exception {
    Map<String, Object> created = http.ok("/api/2.2/jobs/create", Map.of("name", "nightly",
        "tasks", List.of(Map.of("task_key", "main", "notebook_task", Map.of("notebook_path", "/nb")))));

    long jobId = ((Number) created.get("job_id")).longValue();
    Map<String, Object> job = http.ok("/api/2.2/jobs/get?job_id=" + jobId);
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) job.get("settings");
    assertThat(jobId).isEqualTo(FakeJobsServer.DEFAULT_FIRST_JOB_ID);
    assertThat(job).containsEntry("job_id", FakeJobsServer.DEFAULT_FIRST_JOB_ID).containsEntry("creator_user_name", "testkit@example.com")
        .containsEntry("created_time", TestServers.T0.toEpochMilli());
    assertThat(settings).containsEntry("name", "nightly").containsEntry("max_concurrent_runs", 1L)
        .containsEntry("queue", Map.of("enabled", true)).containsEntry("format", "MULTI_TASK")
        .containsEntry("timeout_seconds", 0L);
  }

  @Test
  void create_throughApi21WithoutQueue_hasNoQueueSetting() {
    long jobId = ((Number) http.ok("/api/2.1/jobs/create", Map.of("name", "legacy")).get("job_id")).longValue();

    Map<String, Object> job = http.ok("/api/2.1/jobs/get?job_id=" + jobId);

    assertThat(Http.obj(job.get("settings"))).doesNotContainKey("queue");
  }

  @Test
  void get_missingJob_answers400InvalidParameterValue() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/get?job_id=42");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
        .containsEntry("message", "Job 42 does not exist.");
  }

  @Test
  void errors_fromHandlers_carryRequestInfoDetails() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/get?job_id=42");

    Object details = reply.json().get("details");
    assertThat(Http.list(details)).singleElement().satisfies(d -> assertThat(Http.obj(d))
        .containsEntry("@type", "type.googleapis.com/google.rpc.RequestInfo")
        .containsEntry("request_id", "00000000-0000-4000-8000-000000000000"));
  }

  @Test
  void create_maxConcurrentRunsOutOfRange_answers400() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/create", Map.of("max_concurrent_runs", 1001));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
  }

  @Test
  void create_malformedJson_answers400MalformedRequest() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/create", "{\"name\": ");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "MALFORMED_REQUEST");
  }

  @Test
  void runNow_malformedJsonOfEachKind_answers400WithoutParserAdvice() throws Exception {
    for (String body : List.of("{bad", "{\"job_id\": }", "{\"job_id\" 1}", "{\"a\": \"unterminated", "[1,")) {
      Http.Reply reply = http.post("/api/2.2/jobs/run-now", body);

      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.json()).as(body).containsEntry("error_code", "MALFORMED_REQUEST");
      assertThat((String) reply.json().get("message")).as(body)
          .startsWith("Invalid JSON given in the body of the request - ")
          .doesNotContainIgnoringCase("lenient").doesNotContain("JsonReader");
    }
  }

  @Test
  void create_unknownFields_areIgnoredAndKept() {
    long jobId = ((Number) http.ok("/api/2.2/jobs/create", Map.of("name", "x", "brand_new_field", 7))
        .get("job_id")).longValue();

    Map<String, Object> job = http.ok("/api/2.2/jobs/get?job_id=" + jobId);

    assertThat(Http.obj(job.get("settings"))).containsEntry("brand_new_field", 7L);
  }

  @Test
  void createJob_javaApi_sameAsCreateThroughApi22() {
    long jobId = server.createJob(JobSpec.builder().name("spec").maxConcurrentRuns(3).jarTask("com.example.Main")
        .build());

    Map<String, Object> job = http.ok("/api/2.2/jobs/get?job_id=" + jobId);
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) job.get("settings");
    assertThat(settings).containsEntry("max_concurrent_runs", 3L).containsEntry("queue", Map.of("enabled", true));
    assertThat(settings.get("tasks").toString()).contains("spark_jar_task").contains("com.example.Main");
  }

  @Test
  void unknownEndpoint_answers404EndpointNotFound() throws Exception {
    Http.Reply reply = http.post("/api/2.2/jobs/explode", Map.of());

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json()).containsEntry("error_code", "ENDPOINT_NOT_FOUND");
  }

  @Test
  void get_wrongTypeForJobId_answers400() throws Exception {
    Http.Reply reply = http.get("/api/2.2/jobs/get?job_id=abc");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
  }
}
