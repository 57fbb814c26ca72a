package io.github.dbexec.auth.internal;

import io.github.dbexec.auth.CredentialsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs a command-line tool ({@code az}, {@code databricks}) with a timeout and collects its output. Its standard
 * input is empty; its environment is this process's plus the given variables.
 */
public final class CommandRunner {

  /** What a finished command printed. {@code toString()} omits its standard output, which holds tokens. */
  public record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "Result{exitCode=" + exitCode + "}";
    }
  }

  /**
   * Anything that looks like a token in a tool's error output: a JWT, or a run of 16 or more token characters
   * mixing letters and digits (an Entra ID {@code AADSTSnnnnn} code is kept).
   */
  private static final Pattern SECRET_LIKE = Pattern.compile("eyJ[A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]*)*"
      + "|(?!AADSTS\\d+\\b)(?=[A-Za-z0-9+/_\\-.=~]*[0-9])(?=[A-Za-z0-9+/_\\-.=~]*[A-Za-z])"
      + "[A-Za-z0-9+/_\\-.=~]{16,}");

  private CommandRunner() {}

  /**
   * Runs {@code command}.
   *
   * @param method the auth type, for messages
   * @param shown how to show the command in messages, such as {@code 'az account get-access-token'}
   * @param environment variables to set for it, on top of this process's
   * @throws CredentialsException when the program does not exist or cannot be run (not retryable: the fix is to
   *     install it or set its path), or when it does not finish within {@code timeout} (retryable; it is killed)
   */
  public static Result run(String method, String shown, List<String> command, Map<String, String> environment,
      Duration timeout, String notFoundAdvice) throws IOException {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new CredentialsException(method + ": cannot run " + command.get(0) + " (" + firstLine(e.getMessage())
          + "); " + notFoundAdvice, false);
    }
    process.getOutputStream().close();
    Reader out = new Reader(process.getInputStream());
    Reader err = new Reader(process.getErrorStream());
    out.start();
    err.start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(method + ": interrupted while waiting for " + shown);
    }
    if (!finished) {
      kill(process);
      throw new CredentialsException(method + ": " + shown + " did not finish within " + timeout.toMillis()
          + " ms and was stopped", true);
    }
    return new Result(process.exitValue(), out.text(), err.text());
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * The first non-blank line of a tool's error output, at most 300 characters, with anything that looks like a
   * token replaced by {@code <redacted>}; for messages.
   */
  public static String errorLine(String stderr) {
    for (String line : stderr.split("\\R")) {
      if (!line.isBlank()) {
        String cleaned = SECRET_LIKE.matcher(line.strip()).replaceAll("<redacted>");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) + "..." : cleaned;
      }
    }
    return "(no error output)";
  }

  private static String firstLine(@Nullable String text) {
    return text == null ? "not found" : errorLine(text);
  }

  /**
   * Finds {@code command} the way a shell would: a value with a {@code /} is a path; otherwise each directory
   * of {@code path} (a {@code PATH} value) is searched for an executable file of that name.
   *
   * @return the executable, or null when there is none
   */
  public static @Nullable Path find(String command, @Nullable String path) {
    if (command.contains("/")) {
      Path file = Path.of(command);
      return Files.isRegularFile(file) && Files.isExecutable(file) ? file : null;
    }
    if (path == null) {
      return null;
    }
    for (String directory : path.split(java.io.File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path file = Path.of(directory).resolve(command);
      if (Files.isRegularFile(file) && Files.isExecutable(file)) {
        return file;
      }
    }
    return null;
  }

  /** Collects one output stream of the process on a daemon thread. */
  private static final class Reader extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Reader(InputStream in) {
      super("dbexec-auth-command-output");
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (InputStream stream = in) {
        stream.transferTo(bytes);
      } catch (IOException e) {
        // the process was killed: keep what was read
      }
    }

    String text() {
      try {
        join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
