package io.github.dbexec.events;

import io.github.dbexec.events.internal.Checks;
import io.github.dbexec.events.internal.LineReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event as one line of JSON (its {@link EventCodec#toJson record}) to a file: the "JSON lines"
 * format, one whole record per line, UTF-8, {@code \n} after each.
 *
 * <p><b>Durability.</b> The file is opened for appending (created if missing, never truncated). Before
 * {@link #accept} returns, the record has been handed to the operating system in one write; what that
 * survives depends on the {@link Durability} chosen on the builder:
 *
 * <table>
 *   <caption>What an accepted record survives</caption>
 *   <tr><th>durability</th><th>process crash (kill -9, OOM)</th><th>power loss, OS crash</th><th>cost</th></tr>
 *   <tr><td>{@link Durability#FLUSH_PER_EVENT} (default)</td><td>yes</td><td>no: the OS writes it back
 *       later (on Linux typically within 30 s)</td><td>one write per event</td></tr>
 *   <tr><td>{@link Durability#FSYNC_PER_EVENT}</td><td>yes</td><td>yes</td><td>one write and one
 *       {@code fsync} per event (milliseconds each on most disks)</td></tr>
 *   <tr><td>{@link Durability#FSYNC_PER_BATCH}</td><td>yes</td><td>all but at most the last
 *       {@code batchSize - 1} records accepted since the last {@code fsync}</td><td>one write per event, one
 *       {@code fsync} per {@code batchSize} events and on {@link #flush()} and {@link #close()}</td></tr>
 * </table>
 *
 * <p><b>Crash safety.</b> A crash in the middle of a write can leave a torn last line (no {@code \n}). When
 * a sink opens such a file it first ends that line, so the torn fragment stays a line of its own and every
 * later record is whole; readers then report the fragment and skip it.
 *
 * <p><b>Concurrency.</b> Thread-safe: concurrent emitters each leave exactly one whole line; lines never
 * interleave. An emitting thread's interrupt status does not affect the sink. Writing the same file from
 * several sink instances or processes relies on the operating system's append mode and is not guaranteed to
 * keep lines whole; give each writer its own file.
 *
 * <p><b>Reading back.</b> {@link #stream(Path, Consumer)} and {@link #streamRecords(Path, Consumer)} read a
 * file of any size in constant memory (at most one line of up to {@value #MAX_LINE_BYTES} bytes at a time).
 * They return every intact record in file order and skip blank lines; every other line that is not a valid
 * record (a torn fragment, a line cut short or damaged anywhere in the file, a line longer than
 * {@value #MAX_LINE_BYTES} bytes, and for {@code stream} a record of a type this version does not know) is
 * skipped and reported to the given callback as a {@link SkippedLine} with its line number and why.
 * {@link #read(Path)} and {@link #readRecords(Path)} collect the same into a list and log skipped lines at
 * WARN.
 *
 * <pre>{@code
 * try (JsonLinesFileSink sink = JsonLinesFileSink.builder().path(Path.of("events.jsonl"))
 *     .durability(JsonLinesFileSink.Durability.FSYNC_PER_EVENT).build()) {
 *   sink.accept(event);
 * }
 * List<SkippedLine> skipped = new ArrayList<>();
 * try (Stream<ExecutorEvent> events = JsonLinesFileSink.stream(Path.of("events.jsonl"), skipped::add)) {
 *   events.forEach(this::handle);
 * }
 * }</pre>
 */
public final class JsonLinesFileSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFileSink.class);

  /** The longest line the readers take, in bytes (16 MiB); longer lines are skipped and reported. */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
  /** The default {@link Builder#batchSize(int) batchSize} under {@link Durability#FSYNC_PER_BATCH}. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  /** How far each record is pushed towards the storage device before {@link #accept} returns. */
  public enum Durability {
    /**
     * The default: each record is written to the operating system (never buffered in the JVM). Survives a
     * crash of the process; a power loss or an OS crash may lose records the OS had not yet written back.
     */
    FLUSH_PER_EVENT,
    /**
     * Each record is written and then forced to the storage device ({@code fsync}). Survives a crash of the
     * process, of the OS, and a power loss; the slowest.
     */
    FSYNC_PER_EVENT,
    /**
     * Each record is written to the operating system, and forced to the storage device after every
     * {@code batchSize} records and on {@link #flush()} and {@link #close()}. Survives a crash of the process;
     * a power loss or OS crash loses at most the last {@code batchSize - 1} records accepted since the last
     * {@code fsync}.
     */
    FSYNC_PER_BATCH
  }

  /**
   * A line the readers skipped because it is not a valid record (or, for the typed readers, not a valid
   * event of a known type).
   *
   * @param file the file read
   * @param lineNumber the line's number, from 1
   * @param error why; an {@link UnknownEventTypeException} for a record of a type this version does not know
   */
  public record SkippedLine(Path file, long lineNumber, EventFormatException error) {
    /**
     * Why the line was skipped, in a sentence.
     *
     * @return a sentence such as the parse error's message; never the line's content
     */
    public String reason() {
      return error.getMessage();
    }
  }

  private final Path path;
  private final Durability durability;
  private final int batchSize;
  private final FileOutputStream out;
  private boolean closed;
  private boolean lastWriteFailed;
  private int unsynced;

  private JsonLinesFileSink(Path path, Durability durability, int batchSize) throws IOException {
    this.path = path;
    this.durability = durability;
    this.batchSize = batchSize;
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // A FileOutputStream, not a FileChannel: a channel is closed for good when a thread that writes to it has
    // been interrupted, which would silently end the sink for every emitter.
    this.out = new FileOutputStream(path.toFile(), true);
    try {
      if (endsInTornLine(path)) {
        out.write('\n'); // the torn fragment stays a line of its own; the next record starts whole
      }
    } catch (IOException e) {
      out.close();
      throw e;
    }
  }

  private static boolean endsInTornLine(Path path) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(path)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.position(size - 1).read(last);
      return last.get(0) != '\n';
    }
  }

  /**
   * Opens {@code file} for appending with {@link Durability#FLUSH_PER_EVENT}, creating it and its parent
   * directories if needed, and ending a torn last line.
   *
   * @param file the file read
   * @return the open sink; close it when done
   * @throws IOException if the file cannot be opened for writing
   */
  public static JsonLinesFileSink open(Path file) throws IOException {
    return builder().path(file).build();
  }

  /**
   * A new builder.
   *
   * @return a new builder with every default set except {@code path}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The file written to.
   *
   * @return the file, as given to the builder
   */
  public Path path() {
    return path;
  }

  /**
   * How far each record is pushed towards the storage device before {@link #accept} returns.
   *
   * @return the durability, never null
   */
  public Durability durability() {
    return durability;
  }

  /**
   * Appends the event as one line.
   *
   * @throws IOException if the write or the {@code fsync} fails; the line may then be partly written, and
   *     the next record starts on a new line so that it stays whole
   * @throws IllegalStateException if the sink is closed
   */
  @Override
  public void accept(ExecutorEvent event) throws IOException {
    byte[] line = (EventCodec.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("JsonLinesFileSink for " + path + " is closed; event not written: "
            + event);
      }
      try {
        if (lastWriteFailed) {
          out.write('\n'); // a failed write may have left part of a line: end it
          lastWriteFailed = false;
        }
        out.write(line);
      } catch (IOException e) {
        lastWriteFailed = true;
        throw e;
      }
      unsynced++;
      if (durability == Durability.FSYNC_PER_EVENT
          || (durability == Durability.FSYNC_PER_BATCH && unsynced >= batchSize)) {
        sync();
      }
    }
  }

  private void sync() throws IOException {
    out.getFD().sync();
    unsynced = 0;
  }

  /** Forces every record written so far to the storage device ({@code fsync}), whatever the durability. */
  @Override
  public synchronized void flush() throws IOException {
    if (!closed) {
      sync();
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
      sync();
    } finally {
      out.close();
    }
  }

  /**
   * Streams the typed events of a JSON-lines file, in file order, in constant memory. Lines that are not a
   * valid event of a known type are skipped and reported to {@code onSkipped}, on the thread consuming the
   * stream, as they are reached. Close the stream (try-with-resources) to close the file.
   *
   * @param file the file read
   * @param onSkipped told about each line skipped, not null; use {@code skipped -> {}} to ignore them
   * @return a lazily read stream of the file's events; close it
   * @throws IOException if the file cannot be opened; a read failure later is an {@link UncheckedIOException}
   *     from the stream
   */
  public static Stream<ExecutorEvent> stream(Path file, Consumer<? super SkippedLine> onSkipped) throws IOException {
    return lines(file, onSkipped, EventCodec::fromJson);
  }

  /**
   * Streams the records of a JSON-lines file, in file order, in constant memory, without interpreting their
   * types (so records of types this version does not know are returned too). Lines that are not a valid
   * record are skipped and reported to {@code onSkipped}. Close the stream to close the file.
   *
   * @param file the file read
   * @param onSkipped told about each line skipped, not null
   * @return a lazily read stream of the file's records; close it
   * @throws IOException if the file cannot be opened; a read failure later is an {@link UncheckedIOException}
   *     from the stream
   */
  public static Stream<EventRecord> streamRecords(Path file, Consumer<? super SkippedLine> onSkipped)
      throws IOException {
    return lines(file, onSkipped, EventRecord::fromJson);
  }

  /**
   * Reads every valid event of a JSON-lines file into a list, in file order; as {@link #stream}, with each
   * skipped line logged at WARN (line number and why). Holds the whole list in memory: use {@link #stream}
   * for large files.
   *
   * @param file the file read
   * @return a new list of the file's valid events
   * @throws IOException if the file cannot be read
   */
  public static List<ExecutorEvent> read(Path file) throws IOException {
    return collect(stream(file, JsonLinesFileSink::logSkipped));
  }

  /**
   * Reads every valid record of a JSON-lines file into a list, in file order; as {@link #streamRecords}, with
   * each skipped line logged at WARN. Holds the whole list in memory.
   *
   * @param file the file read
   * @return a new list of the file's valid records
   * @throws IOException if the file cannot be read
   */
  public static List<EventRecord> readRecords(Path file) throws IOException {
    return collect(streamRecords(file, JsonLinesFileSink::logSkipped));
  }

  private static <T> List<T> collect(Stream<T> stream) throws IOException {
    try (stream) {
      return stream.toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void logSkipped(SkippedLine skipped) {
    LOG.warn("Skipping line {} of {}: {}", skipped.lineNumber(), skipped.file(), skipped.reason());
  }

  private static <T> Stream<T> lines(Path file, Consumer<? super SkippedLine> onSkipped,
      Function<String, T> parse) throws IOException {
    Checks.notNull(file, "file");
    Checks.notNull(onSkipped, "onSkipped");
    LineReader lines = new LineReader(Files.newInputStream(file), MAX_LINE_BYTES);
    Iterator<T> iterator = new Iterator<>() {
      private @Nullable T next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          LineReader.Line line;
          try {
            line = lines.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (line == null) {
            return false;
          }
          String text = line.text();
          try {
            if (text == null) {
              throw new EventFormatException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (!text.isBlank()) {
              next = parse.apply(text);
            }
          } catch (EventFormatException e) {
            onSkipped.accept(new SkippedLine(file, line.number(), e));
          }
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T result = next;
        next = null;
        return result;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> {
          try {
            lines.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public String toString() {
    return "JsonLinesFileSink{path=" + path + ", durability=" + durability
        + (durability == Durability.FSYNC_PER_BATCH ? ", batchSize=" + batchSize : "") + "}";
  }

  /** Builds a {@link JsonLinesFileSink}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Path path;
    private Durability durability = Durability.FLUSH_PER_EVENT;
    private @Nullable Integer batchSize;

    private Builder() {}

    /**
     * Required; the file to append to. Created with its parent directories if missing.
     *
     * @param path the file, not null
     * @return this builder
     */
    public Builder path(Path path) {
      this.path = Checks.notNull(path, "path");
      return this;
    }

    /**
     * How far each record is pushed towards the storage device before {@code accept} returns; default
     * {@link Durability#FLUSH_PER_EVENT}. See {@link Durability} for what each survives.
     *
     * @param durability the durability, not null
     * @return this builder
     */
    public Builder durability(Durability durability) {
      this.durability = Checks.notNull(durability, "durability");
      return this;
    }

    /**
     * Under {@link Durability#FSYNC_PER_BATCH}, the most records written between two {@code fsync}s,
     * {@code >= 1}; default {@value JsonLinesFileSink#DEFAULT_BATCH_SIZE}. Bounds what a power loss can
     * take: at most {@code batchSize - 1} accepted records.
     *
     * @param batchSize the batch size in records, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Opens the file, ending a torn last line if there is one.
     *
     * @return the open sink; close it when done
     * @throws IllegalArgumentException if {@code path} is unset, or {@code batchSize} is set with a
     *     durability other than {@link Durability#FSYNC_PER_BATCH}
     * @throws IOException if the file cannot be opened for appending
     */
    public JsonLinesFileSink build() throws IOException {
      Path path = Checks.required(this.path, "path");
      if (batchSize != null && durability != Durability.FSYNC_PER_BATCH) {
        throw new IllegalArgumentException("batchSize applies only to durability FSYNC_PER_BATCH, but durability"
            + " was " + durability);
      }
      return new JsonLinesFileSink(path, durability, batchSize == null ? DEFAULT_BATCH_SIZE : batchSize);
    }
  }
}
