package io.github.dbexec.benchmarks;

import io.github.dbexec.testkit.FakeJobsServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import okhttp3.mockwebserver.MockWebServer;

/**
 * Works around a stall in the fake server: MockWebServer 4.12 flushes a response's headers and its body as two
 * TCP segments without {@code TCP_NODELAY}, so Nagle's algorithm holds the body back until the client acknowledges
 * the headers, which a Linux client delays by up to 40 ms. Every request then takes ~40 ms whatever the client,
 * which would hide every difference between clients. This factory makes the server's accepted sockets
 * {@code TCP_NODELAY}. It is applied by reflection until {@code FakeJobsServer} does it itself (see
 * {@code docs/BENCHMARKS.md}).
 */
final class NoDelaySockets extends ServerSocketFactory {
  private NoDelaySockets() {}

  /**
   * Makes a built, not yet started {@code server} accept connections with {@code TCP_NODELAY}.
   *
   * @throws IllegalStateException when FakeJobsServer no longer has the MockWebServer field this relies on
   */
  static FakeJobsServer apply(FakeJobsServer server) {
    try {
      Field field = FakeJobsServer.class.getDeclaredField("server");
      field.setAccessible(true);
      ((MockWebServer) field.get(server)).setServerSocketFactory(new NoDelaySockets());
      return server;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot set TCP_NODELAY on the fake server's sockets", e);
    }
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new NoDelayServerSocket();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket socket = new NoDelayServerSocket();
    socket.bind(new java.net.InetSocketAddress(port));
    return socket;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    ServerSocket socket = new NoDelayServerSocket();
    socket.bind(new java.net.InetSocketAddress(port), backlog);
    return socket;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
    ServerSocket socket = new NoDelayServerSocket();
    socket.bind(new java.net.InetSocketAddress(address, port), backlog);
    return socket;
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
