package io.github.dbexec.benchmarks;

import io.github.dbexec.ExecutorListener;
import io.github.dbexec.QueueReporting;
import io.github.dbexec.micrometer.ObservationExecutorListenerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;

/** The clients compared, by the name used on command lines and in {@code docs/BENCHMARKS.md}. */
public enum ClientKind {
  /** {@link RawOkHttpRunNow}: the floor. */
  OKHTTP("okhttp"),
  /** {@link DbexecRunNow} with {@link QueueReporting#OFF}: one request per submission. */
  DBEXEC_OFF("dbexec-off"),
  /**
   * {@link DbexecRunNow} with its default, {@link QueueReporting#JOB_SETTINGS}: run-now, then {@code runs/get}
   * (and {@code jobs/get} once a minute per job).
   */
  DBEXEC_DEFAULT("dbexec-default"),
  /**
   * {@link DbexecRunNow} with {@link QueueReporting#OFF} and a listener factory giving each call a new listener that
   * does nothing: the executor builds every callback's value, nobody reads them.
   */
  DBEXEC_OFF_LISTENER("dbexec-off-listener"),
  /**
   * {@link DbexecRunNow} with {@link QueueReporting#OFF} and {@code dbexec-micrometer}'s factory on a
   * {@code SimpleMeterRegistry}, its observations recorded as timers ({@code DefaultMeterObservationHandler}).
   */
  DBEXEC_OFF_MICROMETER("dbexec-off-micrometer"),
  /** {@link SdkRunNow}: the official Databricks SDK for Java 0.141.0. */
  SDK("sdk");

  private final String label;

  ClientKind(String label) {
    this.label = label;
  }

  /** The command-line name, e.g. {@code dbexec-off}. */
  public String label() {
    return label;
  }

  /**
   * The kind with this label.
   *
   * @throws IllegalArgumentException naming the labels when there is none
   */
  public static ClientKind of(String label) {
    for (ClientKind kind : values()) {
      if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("client must be one of okhttp, dbexec-off, dbexec-default, "
        + "dbexec-off-listener, dbexec-off-micrometer, sdk; was " + label);
  }

  /** A new client of this kind for the server's job. */
  public RunNowClient open(String host, String token, long jobId) {
    switch (this) {
      case OKHTTP:
        return new RawOkHttpRunNow(host, token, jobId);
      case DBEXEC_OFF:
        return new DbexecRunNow(host, token, jobId, QueueReporting.OFF);
      case DBEXEC_DEFAULT:
        return new DbexecRunNow(host, token, jobId, QueueReporting.JOB_SETTINGS);
      case DBEXEC_OFF_LISTENER:
        return new DbexecRunNow(host, token, jobId, QueueReporting.OFF, call -> new ExecutorListener() {});
      case DBEXEC_OFF_MICROMETER:
        return new DbexecRunNow(host, token, jobId, QueueReporting.OFF, micrometer());
      case SDK:
        return new SdkRunNow(host, token, jobId);
      default:
        throw new IllegalStateException(name());
    }
  }

  private static ExecutorListener.Factory micrometer() {
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    return ObservationExecutorListenerFactory.of(observations, meters);
  }

  @Override
  public String toString() {
    return label;
  }
}
