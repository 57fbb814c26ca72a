package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Reads every 2xx body of the Jobs API with Moshi, enforcing once, for every endpoint, the rules of a usable answer:
 * at most {@link #MAX_BODY_BYTES} bytes (refused, not retried, beyond), not empty (except for endpoints answered with
 * {@link Wire.Empty}), not cut off, JSON of the expected shape, not JSON {@code null}. A violation is an
 * {@link UnusableBodyException}, which {@link ApiCaller} reports with the endpoint. Used by {@link HttpJobsService}
 * (it once was a Retrofit converter factory, hence the name).
 */
final class JsonBodyConverterFactory {
  /** The largest body read; the Jobs API caps run output at 5 MB. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private JsonBodyConverterFactory() {}

  /**
   * Reads {@code body} (and closes it) as {@code adapter}'s type.
   *
   * @param emptyAllowed whether an empty body is an answer ({@link Wire.Empty}) rather than an unusable one
   * @param status the answer's HTTP status, for messages
   * @throws UnusableBodyException when the body breaks a rule above
   */
  static <T> T read(ResponseBody body, JsonAdapter<T> adapter, boolean emptyAllowed, int status) throws IOException {
    try (body) {
      BufferedSource source = body.source();
      boolean tooLarge;
      try {
        tooLarge = source.request(MAX_BODY_BYTES + 1);
      } catch (IOException e) {
        throw new UnusableBodyException(e instanceof java.io.InterruptedIOException
            ? "but the body timed out mid-answer, within the read or call timeout or the time left to the deadline ("
                + e.getMessage() + "). The request may have taken effect."
            : "but the body could not be read (" + e.getMessage()
                + "); the connection was lost mid-answer. The request may have taken effect.", status, true, e);
      }
      if (tooLarge) {
        throw new UnusableBodyException("with a body over " + MAX_BODY_BYTES + " bytes; refusing to read it",
            status, false, null);
      }
      // one String per answer, as Moshi's own converter would make; no Buffer.copy(), whose shared segments could
      // not go back to Okio's segment pool (every answer would then cost a fresh 8 KiB segment)
      String text = source.getBuffer().readUtf8();
      if (text.isBlank()) {
        if (emptyAllowed) {
          @SuppressWarnings("unchecked") // emptyAllowed only for Wire.Empty
          T empty = (T) new Wire.Empty();
          return empty;
        }
        throw new UnusableBodyException("with an empty body where JSON was expected; a proxy or gateway may be "
            + "interfering. The request may have taken effect.", status, true, null);
      }
      T value;
      try {
        value = adapter.fromJson(text);
      } catch (IOException | JsonDataException e) {
        throw new UnusableBodyException("with a body that is not the Jobs API's JSON (" + e.getMessage() + "): "
            + Redactor.create().snippet(text) + ". The request may have taken effect.", status, true, e);
      }
      if (value == null) {
        throw new UnusableBodyException("with JSON null", status, true, null);
      }
      return value;
    }
  }
}
