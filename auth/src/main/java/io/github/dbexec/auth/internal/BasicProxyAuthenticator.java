package io.github.dbexec.auth.internal;

import java.nio.charset.StandardCharsets;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a proxy's {@code 407 Proxy Authentication Required} Basic challenge once; gives up when the proxy
 * rejects the credentials it sent (so that a wrong password fails instead of looping).
 */
public final class BasicProxyAuthenticator implements Authenticator {

  private static final Logger LOG = LoggerFactory.getLogger(BasicProxyAuthenticator.class);

  private final String username;
  private final String password;
  private final String credentials;

  public BasicProxyAuthenticator(String username, String password) {
    this.username = username;
    this.password = password;
    this.credentials = Credentials.basic(username, password, StandardCharsets.UTF_8);
  }

  /** The proxy user name. */
  public String username() {
    return username;
  }

  /** The proxy password; a secret, for handing to a child process's proxy settings only. */
  public String password() {
    return password;
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response) {
    if (response.code() != 407) {
      return null;
    }
    boolean basicOffered = false;
    for (Challenge challenge : response.challenges()) {
      if ("Basic".equalsIgnoreCase(challenge.scheme())) {
        basicOffered = true;
        break;
      }
    }
    if (!basicOffered) {
      // also the case for OkHttp's preemptive pseudo-challenge before CONNECT: wait for a real 407
      LOG.trace("Proxy challenge without Basic scheme ({}); not answering", response.header("Proxy-Authenticate"));
      return null;
    }
    if (response.request().header("Proxy-Authorization") != null) {
      LOG.warn("Proxy rejected the credentials of user '{}' (HTTP 407 again); check the proxy user name and password",
          username);
      return null;
    }
    LOG.debug("Answering the proxy's HTTP 407 with Basic credentials of user '{}'", username);
    return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
  }

  @Override
  public String toString() {
    return "BasicProxyAuthenticator{username=" + username + ", password=<redacted>}";
  }
}
