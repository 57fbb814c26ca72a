package io.github.dbexec;

import java.time.Duration;
import java.util.Objects;

/**
 * A health rule of a one-time run: one element of {@code health.rules}, {@code {"metric": .., "op": "GREATER_THAN",
 * "value": ..}}. When the metric goes above the value, Databricks sends the
 * {@code on_duration_warning_threshold_exceeded} or {@code on_streaming_backlog_exceeded} notifications
 * ({@link Notifications}); the run goes on. Immutable and thread-safe.
 *
 * @param metric {@code metric}
 * @param value {@code value}, in the metric's unit (seconds, bytes, records or files), &ge; 0
 */
public record HealthRule(Metric metric, long value) {
  /** The metrics a health rule watches ({@code metric}); the constant's name is the Jobs API's value. */
  public enum Metric {
    /** The run's duration, in seconds. */
    RUN_DURATION_SECONDS,
    /** The largest consumer delay across all streams, in bytes. */
    STREAMING_BACKLOG_BYTES,
    /** The largest offset lag across all streams, in records. */
    STREAMING_BACKLOG_RECORDS,
    /** The largest consumer delay across all streams, in seconds. */
    STREAMING_BACKLOG_SECONDS,
    /** The largest number of outstanding files across all streams. */
    STREAMING_BACKLOG_FILES
  }

  /**
   * Checks the value.
   *
   * @param metric {@code metric}
   * @param value {@code value}, in the metric's unit (seconds, bytes, records or files), &ge; 0
   * @throws IllegalArgumentException for a negative value
   */
  public HealthRule {
    Objects.requireNonNull(metric, "metric");
    if (value < 0) {
      throw new IllegalArgumentException("health rule value must be >= 0, was " + value);
    }
  }

  /**
   * {@code RUN_DURATION_SECONDS > duration}, in whole seconds (at least 1).
   * @param duration the run duration above which the rule fires; at least 1 s, truncated to whole seconds
   * @return the {@code RUN_DURATION_SECONDS GREATER_THAN} rule
   */
  public static HealthRule runDurationOver(Duration duration) {
    long seconds = Objects.requireNonNull(duration, "duration").toSeconds();
    if (seconds < 1) {
      throw new IllegalArgumentException("a run duration threshold must be >= 1 s, was " + duration);
    }
    return new HealthRule(Metric.RUN_DURATION_SECONDS, seconds);
  }
}
