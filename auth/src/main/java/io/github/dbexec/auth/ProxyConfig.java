package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.BasicProxyAuthenticator;
import io.github.dbexec.auth.internal.BypassingProxySelector;
import io.github.dbexec.auth.internal.HostPatterns;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP proxy for reaching the workspace and its token endpoints, with optional Basic proxy
 * authentication and hosts that bypass it.
 *
 * <p>HTTPS targets are reached through the proxy with {@code CONNECT} tunnels, so TLS runs end to end
 * between this client and the workspace. When a proxy answers {@code 407 Proxy Authentication Required}
 * with a Basic challenge, the configured user name and password are sent once; a second 407 fails the call.
 * The same proxy applies to OAuth and Microsoft Entra ID token endpoints, because strategies use the
 * client the executor configured with {@link #applyTo(OkHttpClient.Builder)}.
 *
 * <p>Immutable and thread-safe; {@code toString()} redacts the password. Two configurations are equal when
 * every component is.
 *
 * <pre>{@code
 * ProxyConfig proxy = ProxyConfig.builder()
 *     .host("proxy.corp.example").port(3128)
 *     .username("svc-etl").password(System.getenv("PROXY_PASSWORD"))
 *     .nonProxyHosts(List.of("localhost", "*.corp.example"))
 *     .build();
 * }</pre>
 *
 * @param host the proxy's host name or IP address, without scheme
 * @param port the proxy's port, 1-65535
 * @param username the user name for Basic proxy authentication, or null to answer no 407
 * @param password the password for Basic proxy authentication (empty when a user name is set without one),
 *     null exactly when {@code username} is; never shown
 * @param nonProxyHosts hosts reached directly, not through the proxy, as given (see
 *     {@link Builder#nonProxyHosts})
 */
public record ProxyConfig(String host, int port, @Nullable String username, @Nullable String password,
    List<String> nonProxyHosts) {

  /**
   * Checks every setting; {@link #builder()} is the usual way to create a configuration.
   *
   * @param host the proxy's host name or IP address, without scheme
   * @param port the proxy's port, 1-65535
   * @param username the user name for Basic proxy authentication, or null to answer no 407
   * @param password the password for Basic proxy authentication (empty when a user name is set without one),
   *     null exactly when {@code username} is; never shown
   * @param nonProxyHosts hosts reached directly, not through the proxy, as given (see
   *     {@link Builder#nonProxyHosts})
   * @throws NullPointerException naming the parameter if {@code host} or {@code nonProxyHosts} (or one of its
   *     elements) is null
   * @throws IllegalArgumentException naming the setting: blank {@code host}, {@code host} with credentials, a
   *     scheme or a path, {@code port} outside 1-65535, {@code password} without {@code username}
   */
  public ProxyConfig {
    host = Objects.requireNonNull(host, "host").strip();
    Objects.requireNonNull(nonProxyHosts, "nonProxyHosts");
    for (String h : nonProxyHosts) {
      Objects.requireNonNull(h, "nonProxyHosts element");
    }
    nonProxyHosts = List.copyOf(nonProxyHosts);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must be set to the proxy's host name");
    }
    if (host.contains("@")) {
      throw new IllegalArgumentException(
          "host must not hold credentials (value not shown); set username and password instead");
    }
    if (host.contains("/") || host.contains(" ")) {
      throw new IllegalArgumentException(
          "host must be a bare host name such as proxy.corp.example, was '" + host + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, was " + port);
    }
    if (password != null && username == null) {
      throw new IllegalArgumentException("password requires username");
    }
    if (username != null && password == null) {
      password = "";
    }
  }

  /**
   * Returns a new builder; {@code host} and {@code port} are required.
   *
   * @return a builder with no proxy set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration's values.
   *
   * @return a new builder; changing it leaves this configuration unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder().host(host).port(port).nonProxyHosts(nonProxyHosts);
    if (username != null) {
      b.username(username);
      b.password(Objects.requireNonNull(password));
    }
    return b;
  }

  /**
   * Reads the JVM's standard proxy properties: {@code https.proxyHost}, {@code https.proxyPort} (default
   * 443, as the JVM does) and {@code http.nonProxyHosts} ({@code |}-separated, which the JVM applies to HTTPS
   * too); plus, as many tools do, {@code https.proxyUser} and {@code https.proxyPassword}.
   *
   * @param properties usually {@code System.getProperties()}
   * @return the proxy, or null when {@code https.proxyHost} is not set
   * @throws IllegalArgumentException naming the property when a value is invalid (a secret is never shown)
   */
  public static @Nullable ProxyConfig fromSystemProperties(Properties properties) {
    Objects.requireNonNull(properties, "properties");
    String host = properties.getProperty("https.proxyHost");
    if (host == null || host.isBlank()) {
      return null;
    }
    Builder b = builder().host(host.trim());
    String port = properties.getProperty("https.proxyPort");
    b.port(port == null || port.isBlank() ? 443 : parsePort(port.trim(), "https.proxyPort"));
    String nonProxyHosts = properties.getProperty("http.nonProxyHosts");
    if (nonProxyHosts != null) {
      b.nonProxyHosts(HostPatterns.split(nonProxyHosts, "\\|"));
    }
    String user = properties.getProperty("https.proxyUser");
    if (user != null && !user.isEmpty()) {
      b.username(user);
      String password = properties.getProperty("https.proxyPassword");
      b.password(password == null ? "" : password);
    }
    return b.build();
  }

  /**
   * Reads the conventional proxy environment variables: {@code HTTPS_PROXY} (or {@code https_proxy}) as
   * {@code http://[user:password@]host[:port]} (a value without scheme is taken as {@code http://}; the
   * default port is 80; user and password are percent-decoded), and {@code NO_PROXY} (or {@code no_proxy})
   * as a comma-separated list of hosts and domains ({@code .corp.example}, {@code localhost}, {@code *}).
   *
   * @param environment usually {@code System.getenv()}
   * @return the proxy, or null when neither {@code HTTPS_PROXY} nor {@code https_proxy} is set
   * @throws IllegalArgumentException naming the variable when its value is not an {@code http://} proxy URL
   *     (the value is not shown: it may hold a password)
   */
  public static @Nullable ProxyConfig fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String variable = "HTTPS_PROXY";
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      variable = "https_proxy";
      value = environment.get(variable);
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    String scheme = text.contains("://") ? text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT) : "http";
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(variable + " must be an http:// proxy URL; scheme '" + scheme
          + "' is not supported (value not shown)");
    }
    HttpUrl url = HttpUrl.parse(text.contains("://") ? text : "http://" + text);
    if (url == null) {
      throw new IllegalArgumentException(variable + " is not a proxy URL such as http://proxy.corp.example:3128"
          + " (value not shown)");
    }
    Builder b = builder().host(url.host()).port(url.port());
    if (!url.username().isEmpty()) {
      b.username(url.username()).password(url.password());
    }
    String noProxy = environment.get("NO_PROXY");
    if (noProxy == null) {
      noProxy = environment.get("no_proxy");
    }
    if (noProxy != null) {
      b.nonProxyHosts(HostPatterns.split(noProxy, ","));
    }
    return b.build();
  }

  /**
   * Configures {@code builder} to use this proxy: sets its proxy selector (the proxy, or a direct
   * connection for non-proxy hosts), clears any fixed {@link OkHttpClient.Builder#proxy proxy}, and, when a
   * user name is set, its proxy authenticator.
   *
   * @param builder the OkHttp client builder to configure, not null; changed in place
   */
  public void applyTo(OkHttpClient.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    builder.proxy(null);
    builder.proxySelector(new BypassingProxySelector(proxy, HostPatterns.of(nonProxyHosts)));
    if (username != null) {
      builder.proxyAuthenticator(new BasicProxyAuthenticator(username, Objects.requireNonNull(password)));
    }
  }

  @Override
  public String toString() {
    return "ProxyConfig{host=" + host + ", port=" + port
        + (username == null ? "" : ", username=" + username + ", password=" + Secrets.REDACTED)
        + ", nonProxyHosts=" + nonProxyHosts + "}";
  }

  private static int parsePort(String text, String field) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a port number 1-65535, was '" + text + "'");
    }
  }

  /** Mutable, not thread-safe builder of {@link ProxyConfig}. */
  public static final class Builder {
    private String host = "";
    private int port;
    private @Nullable String username;
    private @Nullable String password;
    private final List<String> nonProxyHosts = new ArrayList<>();

    private Builder() {}

    /**
     * The proxy's host name or IP address, without scheme. Required.
     *
     * @param host the proxy's host name or IP address, without scheme
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host").trim();
      return this;
    }

    /**
     * The proxy's port, 1-65535. Required.
     *
     * @param port the proxy's port, 1-65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The user name for Basic proxy authentication; none by default (no 407 is answered).
     *
     * @param username the user name for Basic proxy authentication, not null; unset, a 407 is not answered
     * @return this builder
     */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * The password for Basic proxy authentication; requires {@link #username}. Empty by default.
     *
     * @param password the password for Basic proxy authentication, not null; never shown
     * @return this builder
     */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Hosts reached directly, replacing any set before. Each entry: an exact host ({@code localhost},
     * {@code 10.0.0.5}), a domain with its subdomains ({@code corp.example}, {@code .corp.example},
     * {@code *.corp.example}), a prefix ({@code 10.*}), an IPv4 range ({@code 10.0.0.0/8}), or {@code *}
     * for every host; case-insensitive, a {@code :port} suffix is ignored. Empty by default.
     *
     * @param nonProxyHosts hosts reached directly, not through the proxy, as given (see
     *     {@link Builder#nonProxyHosts})
     * @return this builder
     */
    public Builder nonProxyHosts(List<String> nonProxyHosts) {
      Objects.requireNonNull(nonProxyHosts, "nonProxyHosts");
      List<String> copy = new ArrayList<>();
      for (String host : nonProxyHosts) {
        copy.add(Objects.requireNonNull(host, "nonProxyHosts element"));
      }
      this.nonProxyHosts.clear();
      this.nonProxyHosts.addAll(copy);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the new {@link ProxyConfig}
     * @throws IllegalArgumentException naming the setting: blank {@code host}, {@code host} with credentials, a
     *     scheme or a path, {@code port} outside 1-65535, {@code password} without {@code username}
     */
    public ProxyConfig build() {
      return new ProxyConfig(host, port, username, password, nonProxyHosts);
    }
  }
}
