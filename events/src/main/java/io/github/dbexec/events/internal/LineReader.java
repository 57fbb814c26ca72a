package io.github.dbexec.events.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into lines at {@code \n}, one line at a time, holding at most one line (up to
 * {@code maxLineBytes}) and a fixed read buffer in memory, whatever the size of the input. Lines are decoded
 * as UTF-8 with malformed bytes replaced (a line torn inside a character still decodes). A longer line is
 * skipped without being held and returned with {@code null} text. The last line need not end with
 * {@code \n}. Not thread-safe.
 */
public final class LineReader implements Closeable {
  /** One line: its 1-based number and its text without the {@code \n}, or {@code null} if it was too long. */
  public record Line(long number, @Nullable String text) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private boolean tooLong;
  private long number;

  public LineReader(InputStream in, int maxLineBytes) {
    this.in = Checks.notNull(in, "in");
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or {@code null} at the end of the input. */
  public @Nullable Line next() throws IOException {
    lineLength = 0;
    tooLong = false;
    boolean started = false;
    while (true) {
      if (position == limit) {
        int read = in.read(buffer);
        if (read < 0) {
          return started ? finish() : null;
        }
        position = 0;
        limit = read;
      }
      started = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position - start);
      if (position < limit) {
        position++; // the '\n'
        return finish();
      }
    }
  }

  private void append(int start, int length) {
    if (tooLong || length == 0) {
      return;
    }
    if (lineLength + length > maxLineBytes) {
      tooLong = true;
      return;
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + length)));
    }
    System.arraycopy(buffer, start, line, lineLength, length);
    lineLength += length;
  }

  private Line finish() {
    number++;
    return new Line(number, tooLong ? null : new String(line, 0, lineLength, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
