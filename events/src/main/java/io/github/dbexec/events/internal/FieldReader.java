package io.github.dbexec.events.internal;

import io.github.dbexec.events.EventFormatException;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed, tolerant access to the fields of a record being turned into a typed event.
 *
 * <p>Tolerant means: integers may arrive as JSON numbers or as decimal strings (some pipelines turn every
 * field into a string), booleans as {@code true}/{@code false} or their string forms, strings as any
 * scalar. A value that cannot be converted is an {@link EventFormatException} naming the field.
 */
public final class FieldReader {
  private final String type;
  private final Map<String, Object> fields;

  public FieldReader(String type, Map<String, Object> fields) {
    this.type = type;
    this.fields = fields;
  }

  /** The first of {@code names} that is present, converted to a long; absent in all is an error. */
  public long requireLong(String... names) {
    for (String name : names) {
      Long value = optLong(name);
      if (value != null) {
        return value;
      }
    }
    throw missing(String.join("' or '", names));
  }

  public @Nullable Long optLong(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Long) {
      return (Long) value;
    }
    try {
      if (value instanceof BigDecimal) {
        return ((BigDecimal) value).longValueExact();
      }
      if (value instanceof String) {
        return Long.parseLong(((String) value).trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw wrongType(name, "an integer", value);
    }
    throw wrongType(name, "an integer", value);
  }

  public long optLong(String name, long defaultValue) {
    Long value = optLong(name);
    return value == null ? defaultValue : value;
  }

  public @Nullable Integer optInt(String name) {
    Long value = optLong(name);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw wrongType(name, "a 32-bit integer", value);
    }
    return value.intValue();
  }

  public int requireInt(String name) {
    Integer value = optInt(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public @Nullable String optString(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    throw wrongType(name, "a string", value);
  }

  public String requireString(String name) {
    String value = optString(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public @Nullable Boolean optBoolean(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if ("true".equals(value)) {
      return Boolean.TRUE;
    }
    if ("false".equals(value)) {
      return Boolean.FALSE;
    }
    throw wrongType(name, "a boolean", value);
  }

  private EventFormatException missing(String name) {
    return new EventFormatException(type + " record has no field '" + name + "'");
  }

  private EventFormatException wrongType(String name, String expected, Object value) {
    return new EventFormatException(type + " record field '" + name + "' must be " + expected + " but was "
        + (value instanceof String ? "\"" + value + "\"" : value));
  }
}
