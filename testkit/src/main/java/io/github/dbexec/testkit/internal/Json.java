package io.github.dbexec.testkit.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes JSON as plain Java trees: {@code Map<String,Object>} (insertion ordered), {@code List},
 * {@code String}, {@code Long} for integral numbers (so int64 ids keep their precision), {@code Double} for
 * other numbers, {@code Boolean} and {@code null}.
 */
public final class Json {

  private Json() {}

  /** Thrown when a text is not well-formed JSON. */
  public static final class MalformedJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Parses one JSON value.
   *
   * @throws MalformedJsonException when the text is not one well-formed JSON value
   */
  public static @Nullable Object parse(String text) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new MalformedJsonException("trailing characters after the JSON value", null);
      }
      return value;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new MalformedJsonException(e.getMessage() == null ? "malformed JSON" : withoutParserAdvice(e.getMessage()),
          e);
    } catch (IOException e) {
      throw new MalformedJsonException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Moshi's syntax errors advise its own callers to call {@code JsonReader.setLenient(true)}; the fake's clients
   * cannot, and the real API accepts no malformed JSON either, so the advice becomes a plain "malformed JSON".
   */
  static String withoutParserAdvice(String message) {
    return message.replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON");
  }

  /** Parses a JSON object, or returns an empty map when the text is blank, not JSON or not an object. */
  public static Map<String, Object> parseObjectLeniently(String text) {
    if (text.isBlank()) {
      return Map.of();
    }
    try {
      Object value = parse(text);
      if (value instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
      }
      return Map.of();
    } catch (MalformedJsonException e) {
      return Map.of();
    }
  }

  private static @Nullable Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, read(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      }
      case STRING:
        return reader.nextString();
      case NUMBER: {
        String raw = reader.nextString();
        try {
          return Long.parseLong(raw);
        } catch (NumberFormatException notALong) {
          BigDecimal decimal = new BigDecimal(raw);
          if (decimal.stripTrailingZeros().scale() <= 0) {
            try {
              return decimal.longValueExact();
            } catch (ArithmeticException tooBig) {
              return decimal.doubleValue();
            }
          }
          return decimal.doubleValue();
        }
      }
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new JsonDataException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /** Writes a tree (maps, lists, strings, numbers, booleans, nulls) as compact JSON. */
  public static String write(@Nullable Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON to memory", e);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter writer, @Nullable Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable) {
      writer.beginArray();
      for (Object item : (Iterable<?>) value) {
        write(writer, item);
      }
      writer.endArray();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      writer.value(((Number) value).longValue());
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else {
      writer.value(value.toString());
    }
  }

  /** A deep, unmodifiable copy of a tree. */
  public static @Nullable Object deepCopy(@Nullable Object value) {
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object item : (List<?>) value) {
        copy.add(deepCopy(item));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** A deep, mutable copy of a map tree. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mutableCopy(Map<String, ?> value) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : value.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map) {
        v = mutableCopy((Map<String, Object>) v);
      } else if (v instanceof List) {
        List<Object> list = new ArrayList<>();
        for (Object item : (List<?>) v) {
          list.add(item instanceof Map ? mutableCopy((Map<String, Object>) item) : item);
        }
        v = list;
      }
      copy.put(e.getKey(), v);
    }
    return copy;
  }
}
