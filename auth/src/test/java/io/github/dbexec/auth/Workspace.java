package io.github.dbexec.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import mockwebserver3.RecordedRequest;

/** Sends workspace API requests with a strategy's headers, as an executor does, to a {@link FakeTokenServer}. */
final class Workspace {

  /** Waits the sleeper was asked for; nothing actually waits. */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final TestClock clock = new TestClock();
  private final FakeTokenServer server;
  private final OkHttpClient client;
  final HeaderFactory headers;

  Workspace(FakeTokenServer server, CredentialsStrategy credentials) {
    this(server, credentials, server.url("/").toString(), new OkHttpClient());
  }

  Workspace(FakeTokenServer server, CredentialsStrategy credentials, String host, OkHttpClient base) {
    this.server = server;
    server.clock = clock;
    this.headers = credentials.configure(AuthContext.builder().host(host).httpClient(base).clock(clock)
        .sleeper(sleeps::add).build());
    this.client = base.newBuilder().addInterceptor(CredentialsInterceptor.of(headers)).build();
  }

  /** Sends {@code GET /api/2.1/jobs/list} and returns the Authorization header the server received. */
  String authorizationSent() throws IOException {
    return sent().getHeaders().get("Authorization");
  }

  /** Sends {@code GET /api/2.1/jobs/list} and returns the request the server received. */
  RecordedRequest sent() throws IOException {
    int before = server.apiJournal.size();
    try (Response response = client.newCall(new Request.Builder().url(server.url("/api/2.1/jobs/list")).build())
        .execute()) {
      if (response.code() != 200) {
        throw new AssertionError("workspace answered " + response.code());
      }
    }
    return server.apiJournal.get(before);
  }
}
