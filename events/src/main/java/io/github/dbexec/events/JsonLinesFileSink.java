package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event as one line of JSON (its {@link EventCodec#toJson record}) to a file: the
 * "JSON lines" format, one whole record per line, UTF-8, {@code \n} after each.
 *
 * <p><b>Durability.</b> The file is opened for appending (created if missing, never truncated). Each
 * record is handed to the operating system with one write before {@link #accept} returns, so nothing is
 * buffered in the JVM; with {@link Builder#fsync(boolean) fsync(true)} each write is also forced to the
 * storage device (slower: one {@code fsync} per event).
 *
 * <p><b>Concurrency.</b> Thread-safe: concurrent emitters each leave exactly one whole line; lines never
 * interleave. An emitting thread's interrupt status does not affect the sink. Writing the same file from several sink instances or processes relies on the operating
 * system's append mode and is not guaranteed to keep lines whole; give each writer its own file.
 *
 * <p><b>Reading back.</b> {@link #read(Path)} returns the typed events, {@link #readRecords(Path)} the raw
 * records (including types this version does not know). A last line without its {@code \n} (a write cut
 * short by a crash) is skipped with a warning; any other bad line fails the read, naming the line number.
 *
 * <pre>{@code
 * try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(Path.of("events.jsonl")).fsync(true).build()) {
 *   sink.accept(event);
 * }
 * List<ExecutorEvent> events = JsonLinesFileSink.read(Path.of("events.jsonl"));
 * }</pre>
 */
public final class JsonLinesFileSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFileSink.class);

  private final Path path;
  private final boolean fsync;
  private final FileOutputStream out;
  private boolean closed;
  private boolean lastWriteFailed;

  private JsonLinesFileSink(Builder builder) throws IOException {
    this.path = Checks.required(builder.path, "path");
    this.fsync = builder.fsync;
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // A FileOutputStream, not a FileChannel: a channel is closed for good when a thread that writes to it has
    // been interrupted, which would silently end the sink for every emitter.
    this.out = new FileOutputStream(path.toFile(), true);
  }

  /**
   * Opens {@code file} for appending, creating it and its parent directories if needed, without fsync.
   *
   * @throws IOException if the file cannot be opened for writing
   */
  public static JsonLinesFileSink open(Path file) throws IOException {
    return builder().path(file).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The file written to. */
  public Path path() {
    return path;
  }

  /** Whether each record is forced to the storage device. */
  public boolean fsync() {
    return fsync;
  }

  /**
   * Appends the event as one line.
   *
   * @throws IOException if the write fails; the line may then be partly written, and the next record starts
   *     on a new line so that it stays whole
   * @throws IllegalStateException if the sink is closed
   */
  @Override
  public void accept(ExecutorEvent event) throws IOException {
    Checks.notNull(event, "event");
    byte[] line = (EventCodec.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("JsonLinesFileSink for " + path + " is closed; event not written: "
            + event);
      }
      if (lastWriteFailed) {
        // a failed write may have left part of a line: end it, so this record starts on a line of its own
        out.write('\n');
        lastWriteFailed = false;
      }
      try {
        out.write(line);
      } catch (IOException e) {
        lastWriteFailed = true;
        throw e;
      }
      if (fsync) {
        out.getFD().sync();
      }
    }
  }

  /** Forces written records to the storage device. */
  @Override
  public synchronized void flush() throws IOException {
    if (!closed) {
      out.getFD().sync();
    }
  }

  /** Forces written records to the storage device and closes the file. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.getFD().sync();
    } finally {
      out.close();
    }
  }

  /**
   * Reads every record of a JSON-lines file as a typed event, in file order. Blank lines are skipped.
   *
   * @throws UnknownEventTypeException if a record has a type this version does not know (use
   *     {@link #readRecords} to read those)
   * @throws EventFormatException if a line is not a valid record (the message names the line number)
   * @throws IOException if the file cannot be read
   */
  public static List<ExecutorEvent> read(Path file) throws IOException {
    List<ExecutorEvent> events = new ArrayList<>();
    for (EventRecord record : readRecords(file)) {
      events.add(EventCodec.toEvent(record));
    }
    return events;
  }

  /**
   * Reads every record of a JSON-lines file, in file order, without interpreting types. Blank lines are
   * skipped; a final line without {@code \n} that is not valid JSON is skipped with a warning.
   *
   * @throws EventFormatException if a line is not a valid record (the message names the line number)
   * @throws IOException if the file cannot be read
   */
  public static List<EventRecord> readRecords(Path file) throws IOException {
    Checks.notNull(file, "file");
    String content = Files.readString(file, StandardCharsets.UTF_8);
    boolean endsWithNewline = content.endsWith("\n");
    List<EventRecord> records = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new java.io.StringReader(content))) {
      String line;
      int lineNumber = 0;
      @Nullable String pending = null;
      int pendingNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (pending != null) {
          records.add(parseLine(file, pendingNumber, pending));
        }
        pending = line.isBlank() ? null : line;
        pendingNumber = lineNumber;
      }
      if (pending != null) {
        try {
          records.add(parseLine(file, pendingNumber, pending));
        } catch (EventFormatException e) {
          if (endsWithNewline) {
            throw e;
          }
          LOG.warn("Skipping incomplete last line {} of {} (a write cut short?): {}", pendingNumber, file,
              e.getMessage());
        }
      }
    }
    return records;
  }

  private static EventRecord parseLine(Path file, int lineNumber, String line) {
    try {
      return EventRecord.fromJson(line);
    } catch (EventFormatException e) {
      throw new EventFormatException(file + " line " + lineNumber + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JsonLinesFileSink{path=" + path + ", fsync=" + fsync + "}";
  }

  /** Builds a {@link JsonLinesFileSink}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Path path;
    private boolean fsync;

    private Builder() {}

    /** Required; the file to append to. Created with its parent directories if missing. */
    public Builder path(Path path) {
      this.path = Checks.notNull(path, "path");
      return this;
    }

    /** Whether to force every record to the storage device before {@code accept} returns; default false. */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /**
     * Opens the file.
     *
     * @throws IllegalArgumentException if {@code path} is unset
     * @throws IOException if the file cannot be opened for appending
     */
    public JsonLinesFileSink build() throws IOException {
      return new JsonLinesFileSink(this);
    }
  }
}
