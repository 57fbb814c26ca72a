package io.github.dbexec.auth.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The checks the credentials' constructors share, with the house's misconfiguration messages: each
 * {@link IllegalArgumentException} names the setting as spelled on the builder and, unless it is secret, the bad
 * value. Null checks stay with the callers, which make them first.
 */
public final class Checks {

  private Checks() {}

  /**
   * Fails when {@code value} is blank.
   *
   * @throws IllegalArgumentException {@code <field> must not be blank} (never showing the value, which may be
   *     secret)
   */
  public static void notBlank(String value, String field) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  /**
   * An optional text setting: null stays null (unset), anything else is stripped.
   *
   * @throws IllegalArgumentException {@code <field> must not be blank (leave it unset instead)}
   */
  public static @Nullable String optional(@Nullable String value, String field) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank (leave it unset instead)");
    }
    return value.strip();
  }

  /**
   * Fails unless {@code value} is longer than zero.
   *
   * @throws IllegalArgumentException {@code <field> must be positive, was <value>}
   */
  public static void positive(Duration value, String field) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }

  /**
   * Fails when {@code value} is negative; zero is allowed.
   *
   * @throws IllegalArgumentException {@code <field> must not be negative, was <value>}
   */
  public static void notNegative(Duration value, String field) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
  }

  /**
   * The refresh and retry settings of the token-endpoint strategies, checked in this order: {@code refreshAhead}
   * and {@code retryBackoff} not negative, {@code maxAttempts} at least 1.
   *
   * @throws IllegalArgumentException naming the first setting that is wrong, with its value
   */
  public static void refreshAndRetries(Duration refreshAhead, int maxAttempts, Duration retryBackoff) {
    notNegative(refreshAhead, "refreshAhead");
    notNegative(retryBackoff, "retryBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }
}
