package io.github.dbexec.logcapture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Every line core's tests log, at every level down to TRACE, kept in memory (with the stack traces of logged
 * throwables) so that tests can assert on it — above all that no secret is ever logged. WARN and ERROR are also
 * echoed to standard error for whoever reads a failed build.
 */
public final class CapturedLogs {
  private static final List<String> LINES = new ArrayList<>();

  private CapturedLogs() {}

  /** Everything logged since the last {@link #clear()}, one entry per call, stack traces included. */
  public static synchronized String all() {
    return String.join("\n", LINES);
  }

  /** How many log calls were captured since the last {@link #clear()}. */
  public static synchronized int count() {
    return LINES.size();
  }

  public static synchronized void clear() {
    LINES.clear();
  }

  static synchronized void add(String line) {
    LINES.add(line);
  }

  /** A logger with every level enabled that records into {@link CapturedLogs}. */
  static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, @Nullable Marker marker, String messagePattern,
        Object @Nullable [] arguments, @Nullable Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
      StringBuilder line = new StringBuilder(level + " " + name + " - " + message);
      if (throwable != null) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        line.append('\n').append(trace);
      }
      add(line.toString());
      if (level.toInt() >= Level.WARN.toInt()) {
        System.err.println(line);
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
