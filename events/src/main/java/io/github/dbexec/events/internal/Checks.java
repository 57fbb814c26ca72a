package io.github.dbexec.events.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks following the project's misconfiguration rule: a {@code null} argument is a
 * {@link NullPointerException} naming the parameter; a missing or out-of-range value is an
 * {@link IllegalArgumentException} naming the setting and the bad value.
 */
public final class Checks {
  private Checks() {}

  public static <T> T notNull(@Nullable T value, String name) {
    return Objects.requireNonNull(value, name);
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

  public static void positive(@Nullable Long value, String name) {
    if (value != null) {
      positive(value.longValue(), name);
    }
  }

  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  public static void notNegative(@Nullable Integer value, String name) {
    if (value != null) {
      notNegative(value.longValue(), name);
    }
  }

  /** For builders: a setting the value cannot do without. */
  public static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /** The constant of {@code type} named {@code name}, or {@code unknown} for any other name (lenient reading). */
  public static <E extends Enum<E>> E lenient(Class<E> type, @Nullable String name, E unknown) {
    if (name != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
    }
    return unknown;
  }
}
