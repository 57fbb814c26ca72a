package io.github.dbexec.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link FakeJobsServer} as a standalone process:
 *
 * <pre>
 * java -jar dbexec-testkit-VERSION-standalone.jar --port 8089 --token dapi-test
 * </pre>
 *
 * <p>The first line on standard output is {@code Fake Databricks Jobs server listening on
 * http://127.0.0.1:PORT}; the server then serves until the process is stopped (Ctrl-C / SIGTERM close it
 * cleanly). Exit status 2 for a usage error or a port that cannot be bound (in use), 1 when the server cannot
 * start otherwise (with {@code --tls}, a CA file that cannot be written stops it before the first line).
 * {@code --version} prints the testkit version. {@code --help} lists the
 * options (port, tokens, Basic users, OAuth clients, phase durations, TLS, clock kind, seed, journal
 * capacity, workspace run limit); the admin API under {@code /__fake/} is described in testkit/README.md.
 */
public final class FakeJobsServerMain {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private FakeJobsServerMain() {}

  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Parsed command-line options. */
  static final class Options {
    int port = 0;
    String bind = "127.0.0.1";
    final List<String> tokens = new ArrayList<>();
    final List<String[]> oauthClients = new ArrayList<>();
    final List<String[]> oidcIssuers = new ArrayList<>();
    final List<String[]> basicUsers = new ArrayList<>();
    String @Nullable [] proxyUser;
    Duration runDuration = Duration.ofSeconds(2);
    Duration pendingDuration = Duration.ZERO;
    Duration terminatingDuration = Duration.ZERO;
    boolean tls;
    @Nullable Path caFile;
    String clock = "system";
    Duration pollStep = Duration.ofSeconds(1);
    @Nullable Instant clockStart;
    long seed;
    int journalCapacity = RequestJournal.DEFAULT_CAPACITY;
    int workspaceRunLimit = Integer.MAX_VALUE;
    long journalMaxBytes = RequestJournal.DEFAULT_MAX_BYTES;
    long journalMaxBodyBytes = RequestJournal.DEFAULT_MAX_BODY_BYTES;
    int maxRetainedRuns = FakeJobsServer.DEFAULT_MAX_RETAINED_RUNS;
    long maxRetainedRunBytes = FakeJobsServer.DEFAULT_MAX_RETAINED_RUN_BYTES;
    long maxRequestBodyBytes = FakeJobsServer.DEFAULT_MAX_REQUEST_BODY_BYTES;
    long firstJobId = FakeJobsServer.DEFAULT_FIRST_JOB_ID;
    long firstRunId = FakeJobsServer.DEFAULT_FIRST_RUN_ID;
    boolean help;
    boolean version;
  }

  /** Why the server could not start, and the exit status that says so. */
  static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    StartException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /**
   * Runs the standalone server until the process is stopped.
   *
   * @param args the command-line options; {@code --help} lists them
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      printUsage(System.err);
      System.exit(2);
      return;
    }
    if (options.help) {
      printUsage(System.out);
      return;
    }
    if (options.version) {
      System.out.println("dbexec-testkit " + version());
      return;
    }
    FakeJobsServer server;
    try {
      server = startAndAnnounce(options, System.out);
    } catch (StartException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(e.status);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "fake-jobs-server-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
  }

  /** The artifact version from the jar's manifest ({@code Implementation-Version}), or a note when absent. */
  static String version() {
    String version = FakeJobsServerMain.class.getPackage().getImplementationVersion();
    return version != null ? version : "(version unknown: not run from the testkit jar)";
  }

  /**
   * Starts the server, writes the CA certificate when serving HTTPS, then prints the listening line first and
   * the rest of the announcement. Nothing is printed to {@code out} when it fails: a script waiting for the first
   * line sees the process end instead.
   *
   * @throws StartException status 2 when the port is in use or the address cannot be bound, 1 for other
   *     failures (including a CA file that cannot be written; the server is closed again)
   */
  static FakeJobsServer startAndAnnounce(Options options, PrintStream out) throws StartException {
    FakeJobsServer server;
    try {
      server = builder(options).start();
    } catch (UncheckedIOException e) {
      throw bindFailure(options, e.getCause());
    } catch (RuntimeException e) {
      throw new StartException(1, "cannot start the fake Jobs server: " + e.getMessage());
    }
    Path caFile = null;
    if (server.isHttps()) {
      try {
        caFile = options.caFile != null ? options.caFile : Files.createTempFile("dbexec-testkit-ca-", ".pem");
        Files.writeString(caFile, server.caCertificatePem(), StandardCharsets.US_ASCII);
      } catch (IOException | RuntimeException e) {
        server.close();
        throw new StartException(1, "cannot write the CA certificate"
            + (caFile != null ? " to " + caFile.toAbsolutePath() : "") + ": " + describe(e)
            + " (choose a writable path with --ca-file)");
      }
    }
    out.println("Fake Databricks Jobs server listening on " + server.url());
    if (caFile != null) {
      out.println("CA certificate (trust it to connect): " + caFile.toAbsolutePath());
    }
    out.println("Admin API: " + server.url() + "/__fake/ (state, journal, clock/advance, faults, scripts, reset)");
    out.flush();
    return server;
  }

