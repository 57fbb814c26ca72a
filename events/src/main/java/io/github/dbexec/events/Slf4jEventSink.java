package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.Logfmt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each event as one structured line through SLF4J, in logfmt form:
 *
 * <pre>
 * AppSubmittedEvent v1 creation_timestamp=1724000000001 app_id=455644833 run_id=455644833 job_id=11223344 queue_outcome=STARTED ...
 * </pre>
 *
 * <p>The line starts with the event type and version, then {@code creation_timestamp} (epoch ms), then the
 * record's fields in their documented order (see {@code docs/events.md}), absent fields left out. Values
 * with spaces, quotes or {@code =} are double-quoted and escaped; a line never contains a line break.
 * {@link SubmissionFailedEvent} is logged at WARN, every other event at INFO. The default logger name is
 * {@value #DEFAULT_LOGGER_NAME}.
 *
 * <p>Thread-safe; never throws for a well-formed event (SLF4J does not).
 */
public final class Slf4jEventSink implements EventSink {
  /** The logger name {@link #create()} uses. */
  public static final String DEFAULT_LOGGER_NAME = "io.github.dbexec.events";

  private final Logger logger;

  private Slf4jEventSink(Logger logger) {
    this.logger = logger;
  }

  /**
   * A sink logging to {@value #DEFAULT_LOGGER_NAME}.
   *
   * @return a new sink
   */
  public static Slf4jEventSink create() {
    return of(DEFAULT_LOGGER_NAME);
  }

  /**
   * A sink logging to the named logger.
   *
   * @param loggerName the SLF4J logger name, not blank
   * @return a new sink
   */
  public static Slf4jEventSink of(String loggerName) {
    return new Slf4jEventSink(LoggerFactory.getLogger(Checks.notBlank(loggerName, "loggerName")));
  }

  /**
   * A sink logging to the given logger.
   *
   * @param logger the logger, not null
   * @return a new sink
   */
  public static Slf4jEventSink of(Logger logger) {
    return new Slf4jEventSink(Checks.notNull(logger, "logger"));
  }

  /**
   * The line this sink logs for {@code event}.
   *
   * @param event the event, not null
   * @return the logfmt line, without a trailing newline
   */
  public static String format(ExecutorEvent event) {
    return Logfmt.format(EventCodec.toRecord(event));
  }

  @Override
  public void accept(ExecutorEvent event) {
    if (event instanceof SubmissionFailedEvent) {
      if (logger.isWarnEnabled()) {
        logger.warn(format(event));
      }
    } else if (logger.isInfoEnabled()) {
      logger.info(format(event));
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Slf4jEventSink{logger=" + logger.getName() + "}";
  }
}
