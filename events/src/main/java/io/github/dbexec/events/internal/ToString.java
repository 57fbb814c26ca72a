package io.github.dbexec.events.internal;

import org.jspecify.annotations.Nullable;

/** {@code Name{a=1, b='x'}}, leaving absent values out. */
public final class ToString {
  private final StringBuilder text;
  private boolean first = true;

  public ToString(String name) {
    text = new StringBuilder(name).append('{');
  }

  public ToString add(String name, @Nullable Object value) {
    if (value != null) {
      if (!first) {
        text.append(", ");
      }
      first = false;
      text.append(name).append('=');
      if (value instanceof String) {
        text.append('\'').append(value).append('\'');
      } else {
        text.append(value);
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return text.toString() + '}';
  }
}