  private static StartException bindFailure(Options options, IOException cause) {
    String where = options.bind + ":" + options.port;
    if (cause instanceof BindException) {
      String reason = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
      if (reason.contains("in use")) {
        return new StartException(2, "port " + options.port + " on " + options.bind
            + " is already in use; stop what listens there or choose another --port (0 picks a free one)");
      }
      return new StartException(2, "cannot listen on " + where + ": " + describe(cause)
          + " (check --bind and --port)");
    }
    if (cause instanceof UnknownHostException) {
      return new StartException(2, "cannot listen on " + where + ": unknown address " + options.bind
          + " (check --bind)");
    }
    return new StartException(1, "cannot listen on " + where + ": " + describe(cause));
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (e instanceof NoSuchFileException) {
      return "no such directory or file " + message;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied for " + message;
    }
    return message != null ? message : e.getClass().getSimpleName();
  }

  static FakeJobsServer.Builder builder(Options options) {
    FakeJobsServer.Builder builder = FakeJobsServer.builder()
        .port(options.port)
        .bindAddress(options.bind)
        .runDuration(options.runDuration)
        .pendingDuration(options.pendingDuration)
        .terminatingDuration(options.terminatingDuration)
        .journalCapacity(options.journalCapacity)
        .workspaceRunLimit(options.workspaceRunLimit)
        .journalMaxBytes(options.journalMaxBytes)
        .journalMaxBodyBytes((int) options.journalMaxBodyBytes)
        .maxRetainedRuns(options.maxRetainedRuns)
        .maxRetainedRunBytes(options.maxRetainedRunBytes)
        .maxRequestBodyBytes(options.maxRequestBodyBytes)
        .firstJobId(options.firstJobId)
        .firstRunId(options.firstRunId)
        .seed(options.seed);
    Instant start = options.clockStart != null ? options.clockStart
        : Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000);
    switch (options.clock) {
      case "manual":
        builder.clock(FakeClock.manual(start));
        break;
      case "advance-on-poll":
        builder.clock(FakeClock.advanceOnPoll(start, options.pollStep));
        break;
      default:
        builder.clock(FakeClock.system());
        break;
    }
    if (options.tls) {
      builder.https();
    }
    options.tokens.forEach(builder::token);
    for (String[] client : options.oauthClients) {
      builder.oauthClient(client[0], client[1]);
    }
    for (String[] user : options.basicUsers) {
      builder.basicCredentials(user[0], user[1]);
    }
    for (String[] trusted : options.oidcIssuers) {
      if (trusted.length == 2) {
        builder.trustOidcIssuer(trusted[0], trusted[1]);
      } else {
        builder.trustOidcIssuer(trusted[0], trusted[1], trusted[2]);
      }
    }
    if (options.proxyUser != null) {
      builder.requireProxyAuthorization(options.proxyUser[0], options.proxyUser[1]);
    }
    return builder;
  }

  static Options parse(String[] args) throws UsageException {
    Options options = new Options();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help":
        case "-h":
          options.help = true;
          break;
        case "--version":
          options.version = true;
          break;
        case "--port":
          String port = value(args, ++i, arg);
          try {
            options.port = Integer.parseInt(port);
          } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number 0..65535, got " + port);
          }
          if (options.port < 0 || options.port > 65535) {
            throw new UsageException("--port needs a number 0..65535, got " + port);
          }
          break;
        case "--bind":
          options.bind = value(args, ++i, arg);
          break;
        case "--token":
          String token = value(args, ++i, arg);
          if (token.isBlank()) {
            throw new UsageException("--token needs a non-empty value");
          }
          options.tokens.add(token);
          break;
        case "--run-duration":
          options.runDuration = duration(value(args, ++i, arg), arg);
          break;
        case "--pending-duration":
          options.pendingDuration = duration(value(args, ++i, arg), arg);
          break;
        case "--terminating-duration":
          options.terminatingDuration = duration(value(args, ++i, arg), arg);
          break;
        case "--tls":
          options.tls = true;
          break;
        case "--ca-file":
          options.caFile = Path.of(value(args, ++i, arg));
          break;
        case "--clock":
          String clock = value(args, ++i, arg);
          if (!List.of("manual", "system", "advance-on-poll").contains(clock)) {
            throw new UsageException("--clock needs manual, system or advance-on-poll, got " + clock);
          }
          options.clock = clock;
          break;
        case "--poll-step":
          options.pollStep = duration(value(args, ++i, arg), arg);
          break;
        case "--clock-start":
          String startText = value(args, ++i, arg);
          try {
            options.clockStart = Instant.parse(startText);
          } catch (DateTimeParseException e) {
            throw new UsageException("--clock-start needs an ISO-8601 instant like 2026-01-01T00:00:00Z, got "
                + startText);
          }
          break;
        case "--seed":
          String seed = value(args, ++i, arg);
          try {
            options.seed = Long.parseLong(seed);
          } catch (NumberFormatException e) {
            throw new UsageException("--seed needs a whole number, got " + seed);
          }
          break;
        case "--journal-capacity":
          String capacity = value(args, ++i, arg);
          try {
            options.journalCapacity = Integer.parseInt(capacity);
          } catch (NumberFormatException e) {
            throw new UsageException("--journal-capacity needs a number >= 1, got " + capacity);
          }
          if (options.journalCapacity < 1) {
            throw new UsageException("--journal-capacity needs a number >= 1, got " + capacity);
          }
          break;
        case "--workspace-run-limit":
          String limit = value(args, ++i, arg);
          try {
            options.workspaceRunLimit = Integer.parseInt(limit);
          } catch (NumberFormatException e) {
            throw new UsageException("--workspace-run-limit needs a number >= 1, got " + limit);
          }
          if (options.workspaceRunLimit < 1) {
            throw new UsageException("--workspace-run-limit needs a number >= 1, got " + limit);
          }
          break;
        case "--journal-max-bytes":
          options.journalMaxBytes = bytes(value(args, ++i, arg), arg, Long.MAX_VALUE);
          break;
        case "--journal-max-body-bytes":
          options.journalMaxBodyBytes = bytes(value(args, ++i, arg), arg, Integer.MAX_VALUE);
          break;
        case "--max-retained-runs":
          options.maxRetainedRuns = (int) bytes(value(args, ++i, arg), arg, Integer.MAX_VALUE);
          break;
        case "--max-retained-run-bytes":
          options.maxRetainedRunBytes = bytes(value(args, ++i, arg), arg, Long.MAX_VALUE);
          break;
        case "--max-request-body-bytes":
          options.maxRequestBodyBytes = bytes(value(args, ++i, arg), arg, Integer.MAX_VALUE - 1);
          break;
        case "--first-job-id":
          options.firstJobId = positiveLong(value(args, ++i, arg), arg);
          break;
        case "--first-run-id":
          options.firstRunId = positiveLong(value(args, ++i, arg), arg);
          break;
        case "--small-ids":
          options.firstJobId = 1001;
          options.firstRunId = 800_000_001L;
          break;
        case "--proxy-user":
          String proxyUser = value(args, ++i, arg);
          int proxyColon = proxyUser.indexOf(':');
          if (proxyColon <= 0) {
            throw new UsageException("--proxy-user needs USER:PASSWORD, got " + proxyUser);
          }
          options.proxyUser = new String[] {proxyUser.substring(0, proxyColon), proxyUser.substring(proxyColon + 1)};
          break;
        case "--basic-user":
          String user = value(args, ++i, arg);
          int separator = user.indexOf(':');
          if (separator <= 0) {
            throw new UsageException("--basic-user needs USER:PASSWORD, got " + user);
          }
          options.basicUsers.add(new String[] {user.substring(0, separator), user.substring(separator + 1)});
          break;
        case "--oauth-client":
          String client = value(args, ++i, arg);
          int colon = client.indexOf(':');
          if (colon <= 0 || colon == client.length() - 1) {
            throw new UsageException("--oauth-client needs ID:SECRET, got " + client);
          }
          options.oauthClients.add(new String[] {client.substring(0, colon), client.substring(colon + 1)});
          break;
        case "--trust-oidc-issuer": {
          String trusted = value(args, ++i, arg);
          String[] parts = trusted.split(",", -1);
          if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new UsageException("--trust-oidc-issuer needs ISSUER,AUDIENCE[,CLIENT_ID], got " + trusted);
          }
          options.oidcIssuers.add(parts);
          break;
        }
        default:
          throw new UsageException("unknown option " + arg);
      }
    }
    return options;
  }

  /** Parses a size: a whole number, optionally with k, m or g (binary: 1k = 1024); at least 1. */
  static long bytes(String text, String option, long max) throws UsageException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int shift = t.endsWith("k") ? 10 : t.endsWith("m") ? 20 : t.endsWith("g") ? 30 : 0;
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    try {
      long value = Long.parseLong(digits);
      if (value >= 1 && value <= (max >> shift)) {
        return value << shift;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " needs a whole number >= 1 (optionally with k, m or g) up to " + max
        + ", got " + text);
  }

  static long positiveLong(String text, String option) throws UsageException {
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " needs a whole number >= 1, got " + text);
  }

  private static String value(String[] args, int index, String option) throws UsageException {
    if (index >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  /** Parses {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}. */
  static Duration duration(String text, String option) throws UsageException {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException(option + " needs a duration like 500ms, 2s, 1m or 1h, got " + text);
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }

  static void printUsage(PrintStream out) {
    out.println("Usage: java -jar dbexec-testkit-VERSION-standalone.jar [options]");
    out.println("A fake Databricks Jobs server (API 2.1/2.2) for tests.");
    out.println();
    out.println("  --port N                 port on 127.0.0.1 (0 = a free port; default 0)");
    out.println("  --bind ADDRESS           address to listen on (default 127.0.0.1; 0.0.0.0 in a container)");
    out.println("  --token T                accept this Bearer token (repeatable; none = accept any)");
    out.println("  --run-duration D         how long runs stay RUNNING, e.g. 500ms, 2s, 1m (default 2s)");
    out.println("  --pending-duration D     how long runs stay PENDING (default 0)");
    out.println("  --terminating-duration D how long runs stay TERMINATING (default 0)");
    out.println("  --oauth-client ID:SECRET enable OAuth M2M at /oidc/v1/token for this client (repeatable)");
    out.println("  --basic-user USER:PASS   accept HTTP Basic credentials for this user (repeatable)");
    out.println("  --trust-oidc-issuer ISSUER,AUDIENCE[,CLIENT_ID]");
    out.println("                           answer the OIDC token exchange for ID tokens of this issuer and audience");
    out.println("                           (account-wide, or for service principal CLIENT_ID; signatures are not");
    out.println("                           verified; repeatable)");
    out.println("  --proxy-user USER:PASS   require these Proxy-Authorization credentials when used as HTTP proxy");
    out.println("  --tls                    serve HTTPS with a generated CA (its PEM is written to a file)");
    out.println("  --ca-file PATH           where --tls writes the CA certificate (default: a temp file)");
    out.println("  --clock KIND             system (default), manual (moves only via POST /__fake/clock/advance)");
    out.println("                           or advance-on-poll (each runs/get moves it by --poll-step)");
    out.println("  --poll-step D            clock step per runs/get for advance-on-poll (default 1s)");
    out.println("  --clock-start INSTANT    start of a manual/advance-on-poll clock (default: now)");
    out.println("  --seed N                 seed for probability faults added via the admin API (default 0)");
    out.println("  --journal-capacity N     requests kept in the journal (default 10000)");
    out.println("  --workspace-run-limit N  started runs allowed in the workspace (default: no limit)");
    out.println("  --journal-max-bytes N    bytes the journal keeps in all, e.g. 64m (default 64m)");
    out.println("  --journal-max-body-bytes N  longest body kept per journaled request (default 1m)");
    out.println("  --max-retained-runs N    runs kept; the oldest finished ones are forgotten (default 100000)");
    out.println("  --max-retained-run-bytes N  bytes the kept runs may account for (default 256m)");
    out.println("  --max-request-body-bytes N  largest request body accepted (default 10m, as the API)");
    out.println("  --first-job-id N         first job id (default " + FakeJobsServer.DEFAULT_FIRST_JOB_ID + ")");
    out.println("  --first-run-id N         first run id (default " + FakeJobsServer.DEFAULT_FIRST_RUN_ID + ")");
    out.println("  --small-ids              job ids from 1001, run ids from 800000001 (earlier versions)");
    out.println("  --version                print the testkit version and exit");
    out.println("  --help                   show this help");
    out.println();
    out.println("The first line printed is 'Fake Databricks Jobs server listening on http://127.0.0.1:PORT'.");
    out.println("Admin API (no token; local use only): GET /__fake/state, GET /__fake/journal,");
    out.println("POST /__fake/reset, POST /__fake/clock/advance {\"millis\": N}, POST /__fake/faults {...},");
    out.println("POST /__fake/scripts {...}, POST /__fake/rate-limits {...} (see testkit/README.md).");
    out.println("Stop with Ctrl-C or SIGTERM. Exit status: 2 for a usage error or a port/address that cannot be");
    out.println("bound (e.g. already in use), 1 when the server cannot start otherwise (e.g. --ca-file not writable).");
  }
}
