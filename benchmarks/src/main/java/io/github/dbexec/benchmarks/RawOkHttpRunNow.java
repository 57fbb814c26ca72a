package io.github.dbexec.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The floor: a default {@link OkHttpClient} posting the same JSON body dbexec sends ({@code job_id} and
 * {@code idempotency_token}) and scanning the answer for {@code run_id}. No retries, no JSON library, no error
 * model: what no client can beat.
 */
public final class RawOkHttpRunNow implements RunNowClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http = BenchHttp.client();
  private final String url;
  private final String authorization;
  private final long jobId;

  public RawOkHttpRunNow(String host, String token, long jobId) {
    this.url = host + "/api/2.2/jobs/run-now";
    this.authorization = "Bearer " + token;
    this.jobId = jobId;
  }

  @Override
  public long runNow(String key) {
    String body = "{\"job_id\":" + jobId + ",\"idempotency_token\":\"" + key + "\"}";
    Request request = new Request.Builder().url(url).header("Authorization", authorization)
        .post(RequestBody.create(body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      if (!response.isSuccessful()) {
        throw new IllegalStateException("run-now answered " + response.code() + ": " + text);
      }
      return runId(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number after {@code "run_id":} in a JSON object. */
  static long runId(String json) {
    int at = json.indexOf("\"run_id\"");
    if (at < 0) {
      throw new IllegalStateException("no run_id in " + json);
    }
    int i = json.indexOf(':', at) + 1;
    while (json.charAt(i) == ' ') {
      i++;
    }
    long value = 0;
    while (i < json.length() && Character.isDigit(json.charAt(i))) {
      value = value * 10 + (json.charAt(i++) - '0');
    }
    return value;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
