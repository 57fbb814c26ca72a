package io.github.dbexec.events.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the fields of a record in a fixed order, leaving absent values out. */
public final class RecordFields {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  public RecordFields put(String name, @Nullable Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  public Map<String, Object> toMap() {
    return fields;
  }
}
