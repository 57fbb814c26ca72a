package io.github.dbexec.auth.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.X509TrustManager;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy and trust settings of an HTTP client, as environment variables for a command-line tool ({@code az},
 * {@code databricks}): {@code HTTPS_PROXY}/{@code HTTP_PROXY} (with the proxy's user and password, percent-encoded)
 * and {@code NO_PROXY}, and, when the client trusts other authorities than the JVM's, a PEM bundle of them in
 * {@code REQUESTS_CA_BUNDLE} (Python tools such as {@code az}) and {@code SSL_CERT_FILE} (Go tools such as the
 * Databricks CLI).
 */
public final class ChildEnvironment {

  private static final Logger LOG = LoggerFactory.getLogger(ChildEnvironment.class);

  private ChildEnvironment() {}

  /**
   * The variables to add so that a tool reaches the workspace and its identity providers as {@code client}
   * would: the same proxy with the same non-proxy hosts, the same trusted authorities; empty when the client uses
   * defaults.
   */
  public static Map<String, String> of(OkHttpClient client) {
    Map<String, String> env = new LinkedHashMap<>();
    Proxy proxy = client.proxy();
    if (proxy == null && client.proxySelector() instanceof BypassingProxySelector) {
      proxy = ((BypassingProxySelector) client.proxySelector()).proxy();
    }
    if (proxy != null && proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress) {
      InetSocketAddress address = (InetSocketAddress) proxy.address();
      StringBuilder url = new StringBuilder("http://");
      Authenticator authenticator = client.proxyAuthenticator();
      if (authenticator instanceof BasicProxyAuthenticator) {
        BasicProxyAuthenticator basic = (BasicProxyAuthenticator) authenticator;
        url.append(encode(basic.username())).append(':').append(encode(basic.password())).append('@');
      }
      url.append(address.getHostString()).append(':').append(address.getPort());
      env.put("HTTPS_PROXY", url.toString());
      env.put("HTTP_PROXY", url.toString());
      if (client.proxySelector() instanceof BypassingProxySelector) {
        env.put("NO_PROXY", String.join(",", ((BypassingProxySelector) client.proxySelector()).bypass().patterns()));
      }
    }
    X509TrustManager trust = client.x509TrustManager();
    if (trust != null) {
      List<X509Certificate> anchors = List.of(trust.getAcceptedIssuers());
      Set<X509Certificate> defaults = new HashSet<>(TlsMaterial.defaultTrustAnchors());
      if (!anchors.isEmpty() && !defaults.equals(new HashSet<>(anchors))) {
        Path bundle = caBundle(anchors);
        if (bundle != null) {
          env.put("REQUESTS_CA_BUNDLE", bundle.toString());
          env.put("SSL_CERT_FILE", bundle.toString());
        }
      }
    }
    return env;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Writes the authorities to a temporary PEM file readable by this user only, deleted when the JVM exits. */
  private static @Nullable Path caBundle(List<X509Certificate> anchors) {
    try {
      Path file = Files.createTempFile("dbexec-ca-bundle-", ".pem");
      file.toFile().deleteOnExit();
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the certificates are public anyway
      }
      StringBuilder pem = new StringBuilder();
      Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
      for (X509Certificate certificate : anchors) {
        pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException | CertificateEncodingException e) {
      LOG.warn("Could not write the trusted certificate authorities for a command-line tool ({}); it uses its own",
          e.toString());
      return null;
    }
  }
}
