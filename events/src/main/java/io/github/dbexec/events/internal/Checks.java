package io.github.dbexec.events.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks whose messages name the field and the bad value. */
public final class Checks {
  private Checks() {}

  public static <T> T notNull(@Nullable T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  public static String notBlank(@Nullable String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank but was '" + value + "'");
    }
    return value;
  }

  public static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + value);
    }
    return value;
  }

  public static @Nullable Long positive(@Nullable Long value, String name) {
    if (value != null) {
      positive(value.longValue(), name);
    }
    return value;
  }

  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  public static @Nullable Integer notNegative(@Nullable Integer value, String name) {
    if (value != null) {
      notNegative(value.longValue(), name);
    }
    return value;
  }

  public static long required(@Nullable Long value, String name, String hint) {
    if (value == null) {
      throw new IllegalStateException(name + " is required (" + hint + ")");
    }
    return value;
  }

  public static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException(name + " is required");
    }
    return value;
  }
}
