package io.github.dbexec.auth.internal;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends every request through one proxy, except to hosts matching the bypass patterns. */
public final class BypassingProxySelector extends ProxySelector {

  private static final Logger LOG = LoggerFactory.getLogger(BypassingProxySelector.class);

  private final Proxy proxy;
  private final HostPatterns bypass;

  public BypassingProxySelector(Proxy proxy, HostPatterns bypass) {
    this.proxy = proxy;
    this.bypass = bypass;
  }

  /** The proxy used for every other host. */
  public Proxy proxy() {
    return proxy;
  }

  /** The hosts reached directly. */
  public HostPatterns bypass() {
    return bypass;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost();
    if (host != null && bypass.matches(host)) {
      LOG.trace("Connecting to {} directly (matches a non-proxy host pattern)", host);
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(proxy);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    LOG.debug("Connection to {} through proxy {} failed: {}", uri.getHost(), address, failure.toString());
  }

  @Override
  public String toString() {
    return "BypassingProxySelector{proxy=" + proxy + ", bypass=" + bypass.patterns() + "}";
  }
}
