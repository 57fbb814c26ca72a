package io.github.dbexec.internal;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.dbexec.InvalidRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * JSON trees for the escape hatch of one-time runs: a caller's JSON text or {@code Map} checked and copied into an
 * immutable tree of {@code Map<String, Object>} (insertion order kept), {@code List<Object>}, {@code String},
 * {@code Number}, {@code Boolean} and {@code null}; trees merged as a JSON Merge Patch (RFC 7396); trees written as
 * JSON. Numbers read from text keep their exact digits ({@link BigDecimal}), so {@code 3} is sent as {@code 3}, not
 * {@code 3.0}. Stateless.
 */
public final class JsonTrees {
  private JsonTrees() {}

  /**
   * Parses a JSON object, strictly: one object, nothing after it, no duplicate names.
   *
   * @param field the request field, named in the error
   * @throws InvalidRequestException when {@code json} is not one JSON object
   */
  public static Map<String, Object> parseObject(String field, String json) {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
    reader.setLenient(false);
    try {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new InvalidRequestException(field, field + " must be a JSON object, was a " + reader.peek());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) read(field, reader);
      boolean more;
      try {
        more = reader.peek() != JsonReader.Token.END_DOCUMENT;
      } catch (IOException e) {
        more = true;
      }
      if (more) {
        throw new InvalidRequestException(field, field + " must be one JSON object; more follows after it");
      }
      return tree;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidRequestException) {
        throw (InvalidRequestException) e;
      }
      throw new InvalidRequestException(field, field + " is not valid JSON: " + e.getMessage());
    }
  }

  private static @Nullable Object read(String field, JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (map.containsKey(name)) {
            throw new InvalidRequestException(field, field + " has the name \"" + name + "\" twice in "
                + reader.getPath());
          }
          map.put(name, read(field, reader));
        }
        reader.endObject();
        return Collections.unmodifiableMap(map);
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(field, reader));
        }
        reader.endArray();
        return Collections.unmodifiableList(list);
      }
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new BigDecimal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new InvalidRequestException(field, field + " is not valid JSON at " + reader.getPath());
    }
  }

  /**
   * Checks that {@code map} is a JSON object (string names; values maps, collections, strings, numbers other than
   * NaN and infinities, booleans or null) and copies it into an immutable tree.
   *
   * @throws InvalidRequestException naming the path of the first value that is not JSON
   */
  public static Map<String, Object> copyObject(String field, Map<?, ?> map) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) copy(field, map, "$");
    return copy;
  }

  private static @Nullable Object copy(String field, @Nullable Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      String text = value.toString();
      if (text.equals("NaN") || text.contains("Infinity")) {
        throw new InvalidRequestException(field, field + " holds " + text + " at " + path + "; JSON has no such "
            + "number");
      }
      return value;
    }
    if (value instanceof Map) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new InvalidRequestException(field, field + " has a name that is not a string at " + path + ": "
              + e.getKey());
        }
        String name = (String) e.getKey();
        map.put(name, copy(field, e.getValue(), path + "." + name));
      }
      return Collections.unmodifiableMap(map);
    }
    if (value instanceof Collection) {
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (Object element : (Collection<?>) value) {
        list.add(copy(field, element, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(list);
    }
    throw new InvalidRequestException(field, field + " holds a " + value.getClass().getName() + " at " + path
        + "; only maps, lists, strings, numbers, booleans and null are JSON");
  }

  /**
   * Applies {@code patch} to {@code target} as a JSON Merge Patch (RFC 7396): an object in the patch merges into the
   * target's object of the same name, {@code null} removes the name, anything else (arrays included) replaces it.
   * Returns a new mutable map; neither argument changes.
   */
  public static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> result = new LinkedHashMap<>(target);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object value = e.getValue();
      if (value == null) {
        result.remove(e.getKey());
      } else if (value instanceof Map && result.get(e.getKey()) instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) result.get(e.getKey());
        @SuppressWarnings("unchecked")
        Map<String, Object> innerPatch = (Map<String, Object>) value;
        result.put(e.getKey(), merge(inner, innerPatch));
      } else {
        result.put(e.getKey(), value instanceof Map ? withoutNulls(value) : value);
      }
    }
    return result;
  }

  /**
   * Composes two merge patches into one that applies both, {@code first} then {@code second}: nulls are kept (they
   * still remove when the result is applied). Returns a new mutable map.
   */
  public static Map<String, Object> compose(Map<String, Object> first, Map<String, Object> second) {
    Map<String, Object> result = new LinkedHashMap<>(first);
    for (Map.Entry<String, Object> e : second.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Map && result.get(e.getKey()) instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) result.get(e.getKey());
        @SuppressWarnings("unchecked")
        Map<String, Object> innerSecond = (Map<String, Object>) value;
        result.put(e.getKey(), Collections.unmodifiableMap(compose(inner, innerSecond)));
      } else {
        result.put(e.getKey(), value);
      }
    }
    return result;
  }

  /** A patch's object added where the target had none: its nulls remove nothing, so they are dropped (RFC 7396). */
  @SuppressWarnings("unchecked")
  private static Object withoutNulls(Object value) {
    return merge(new LinkedHashMap<>(), (Map<String, Object>) value);
  }

  /** Writes a tree (or any value {@link #copyObject} accepts) as compact JSON. */
  public static void write(JsonWriter writer, @Nullable Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        writer.name((String) e.getKey());
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Collection) {
      writer.beginArray();
      for (Object element : (Collection<?>) value) {
        write(writer, element);
      }
      writer.endArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  /** {@code tree} as compact UTF-8 JSON. */
  public static Buffer toJson(Object tree) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, tree);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return buffer;
  }
}
