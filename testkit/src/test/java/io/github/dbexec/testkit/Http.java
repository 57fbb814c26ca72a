package io.github.dbexec.testkit;

import io.github.dbexec.testkit.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** A plain OkHttp client for tests: JSON on the wire, no dbexec client code involved. */
final class Http {
  static final MediaType JSON = MediaType.get("application/json");
  private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .readTimeout(10, TimeUnit.SECONDS)
      .build();

  private final String baseUrl;
  private final @Nullable String authorization;

  private Http(String baseUrl, @Nullable String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  static Http to(FakeJobsServer server) {
    return new Http(server.url(), "Bearer dapi-test");
  }

  Http withAuthorization(@Nullable String authorization) {
    return new Http(baseUrl, authorization);
  }

  /** The response: status, headers and body, with the body parsed as JSON when it is. */
  record Reply(int status, String body, okhttp3.Headers headers, String message) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.parse(body);
    }

    long longField(String name) {
      return ((Number) json().get(name)).longValue();
    }
  }

  Reply get(String pathAndQuery) throws IOException {
    return call(new Request.Builder().url(baseUrl + pathAndQuery).get());
  }

  Reply post(String path, String json) throws IOException {
    return call(new Request.Builder().url(baseUrl + path).post(RequestBody.create(json, JSON)));
  }

  Reply post(String path, Map<String, ?> json) throws IOException {
    return post(path, Json.write(json));
  }

  /** POST that must succeed with 200; returns the JSON body. */
  Map<String, Object> ok(String path, Map<String, ?> json) {
    try {
      Reply reply = post(path, json);
      if (reply.status() != 200) {
        throw new AssertionError("expected 200 from " + path + " but got " + reply.status() + " " + reply.body());
      }
      return reply.json();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GET that must succeed with 200; returns the JSON body. */
  Map<String, Object> ok(String pathAndQuery) {
    try {
      Reply reply = get(pathAndQuery);
      if (reply.status() != 200) {
        throw new AssertionError("expected 200 from " + pathAndQuery + " but got " + reply.status() + " "
            + reply.body());
      }
      return reply.json();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static java.util.List<Object> list(Object value) {
    return (java.util.List<Object>) value;
  }

  private Reply call(Request.Builder request) throws IOException {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (Response response = CLIENT.newCall(request.build()).execute()) {
      return new Reply(response.code(), response.body() == null ? "" : response.body().string(),
          response.headers(), response.message());
    }
  }
}
