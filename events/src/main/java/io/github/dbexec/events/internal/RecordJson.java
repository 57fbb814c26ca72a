package io.github.dbexec.events.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.dbexec.events.EventFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of an event record: {@code {"headerAttributes":{...},"fields":{...}}}. Works on the two
 * maps, so that it does not depend on {@code EventRecord}, which uses it.
 *
 * <p>Reading ignores unknown top-level names, keeps every field (known or not) with its JSON type, reads
 * integers exactly (no detour through {@code double}) and treats JSON {@code null} as absent. Writing is
 * compact (no whitespace, no trailing newline); Moshi escapes control characters, so the output is always
 * one line.
 */
public final class RecordJson {
  /** A record's two parts as read, before the record checks its header attributes. */
  public record Parts(Map<String, String> headerAttributes, Map<String, Object> fields) {}

  static final String HEADER_ATTRIBUTES = "headerAttributes";
  static final String FIELDS = "fields";
  private static final JsonReader.Options NAMES = JsonReader.Options.of(HEADER_ATTRIBUTES, FIELDS);

  private static final JsonAdapter<Parts> PARTS_ADAPTER = new JsonAdapter<Parts>() {
    @Override
    public @Nullable Parts fromJson(JsonReader reader) throws IOException {
      return readParts(reader);
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Parts parts) throws IOException {
      writeParts(writer, Checks.notNull(parts, "parts"));
    }
  };

  private RecordJson() {}

  /** Parses one record's parts; every failure is an {@link EventFormatException} saying what is wrong. */
  public static Parts parse(String json) {
    Checks.notNull(json, "json");
    try {
      Parts parts = PARTS_ADAPTER.fromJson(json);
      if (parts == null) {
        throw new EventFormatException("event record JSON must be an object but was null");
      }
      return parts;
    } catch (JsonDataException | IOException e) {
      // from a String, IOException only means truncated or malformed input (EOFException, JsonEncodingException)
      throw new EventFormatException("malformed event record JSON: " + e.getMessage(), e);
    }
  }

  /** Writes one normalised field value (see {@link Values}) as compact JSON. */
  public static String writeValue(@Nullable Object value) {
    return VALUE_ADAPTER.toJson(value);
  }

  private static final JsonAdapter<Object> VALUE_ADAPTER = new JsonAdapter<Object>() {
    @Override
    public @Nullable Object fromJson(JsonReader reader) throws IOException {
      return readValue(reader);
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
      writeValue(writer, value);
    }
  };

  /** Writes one record as compact JSON. */
  public static String write(Map<String, String> headerAttributes, Map<String, Object> fields) {
    return PARTS_ADAPTER.toJson(new Parts(headerAttributes, fields));
  }

  private static @Nullable Parts readParts(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    Map<String, String> headers = null;
    Map<String, Object> fields = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(NAMES)) {
        case 0:
          headers = readHeaders(reader);
          break;
        case 1:
          fields = readObject(reader);
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    if (headers == null) {
      throw new EventFormatException("event record JSON has no \"" + HEADER_ATTRIBUTES + "\" object");
    }
    return new Parts(headers, fields == null ? Map.of() : fields);
  }

  private static @Nullable Map<String, String> readHeaders(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      JsonReader.Token token = reader.peek();
      if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) {
        headers.put(name, reader.nextString());
      } else if (token == JsonReader.Token.BOOLEAN) {
        headers.put(name, Boolean.toString(reader.nextBoolean()));
      } else if (token == JsonReader.Token.NULL) {
        reader.nextNull();
      } else {
        throw new EventFormatException("header attribute '" + name + "' must be a string but was " + token
            + " at " + reader.getPath());
      }
    }
    reader.endObject();
    return headers;
  }

  private static Map<String, Object> readObject(JsonReader reader) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      Object value = readValue(reader);
      if (value != null) {
        map.put(name, value);
      }
    }
    reader.endObject();
    return Collections.unmodifiableMap(map);
  }

  private static @Nullable Object readValue(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case STRING:
        return reader.nextString();
      case NUMBER:
        return number(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      case BEGIN_OBJECT:
        return readObject(reader);
      case BEGIN_ARRAY:
        List<@Nullable Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(readValue(reader));
        }
        reader.endArray();
        return Collections.unmodifiableList(list);
      default:
        throw new EventFormatException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  private static Object number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notALong) {
      return new BigDecimal(text);
    }
  }

  private static void writeParts(JsonWriter writer, Parts parts) throws IOException {
    writer.beginObject();
    writer.name(HEADER_ATTRIBUTES).beginObject();
    for (Map.Entry<String, String> header : parts.headerAttributes().entrySet()) {
      writer.name(header.getKey()).value(header.getValue());
    }
    writer.endObject();
    writer.name(FIELDS);
    writeValue(writer, parts.fields());
    writer.endObject();
  }

  @SuppressWarnings("unchecked")
  private static void writeValue(JsonWriter writer, @Nullable Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Long) {
      writer.value((long) (Long) value);
    } else if (value instanceof BigDecimal) {
      writer.value((BigDecimal) value);
    } else if (value instanceof Boolean) {
      writer.value((boolean) (Boolean) value);
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
        writer.name(entry.getKey());
        writeValue(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof List) {
      writer.beginArray();
      for (Object element : (List<Object>) value) {
        writeValue(writer, element);
      }
      writer.endArray();
    } else {
      throw new IllegalStateException("not a normalised value: " + value.getClass().getName());
    }
  }
}
