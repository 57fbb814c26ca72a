package io.github.dbexec.events.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Normalises field values of an event record to the closed set of JSON value types: {@link String},
 * {@link Long} (any JSON integer that fits), {@link BigDecimal} (any other JSON number), {@link Boolean},
 * {@code Map<String, Object>} (JSON object, insertion order kept) and {@code List<Object>} (JSON array,
 * may hold {@code null}). The result is deeply unmodifiable.
 */
public final class Values {
  private Values() {}

  /** Copies {@code fields}, dropping {@code null} values (absent and {@code null} mean the same). */
  public static Map<String, Object> normalizeMap(Map<String, ?> fields, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : fields.entrySet()) {
      String key = Checks.notNull(entry.getKey(), path + " key");
      Object value = entry.getValue();
      if (value != null) {
        copy.put(key, normalize(value, path + "." + key));
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  static @Nullable Object normalizeNullable(@Nullable Object value, String path) {
    return value == null ? null : normalize(value, path);
  }

  @SuppressWarnings("unchecked")
  public static Object normalize(Object value, String path) {
    if (value instanceof String || value instanceof Long || value instanceof Boolean
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      BigInteger big = (BigInteger) value;
      return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(path + " must be a finite number but was " + d);
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Map) {
      Map<Object, Object> map = (Map<Object, Object>) value;
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String)) {
          throw new IllegalArgumentException(path + " has a non-string key: " + entry.getKey());
        }
        if (entry.getValue() != null) {
          String key = (String) entry.getKey();
          copy.put(key, normalize(entry.getValue(), path + "." + key));
        }
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<@Nullable Object> copy = new ArrayList<>();
      int i = 0;
      for (Object element : (List<Object>) value) {
        copy.add(normalizeNullable(element, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(path + " has unsupported value type " + value.getClass().getName()
        + " (use String, Long, Integer, BigDecimal, Double, Boolean, Map or List)");
  }
}
