package io.github.dbexec.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Timeout;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * {@link JobsService} written by hand over OkHttp: what Retrofit's proxy did from the interface's annotations, without
 * the proxy, the annotation and generic-signature parsing on each method's first call, and the per-call request
 * factory, URL resolution and {@code Content-Type} re-parsing (a new JVM's first submission loads ~80 fewer classes;
 * every submission allocates less). Each method builds its request once — URL, JSON body (written with the executor's
 * Moshi, as Retrofit's Moshi converter did: {@code application/json; charset=UTF-8}), an {@link Endpoints.Tag} with the
 * endpoint's label — and returns a {@link Call} that sends it; {@link Call#clone()} sends the same request again (the
 * attempt loop's retries). Answers are read as Retrofit did: a non-2xx body buffered for
 * {@link Response#errorBody()}, 204 and 205 without a body, every other 2xx body by {@link JsonBodyConverterFactory}.
 * Query parameters that are null are left out. Thread-safe.
 */
final class HttpJobsService implements JobsService {
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private final okhttp3.Call.Factory http;
  private final HttpUrl base;
  private final Moshi moshi;
  private final Reader<Wire.RunNowResponse> runNowResponse = new Reader<>(Wire.RunNowResponse.class);
  private final Reader<Wire.Job> job = new Reader<>(Wire.Job.class);
  private final Reader<Wire.Run> run = new Reader<>(Wire.Run.class);
  private final Reader<Wire.RunList> runList = new Reader<>(Wire.RunList.class);
  private final Reader<Wire.RunOutput> runOutput = new Reader<>(Wire.RunOutput.class);
  private final Reader<Wire.Empty> empty = new Reader<>(Wire.Empty.class);
  private final Writer<Wire.RunNowBody> runNowBody = new Writer<>(Wire.RunNowBody.class);
  private final Writer<Wire.SubmitRunBody> submitRunBody = new Writer<>(Wire.SubmitRunBody.class);
  private final Writer<Wire.RunIdBody> runIdBody = new Writer<>(Wire.RunIdBody.class);
  private final Writer<Wire.CancelAllBody> cancelAllBody = new Writer<>(Wire.CancelAllBody.class);

  /**
   * @param base {@code {host}/api/2.x/}
   */
  HttpJobsService(okhttp3.Call.Factory http, HttpUrl base, Moshi moshi) {
    this.http = http;
    this.base = base;
    this.moshi = moshi;
  }

  @Override
  public Call<Wire.RunNowResponse> runNow(Wire.RunNowBody body) {
    return post("jobs/run-now", runNowBody.json(body), runNowResponse);
  }

  @Override
  public Call<Wire.RunNowResponse> submitRun(Wire.SubmitRunBody body) {
    return post("jobs/runs/submit", submitRunBody.json(body), runNowResponse);
  }

  @Override
  public Call<Wire.Job> getJob(long jobId) {
    return get("jobs/get", url("jobs/get").addQueryParameter("job_id", Long.toString(jobId)), job);
  }

  @Override
  public Call<Wire.Run> getRun(long runId) {
    return get("jobs/runs/get", url("jobs/runs/get").addQueryParameter("run_id", Long.toString(runId)), run);
  }

  @Override
  public Call<Wire.Job> getJobPage(long jobId, @Nullable String pageToken) {
    return get("jobs/get", query(url("jobs/get").addQueryParameter("job_id", Long.toString(jobId)), "page_token",
        pageToken), job);
  }

  @Override
  public Call<Wire.Run> getRunPage(long runId, @Nullable String pageToken) {
    return get("jobs/runs/get", query(url("jobs/runs/get").addQueryParameter("run_id", Long.toString(runId)),
        "page_token", pageToken), run);
  }

  @Override
  public Call<Wire.RunList> listRuns(long jobId, boolean activeOnly, int limit, @Nullable String pageToken) {
    return get("jobs/runs/list", query(url("jobs/runs/list").addQueryParameter("job_id", Long.toString(jobId))
        .addQueryParameter("active_only", Boolean.toString(activeOnly))
        .addQueryParameter("limit", Integer.toString(limit)), "page_token", pageToken), runList);
  }

  @Override
  public Call<Wire.RunList> listRuns(long jobId, boolean activeOnly, boolean expandTasks, int limit,
      @Nullable String pageToken) {
    return get("jobs/runs/list", query(url("jobs/runs/list").addQueryParameter("job_id", Long.toString(jobId))
        .addQueryParameter("active_only", Boolean.toString(activeOnly))
        .addQueryParameter("expand_tasks", Boolean.toString(expandTasks))
        .addQueryParameter("limit", Integer.toString(limit)), "page_token", pageToken), runList);
  }

  @Override
  public Call<Wire.RunOutput> getRunOutput(long runId) {
    return get("jobs/runs/get-output",
        url("jobs/runs/get-output").addQueryParameter("run_id", Long.toString(runId)), runOutput);
  }

  @Override
  public Call<Wire.Empty> cancelRun(Wire.RunIdBody body) {
    return post("jobs/runs/cancel", runIdBody.json(body), empty);
  }

  @Override
  public Call<Wire.Empty> cancelAllRuns(Wire.CancelAllBody body) {
    return post("jobs/runs/cancel-all", cancelAllBody.json(body), empty);
  }

  private HttpUrl.Builder url(String path) {
    return base.newBuilder().addPathSegments(path);
  }

  private static HttpUrl.Builder query(HttpUrl.Builder url, String name, @Nullable String value) {
    return value == null ? url : url.addQueryParameter(name, value);
  }

  private <T> Call<T> get(String path, HttpUrl.Builder url, Reader<T> reader) {
    return new JsonCall<>(http, new Request.Builder().url(url.build()).get()
        .tag(Endpoints.Tag.class, new Endpoints.Tag("GET " + path)).build(), reader);
  }

  private <T> Call<T> post(String path, RequestBody body, Reader<T> reader) {
    return new JsonCall<>(http, new Request.Builder().url(url(path).build()).post(body)
        .tag(Endpoints.Tag.class, new Endpoints.Tag("POST " + path)).build(), reader);
  }

  /** The adapter of one request body type, looked up in Moshi on first use. */
  private final class Writer<B> {
    private final Class<B> type;
    private volatile @Nullable JsonAdapter<B> adapter;

    Writer(Class<B> type) {
      this.type = type;
    }

    RequestBody json(B value) {
      JsonAdapter<B> a = adapter;
      if (a == null) {
        a = moshi.adapter(type);
        adapter = a;
      }
      Buffer buffer = new Buffer();
      try {
        a.toJson(JsonWriter.of(buffer), value);
      } catch (IOException e) { // a Buffer does not fail
        throw new IllegalStateException(e);
      }
      return RequestBody.create(buffer.readByteString(), JSON);
    }
  }

  /** The adapter of one answer type, looked up in Moshi on first use. */
  private final class Reader<T> {
    private final Class<T> type;
    private volatile @Nullable JsonAdapter<T> adapter;

    Reader(Class<T> type) {
      this.type = type;
    }

    T read(ResponseBody body, int status) throws IOException {
      JsonAdapter<T> a = adapter;
      if (a == null) {
        a = moshi.adapter(type);
        adapter = a;
      }
      return JsonBodyConverterFactory.read(body, a, type == Wire.Empty.class, status);
    }
  }

  /** One sending of a request, as Retrofit's {@code OkHttpCall}: executed at most once, cancellable, clonable. */
  private static final class JsonCall<T> implements Call<T> {
    private final okhttp3.Call.Factory http;
    private final Request request;
    private final HttpJobsService.Reader<T> reader;
    private okhttp3.@Nullable Call raw; // guarded by this
    private boolean executed; // guarded by this
    private volatile boolean canceled;

    JsonCall(okhttp3.Call.Factory http, Request request, HttpJobsService.Reader<T> reader) {
      this.http = http;
      this.request = request;
      this.reader = reader;
    }

    private synchronized okhttp3.Call raw() {
      if (raw == null) {
        raw = http.newCall(request);
      }
      return raw;
    }

    private synchronized okhttp3.Call start() {
      if (executed) {
        throw new IllegalStateException("Already executed.");
      }
      executed = true;
      return raw();
    }

    @Override
    public Response<T> execute() throws IOException {
      okhttp3.Call call = start();
      if (canceled) {
        call.cancel();
      }
      return parse(call.execute());
    }

    @Override
    public void enqueue(Callback<T> callback) {
      okhttp3.Call call = start();
      if (canceled) {
        call.cancel();
      }
      call.enqueue(new okhttp3.Callback() {
        @Override
        public void onResponse(okhttp3.Call c, okhttp3.Response answer) {
          Response<T> response;
          try {
            response = parse(answer);
          } catch (Throwable e) {
            onFailure(c, e);
            return;
          }
          callback.onResponse(JsonCall.this, response);
        }

        @Override
        public void onFailure(okhttp3.Call c, IOException e) {
          onFailure(c, (Throwable) e);
        }

        private void onFailure(okhttp3.Call c, Throwable e) {
          callback.onFailure(JsonCall.this, e);
        }
      });
    }

    private Response<T> parse(okhttp3.Response answer) throws IOException {
      ResponseBody body = answer.body();
      int code = answer.code();
      if (code < 200 || code >= 300) {
        if (body == null) {
          return Response.error(ResponseBody.create(new byte[0], null), answer);
        }
        try (body) {
          Buffer buffered = new Buffer();
          body.source().readAll(buffered);
          return Response.error(ResponseBody.create(buffered, body.contentType(), body.contentLength()), answer);
        }
      }
      if (code == 204 || code == 205 || body == null) {
        if (body != null) {
          body.close();
        }
        return Response.success(null, answer);
      }
      return Response.success(reader.read(body, code), answer);
    }

    @Override
    public synchronized boolean isExecuted() {
      return executed;
    }

    @Override
    public void cancel() {
      canceled = true;
      okhttp3.Call call;
      synchronized (this) {
        call = raw;
      }
      if (call != null) {
        call.cancel();
      }
    }

    @Override
    public boolean isCanceled() {
      if (canceled) {
        return true;
      }
      synchronized (this) {
        return raw != null && raw.isCanceled();
      }
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public Call<T> clone() {
      return new JsonCall<>(http, request, reader);
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Timeout timeout() {
      return raw().timeout();
    }
  }
}
