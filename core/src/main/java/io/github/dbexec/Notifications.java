package io.github.dbexec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whom Databricks notifies about a one-time run, per event: e-mail addresses for {@code email_notifications}, or
 * notification destination ids for {@code webhook_notifications} (sent as {@code [{"id": ..}]}), as the
 * {@link OneTimeRunRequest.Builder} setter it is given to says. Immutable and thread-safe; empty lists are not sent.
 *
 * <pre>{@code
 * Notifications.builder().onFailure("oncall@example.com").onDurationWarning("oncall@example.com").build()
 * }</pre>
 *
 * @param onStart {@code on_start}: when the run starts
 * @param onSuccess {@code on_success}: when it succeeds
 * @param onFailure {@code on_failure}: when it fails (also on a timeout or an internal error)
 * @param onDurationWarning {@code on_duration_warning_threshold_exceeded}: when a
 *     {@link HealthRule.Metric#RUN_DURATION_SECONDS} rule is exceeded
 * @param onStreamingBacklog {@code on_streaming_backlog_exceeded}: when a streaming backlog rule is exceeded
 */
public record Notifications(
    List<String> onStart,
    List<String> onSuccess,
    List<String> onFailure,
    List<String> onDurationWarning,
    List<String> onStreamingBacklog) {
  /**
   * Copies the lists.
   *
   * @param onStart {@code on_start}: when the run starts
   * @param onSuccess {@code on_success}: when it succeeds
   * @param onFailure {@code on_failure}: when it fails (also on a timeout or an internal error)
   * @param onDurationWarning {@code on_duration_warning_threshold_exceeded}: when a
   *     {@link HealthRule.Metric#RUN_DURATION_SECONDS} rule is exceeded
   * @param onStreamingBacklog {@code on_streaming_backlog_exceeded}: when a streaming backlog rule is exceeded
   * @throws IllegalArgumentException for a blank recipient
   */
  public Notifications {
    onStart = copy("on_start", onStart);
    onSuccess = copy("on_success", onSuccess);
    onFailure = copy("on_failure", onFailure);
    onDurationWarning = copy("on_duration_warning_threshold_exceeded", onDurationWarning);
    onStreamingBacklog = copy("on_streaming_backlog_exceeded", onStreamingBacklog);
  }

  private static List<String> copy(String field, List<String> list) {
    List<String> copy = List.copyOf(Objects.requireNonNull(list, field));
    for (String s : copy) {
      if (s.isBlank()) {
        throw new IllegalArgumentException(field + " has a blank recipient");
      }
    }
    return copy;
  }

  /** {@return a new builder; mutable, not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Notifications}; each setter adds recipients. Mutable, not thread-safe. */
  public static final class Builder {
    private final List<String> onStart = new ArrayList<>();
    private final List<String> onSuccess = new ArrayList<>();
    private final List<String> onFailure = new ArrayList<>();
    private final List<String> onDurationWarning = new ArrayList<>();
    private final List<String> onStreamingBacklog = new ArrayList<>();

    private Builder() {}

    /**
     * Adds {@code on_start} recipients.
     * @param recipients e-mail addresses (for {@code email_notifications}) or notification destination ids (for
     *     {@code webhook_notifications}); not blank
     * @return this builder
     */
    public Builder onStart(String... recipients) {
      onStart.addAll(List.of(recipients));
      return this;
    }

    /**
     * Adds {@code on_success} recipients.
     * @param recipients e-mail addresses (for {@code email_notifications}) or notification destination ids (for
     *     {@code webhook_notifications}); not blank
     * @return this builder
     */
    public Builder onSuccess(String... recipients) {
      onSuccess.addAll(List.of(recipients));
      return this;
    }

    /**
     * Adds {@code on_failure} recipients.
     * @param recipients e-mail addresses (for {@code email_notifications}) or notification destination ids (for
     *     {@code webhook_notifications}); not blank
     * @return this builder
     */
    public Builder onFailure(String... recipients) {
      onFailure.addAll(List.of(recipients));
      return this;
    }

    /**
     * Adds {@code on_duration_warning_threshold_exceeded} recipients.
     * @param recipients e-mail addresses (for {@code email_notifications}) or notification destination ids (for
     *     {@code webhook_notifications}); not blank
     * @return this builder
     */
    public Builder onDurationWarning(String... recipients) {
      onDurationWarning.addAll(List.of(recipients));
      return this;
    }

    /**
     * Adds {@code on_streaming_backlog_exceeded} recipients.
     * @param recipients e-mail addresses (for {@code email_notifications}) or notification destination ids (for
     *     {@code webhook_notifications}); not blank
     * @return this builder
     */
    public Builder onStreamingBacklog(String... recipients) {
      onStreamingBacklog.addAll(List.of(recipients));
      return this;
    }

    /**
     * The notifications.
     *
     * @return the notifications
     * @throws IllegalArgumentException for a blank recipient
     */
    public Notifications build() {
      return new Notifications(onStart, onSuccess, onFailure, onDurationWarning, onStreamingBacklog);
    }
  }
}
