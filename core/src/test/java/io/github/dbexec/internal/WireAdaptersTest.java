package io.github.dbexec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hand-written adapters of {@link WireAdapters} against Moshi's reflective ones, field by field. */
class WireAdaptersTest {
  private final Moshi handWritten = new Moshi.Builder().add(WireAdapters.FACTORY).build();
  private final Moshi reflective = new Moshi.Builder().build();
  private final JsonAdapter<Object> anyJson = reflective.adapter(Object.class);

  @Test
  void runNowBody_everyFieldSet_writesWhatMoshiWrites() throws Exception {
    Wire.RunNowBody body = new Wire.RunNowBody();
    body.jobId = 11223344L;
    body.idempotencyToken = "tok";
    body.jobParameters = map("a", "1");
    body.notebookParams = map("b", "2");
    body.jarParams = List.of("j1", "j2");
    body.pythonParams = List.of("p");
    body.pythonNamedParams = map("c", "3");
    body.sparkSubmitParams = List.of("--x");
    body.sqlParams = map("d", "4");
    body.dbtCommands = List.of("dbt run");
    body.pipelineParams = new Wire.PipelineParams();
    body.pipelineParams.fullRefresh = true;
    body.queue = new Wire.QueueSettings(false);
    body.performanceTarget = "PERFORMANCE_OPTIMIZED";
    body.only = List.of("task_a");
    assertThat(allFieldsSet(body)).as("a field of RunNowBody is not set here: add it to this test and to "
        + "WireAdapters").isTrue();

    String ours = handWritten.adapter(Wire.RunNowBody.class).toJson(body);
    String theirs = reflective.adapter(Wire.RunNowBody.class).toJson(body);

    assertThat(ours).isEqualTo(theirs);
    assertThat(jsonNames(Wire.RunNowBody.class)).isEqualTo(((Map<?, ?>) anyJson.fromJson(ours)).keySet());
  }

  @Test
  void runNowBody_onlyRequiredFields_leavesNullsOut() throws Exception {
    Wire.RunNowBody body = new Wire.RunNowBody();
    body.jobId = 5;
    body.idempotencyToken = "t";
    body.jobParameters = map("k", null);

    String ours = handWritten.adapter(Wire.RunNowBody.class).toJson(body);

    assertThat(ours).isEqualTo(reflective.adapter(Wire.RunNowBody.class).toJson(body));
    assertThat(ours).isEqualTo("{\"idempotency_token\":\"t\",\"job_id\":5,\"job_parameters\":{}}");
  }

  @Test
  void runNowResponse_withUnknownAndNullFields_readsWhatMoshiReads() throws Exception {
    assertThat(jsonNames(Wire.RunNowResponse.class)).as("a field added to RunNowResponse: read it in WireAdapters")
        .containsExactlyInAnyOrder("run_id", "number_in_job");
    for (String json : List.of("{\"run_id\":123,\"number_in_job\":7}",
        "{\"extra\":{\"a\":[1,2]},\"run_id\":\"456\",\"number_in_job\":null}", "{}", "{\"run_id\":1.0}")) {
      Wire.RunNowResponse ours = handWritten.adapter(Wire.RunNowResponse.class).fromJson(json);
      Wire.RunNowResponse theirs = reflective.adapter(Wire.RunNowResponse.class).fromJson(json);
      assertThat(ours.runId).as(json).isEqualTo(theirs.runId);
      assertThat(ours.numberInJob).as(json).isEqualTo(theirs.numberInJob);
    }
    assertThat(handWritten.adapter(Wire.RunNowResponse.class).fromJson("null")).isNull();
  }

  private static Map<String, String> map(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  private static boolean allFieldsSet(Object o) throws IllegalAccessException {
    for (Field f : o.getClass().getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && f.get(o) == null) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> jsonNames(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
        .map(f -> f.getAnnotation(Json.class) == null ? f.getName() : f.getAnnotation(Json.class).name())
        .collect(Collectors.toSet());
  }
}
