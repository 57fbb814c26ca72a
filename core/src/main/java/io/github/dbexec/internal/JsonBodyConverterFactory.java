package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Reads every 2xx body of the Jobs API with Moshi, enforcing once, for every endpoint, the rules of a usable answer:
 * at most {@link #MAX_BODY_BYTES} bytes (refused, not retried, beyond), not empty (except for endpoints answered with
 * {@link Wire.Empty}), not cut off, JSON of the expected shape, not JSON {@code null}. A violation is an
 * {@link UnusableBodyException}, which {@link ApiCaller} reports with the endpoint. Request bodies are left to the
 * next factory (Moshi's own).
 *
 * <p>The HTTP status of the answer being converted is known to this factory through {@link #recordStatus}, which
 * {@link RequestLogger} calls on the thread that then converts the body (OkHttp's interceptor chain and Retrofit's
 * conversion run on one thread, for synchronous and asynchronous calls alike).
 */
public final class JsonBodyConverterFactory extends Converter.Factory {
  /** The largest body read; the Jobs API caps run output at 5 MB. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private static final ThreadLocal<int[]> STATUS = ThreadLocal.withInitial(() -> new int[1]);

  private final Moshi moshi;

  public JsonBodyConverterFactory(Moshi moshi) {
    this.moshi = moshi;
  }

  /** Records the status of the answer this thread is about to convert. */
  static void recordStatus(int status) {
    STATUS.get()[0] = status;
  }

  @Override
  public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    JsonAdapter<Object> adapter = moshi.adapter(type);
    boolean emptyAllowed = type == Wire.Empty.class;
    return body -> read(body, adapter, emptyAllowed);
  }

  private static Object read(ResponseBody body, JsonAdapter<Object> adapter, boolean emptyAllowed) throws IOException {
    int status = STATUS.get()[0];
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
          return new Wire.Empty();
        }
        throw new UnusableBodyException("with an empty body where JSON was expected; a proxy or gateway may be "
            + "interfering. The request may have taken effect.", status, true, null);
      }
      Object value;
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
