package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written Moshi adapters for the two wire types every submission uses: writing {@link Wire.RunNowBody} and
 * reading {@link Wire.RunNowResponse}. Moshi's reflective adapters for them cost a new JVM's first submission the
 * reflection over their fields and generic types and the adapters of every field type (maps, lists, nested
 * classes); these cost nothing until used, and write the same bytes and read the same values (null fields and null map values not
 * written, unknown fields skipped; {@code WireAdaptersTest} compares them with Moshi's reflective adapters field by
 * field, so a field added to either class without adding it here fails that test). Reading a run-now body and
 * writing an answer go to Moshi's reflective adapters.
 */
final class WireAdapters {
  private WireAdapters() {}

  /** Add to a {@link Moshi.Builder}. */
  static final JsonAdapter.Factory FACTORY = new JsonAdapter.Factory() {
    @Override
    public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()) {
        return null;
      }
      if (type == Wire.RunNowBody.class) {
        return new RunNowBodyAdapter(moshi, this).nullSafe();
      }
      if (type == Wire.RunNowResponse.class) {
        return new RunNowResponseAdapter(moshi, this).nullSafe();
      }
      return null;
    }
  };

  private static final JsonReader.Options RUN_NOW_RESPONSE = JsonReader.Options.of("run_id", "number_in_job");

  /** Writes a run-now body; reading one goes to Moshi's reflective adapter. */
  private static final class RunNowBodyAdapter extends JsonAdapter<Wire.RunNowBody> {
    private final Moshi moshi;
    private final JsonAdapter.Factory skip;

    RunNowBodyAdapter(Moshi moshi, JsonAdapter.Factory skip) {
      this.moshi = moshi;
      this.skip = skip;
    }

    @Override
    public Wire.RunNowBody fromJson(JsonReader reader) throws IOException {
      return moshi.<Wire.RunNowBody>nextAdapter(skip, Wire.RunNowBody.class, Set.of()).fromJson(reader);
    }

    @Override
    public void toJson(JsonWriter writer, Wire.@Nullable RunNowBody b) throws IOException {
      if (b == null) {
        writer.nullValue();
        return;
      }
      writer.beginObject(); // in the order of Moshi's reflective adapter (by JSON name): the same bytes
      list(writer, "dbt_commands", b.dbtCommands);
      string(writer, "idempotency_token", b.idempotencyToken);
      list(writer, "jar_params", b.jarParams);
      writer.name("job_id").value(b.jobId);
      map(writer, "job_parameters", b.jobParameters);
      map(writer, "notebook_params", b.notebookParams);
      list(writer, "only", b.only);
      string(writer, "performance_target", b.performanceTarget);
      if (b.pipelineParams != null) {
        writer.name("pipeline_params").beginObject();
        bool(writer, "full_refresh", b.pipelineParams.fullRefresh);
        writer.endObject();
      }
      map(writer, "python_named_params", b.pythonNamedParams);
      list(writer, "python_params", b.pythonParams);
      if (b.queue != null) {
        writer.name("queue").beginObject();
        bool(writer, "enabled", b.queue.enabled);
        writer.endObject();
      }
      list(writer, "spark_submit_params", b.sparkSubmitParams);
      map(writer, "sql_params", b.sqlParams);
      writer.endObject();
    }
  }

  /** Reads a run-now (or runs/submit) answer; writing one goes to Moshi's reflective adapter. */
  private static final class RunNowResponseAdapter extends JsonAdapter<Wire.RunNowResponse> {
    private final Moshi moshi;
    private final JsonAdapter.Factory skip;

    RunNowResponseAdapter(Moshi moshi, JsonAdapter.Factory skip) {
      this.moshi = moshi;
      this.skip = skip;
    }

    @Override
    public Wire.RunNowResponse fromJson(JsonReader reader) throws IOException {
      Wire.RunNowResponse r = new Wire.RunNowResponse();
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(RUN_NOW_RESPONSE)) {
          case 0 -> r.runId = nullableLong(reader);
          case 1 -> r.numberInJob = nullableLong(reader);
          default -> {
            reader.skipName();
            reader.skipValue();
          }
        }
      }
      reader.endObject();
      return r;
    }

    @Override
    public void toJson(JsonWriter writer, Wire.@Nullable RunNowResponse value) throws IOException {
      moshi.<Wire.RunNowResponse>nextAdapter(skip, Wire.RunNowResponse.class, Set.of()).toJson(writer, value);
    }
  }

  private static @Nullable Long nullableLong(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    return reader.nextLong();
  }

  private static void string(JsonWriter writer, String name, @Nullable String value) throws IOException {
    if (value != null) {
      writer.name(name).value(value);
    }
  }

  private static void bool(JsonWriter writer, String name, @Nullable Boolean value) throws IOException {
    if (value != null) {
      writer.name(name).value(value.booleanValue());
    }
  }

  private static void list(JsonWriter writer, String name, @Nullable List<String> values) throws IOException {
    if (values == null) {
      return;
    }
    writer.name(name).beginArray();
    for (String v : values) {
      writer.value(v);
    }
    writer.endArray();
  }

  /** A map of strings; a null value is left out with its name, as Moshi does when nulls are not serialized. */
  private static void map(JsonWriter writer, String name, @Nullable Map<String, String> values) throws IOException {
    if (values == null) {
      return;
    }
    writer.name(name).beginObject();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null) {
        throw new JsonDataException("Map key is null at " + writer.getPath());
      }
      writer.name(e.getKey()).value(e.getValue());
    }
    writer.endObject();
  }
}
