package io.github.dbexec.auth;

import io.github.dbexec.auth.internal.ClientCertificateProbe;
import io.github.dbexec.auth.internal.Pem;
import io.github.dbexec.auth.internal.TlsDiagnosingInterceptor;
import io.github.dbexec.auth.internal.TlsMaterial;
import io.github.dbexec.auth.internal.TrustAllTrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS settings for reaching the workspace and its token endpoints: which certificate authorities to trust,
 * the client certificate for mutual TLS, and pinned protocols and cipher suites.
 *
 * <p>By default (an empty builder) the JVM's trusted authorities, protocols and cipher suites are used.
 * Custom authorities from a trust store (JKS, PKCS12) or a PEM bundle are <em>added</em> to the JVM's
 * defaults unless {@link Builder#replaceDefaultTrust(boolean) replaceDefaultTrust(true)}. Host-name
 * verification is always on. Files are read and checked by {@link Builder#build()}, so a wrong path or
 * password fails there, with a message naming the field and never the password.
 *
 * <p>Immutable and thread-safe; {@code toString()} redacts passwords and private keys.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder()
 *     .trustPem(Path.of("/etc/pki/corp-root-ca.pem"))
 *     .keyStore(Path.of("/etc/dbexec/client.p12"), "PKCS12", System.getenv("KEYSTORE_PASSWORD"))
 *     .protocols("TLSv1.3", "TLSv1.2")
 *     .build();
 * }</pre>
 */
public final class TlsConfig {

  private static final Logger LOG = LoggerFactory.getLogger(TlsConfig.class);

  private final List<String> trustSources;
  private final List<String> keySources;
  private final boolean replaceDefaultTrust;
  private final boolean trustAll;
  private final List<String> protocols;
  private final List<String> cipherSuites;
  private final @Nullable X509TrustManager trustManager;
  private final @Nullable X509KeyManager keyManager;
  private final Builder source;
  private final List<Object> identity;

  private TlsConfig(Builder b, @Nullable X509TrustManager trustManager, @Nullable X509KeyManager keyManager) {
    this.trustSources = List.copyOf(b.trustSources);
    this.keySources = List.copyOf(b.keySources);
    this.replaceDefaultTrust = b.replaceDefaultTrust;
    this.trustAll = b.trustAll;
    this.protocols = List.copyOf(b.protocols);
    this.cipherSuites = List.copyOf(b.cipherSuites);
    this.trustManager = trustManager;
    this.keyManager = keyManager;
    this.source = b.copy();
    this.identity = b.identity();
  }

  /**
   * Returns a new builder; every setting is optional.
   *
   * @return a builder with every default (the JVM's trust and protocols)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration's settings.
   *
   * @return a new builder; changing it leaves this configuration unchanged
   */
  public Builder toBuilder() {
    return source.copy();
  }

  /**
   * The pinned TLS protocols ({@code TLSv1.3}, {@code TLSv1.2}); empty means the JVM's defaults.
   *
   * @return the protocols, in order of preference; an unmodifiable list, possibly empty
   */
  public List<String> protocols() {
    return protocols;
  }

  /**
   * The pinned cipher suites (Java names such as {@code TLS_AES_128_GCM_SHA256}); empty means defaults.
   *
   * @return the cipher suites, in order of preference; an unmodifiable list, possibly empty
   */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /**
   * Whether the custom authorities replace, rather than add to, the JVM's trusted authorities.
   *
   * @return {@code true} if only the configured authorities are trusted
   */
  public boolean replaceDefaultTrust() {
    return replaceDefaultTrust;
  }

  /**
   * Whether a client certificate is configured (mutual TLS).
   *
   * @return {@code true} if a client certificate and key are configured
   */
  public boolean hasClientCertificate() {
    return keyManager != null;
  }

  /**
   * Whether certificate verification is off ({@link Builder#trustAllCertificatesForDevelopment()}).
   *
   * @return {@code true} if any server certificate is accepted (development only)
   */
  public boolean trustsAllCertificates() {
    return trustAll;
  }

  /**
   * Configures {@code builder} with these settings: its SSL socket factory and trust manager (when trust or
   * client certificates are customised), its connection specs (when protocols or cipher suites are pinned;
   * cleartext stays allowed for {@code http://} URLs), and OkHttp's standard host-name verifier, replacing
   * any other. Also adds an application interceptor (once, however often this is called) that rethrows TLS
   * handshake failures as {@link javax.net.ssl.SSLHandshakeException}s saying what to configure (an untrusted
   * server CA, a missing or rejected client certificate). Logs a warning at WARN level each time when
   * certificate verification is off.
   *
   * @param builder the OkHttp client builder to configure, not null; changed in place
   */
  public void applyTo(OkHttpClient.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    if (trustAll) {
      LOG.warn("TLS CERTIFICATE VERIFICATION IS DISABLED (TlsConfig.trustAllCertificatesForDevelopment()):"
          + " any server can impersonate the workspace and receive its credentials. Never use this in"
          + " production; trust the server's CA with trustPem(..) or trustStore(..) instead.");
    }
    X509TrustManager tm = trustManager != null ? trustManager : TlsMaterial.defaultTrustManager();
    ClientCertificateProbe probe = new ClientCertificateProbe(keyManager);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {probe}, new TrustManager[] {tm}, null);
      builder.sslSocketFactory(context.getSocketFactory(), tm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not initialise TLS", e);
    }
    if (!protocols.isEmpty() || !cipherSuites.isEmpty()) {
      ConnectionSpec.Builder spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS);
      if (!protocols.isEmpty()) {
        spec.tlsVersions(protocols.toArray(new String[0]));
      }
      if (!cipherSuites.isEmpty()) {
        spec.cipherSuites(cipherSuites.toArray(new String[0]));
      }
      builder.connectionSpecs(List.of(spec.build(), ConnectionSpec.CLEARTEXT));
    }
    builder.hostnameVerifier(OkHostnameVerifier.INSTANCE);
    builder.interceptors().removeIf(i -> i instanceof TlsDiagnosingInterceptor);
    builder.addInterceptor(new TlsDiagnosingInterceptor(probe));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsConfig && ((TlsConfig) o).identity.equals(identity);
  }

  @Override
  public int hashCode() {
    return identity.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TlsConfig{");
    if (trustAll) {
      s.append("TRUST ALL CERTIFICATES (development only), ");
    }
    s.append("trust=").append(trustSources.isEmpty() ? "jvm-default" : (replaceDefaultTrust ? "" : "jvm-default+")
        + trustSources);
    s.append(", clientCertificate=").append(keySources.isEmpty() ? "none" : keySources);
    if (!protocols.isEmpty()) {
      s.append(", protocols=").append(protocols);
    }
    if (!cipherSuites.isEmpty()) {
      s.append(", cipherSuites=").append(cipherSuites);
    }
    return s.append('}').toString();
  }

  /** Mutable, not thread-safe builder of {@link TlsConfig}. */
  public static final class Builder {
    private final List<String> trustSources = new ArrayList<>();
    private final List<String> keySources = new ArrayList<>();
    private final List<TrustEntry> trustEntries = new ArrayList<>();
    private @Nullable KeyEntry keyEntry;
    private boolean replaceDefaultTrust;
    private boolean trustAll;
    private List<String> protocols = List.of();
    private List<String> cipherSuites = List.of();

    private Builder() {}

    /**
     * Trusts the certificates in a key store file (trusted-certificate entries and the certificates of key
     * entries). May be called several times; added to the JVM's defaults unless
     * {@link #replaceDefaultTrust(boolean)}.
     *
     * @param path the file
     * @param type {@code JKS} or {@code PKCS12} (any type the JVM supports)
     * @param password the store's password, for the integrity check
     * @return this builder
     */
    public Builder trustStore(Path path, String type, String password) {
      Objects.requireNonNull(password, "password");
      return addTrust(new TrustEntry(Objects.requireNonNull(path, "path"), Objects.requireNonNull(type, "type"),
          password.toCharArray(), null));
    }

    /**
     * Trusts the certificates in a key store file that has no password (PKCS12 without integrity check).
     *
     * @param path the key store file, not null
     * @param type the key store type, such as {@code PKCS12} or {@code JKS}
     * @return this builder
     */
    public Builder trustStore(Path path, String type) {
      return addTrust(new TrustEntry(Objects.requireNonNull(path, "path"), Objects.requireNonNull(type, "type"),
          null, null));
    }

    /**
     * Trusts the certificates in a PEM file (a CA bundle: one or more {@code BEGIN CERTIFICATE} blocks).
     *
     * @param pemFile the PEM file, not null
     * @return this builder
     */
    public Builder trustPem(Path pemFile) {
      return addTrust(new TrustEntry(Objects.requireNonNull(pemFile, "pemFile"), null, null, null));
    }

    /**
     * Trusts the certificates in PEM text (one or more {@code BEGIN CERTIFICATE} blocks).
     *
     * @param pemText the PEM text, not null
     * @return this builder
     */
    public Builder trustPem(String pemText) {
      return addTrust(new TrustEntry(null, null, null, Objects.requireNonNull(pemText, "pemText")));
    }

    /**
     * Whether the custom trust ({@link #trustStore}, {@link #trustPem}) replaces the JVM's trusted
     * authorities instead of adding to them. Default {@code false}.
     *
     * @param replaceDefaultTrust {@code true} to trust only the configured authorities; default {@code false}
     * @return this builder
     */
    public Builder replaceDefaultTrust(boolean replaceDefaultTrust) {
      this.replaceDefaultTrust = replaceDefaultTrust;
      return this;
    }

    /**
     * Presents the client certificate of a key store file's private-key entry for mutual TLS. The key's
     * password must be the store's password. Replaces any client certificate set before.
     *
     * @param path the file
     * @param type {@code JKS} or {@code PKCS12}
     * @param password the store's (and key's) password
     * @return this builder
     */
    public Builder keyStore(Path path, String type, String password) {
      this.keyEntry = new KeyEntry(Objects.requireNonNull(path, "path"), Objects.requireNonNull(type, "type"),
          Objects.requireNonNull(password, "password").toCharArray(), null, null);
      keySources.clear();
      keySources.add("keyStore " + path + " (" + type + ", password=" + Secrets.REDACTED + ")");
      return this;
    }

    /**
     * Presents a client certificate given as PEM text for mutual TLS. Replaces any set before.
     *
     * @param certificateChainPem the client certificate, optionally followed by its intermediates
     * @param privateKeyPem its unencrypted private key, PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519)
     *     or PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
     * @return this builder
     */
    public Builder clientCertificatePem(String certificateChainPem, String privateKeyPem) {
      this.keyEntry = new KeyEntry(null, null, null, Objects.requireNonNull(certificateChainPem,
          "certificateChainPem"), Objects.requireNonNull(privateKeyPem, "privateKeyPem"));
      keySources.clear();
      keySources.add("pem (privateKey=" + Secrets.REDACTED + ")");
      return this;
    }

    /**
     * Presents a client certificate read from PEM files for mutual TLS. Replaces any set before.
     *
     * @param certificateChainPemFile the PEM file holding the client certificate, then any intermediate certificates
     * @param privateKeyPemFile the PEM file holding the unencrypted private key, PKCS#8 or PKCS#1
     * @return this builder
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    public Builder clientCertificatePem(Path certificateChainPemFile, Path privateKeyPemFile) {
      clientCertificatePem(read(certificateChainPemFile, "certificateChainPemFile"),
          read(privateKeyPemFile, "privateKeyPemFile"));
      keySources.clear();
      keySources.add("pem " + certificateChainPemFile + " (privateKey=" + privateKeyPemFile + ")");
      return this;
    }

    /**
     * Pins the TLS protocols, such as {@code "TLSv1.3", "TLSv1.2"}. Default: the JVM's enabled protocols.
     *
     * @param protocols the protocol names, not empty
     * @return this builder
     */
    public Builder protocols(String... protocols) {
      return protocols(Arrays.asList(protocols));
    }

    /**
     * Pins the TLS protocols. Default: the JVM's enabled protocols.
     *
     * @param protocols the protocol names, not empty
     * @return this builder
     */
    public Builder protocols(List<String> protocols) {
      this.protocols = copyOf(protocols, "protocols");
      return this;
    }

    /**
     * Pins the cipher suites, by their Java names such as {@code "TLS_AES_128_GCM_SHA256"}. Default: OkHttp's
     * modern set among those the JVM supports.
     *
     * @param cipherSuites the cipher suite names, not empty
     * @return this builder
     */
    public Builder cipherSuites(String... cipherSuites) {
      return cipherSuites(Arrays.asList(cipherSuites));
    }

    /**
     * Pins the cipher suites. Default: OkHttp's modern set among those the JVM supports.
     *
     * @param cipherSuites the cipher suite names, not empty
     * @return this builder
     */
    public Builder cipherSuites(List<String> cipherSuites) {
      this.cipherSuites = copyOf(cipherSuites, "cipherSuites");
      return this;
    }

    /**
     * Turns certificate verification off: any server certificate chain is accepted (host names are still
     * verified). For development against self-signed servers only: a warning is logged at WARN level each
     * time the setting is applied. Cannot be combined with a custom trust store.
     *
     * @return this builder
     */
    public Builder trustAllCertificatesForDevelopment() {
      this.trustAll = true;
      return this;
    }

    /**
     * Reads the files and checks every setting.
     *
     * @return the new {@link TlsConfig}
     * @throws IllegalArgumentException naming the field: a file that cannot be read, a wrong password, no
     *     certificate or key found, a protocol or cipher suite this JVM does not support,
     *     {@code replaceDefaultTrust} without custom trust, or trust-all combined with custom trust
     */
    public TlsConfig build() {
      if (trustAll && !trustEntries.isEmpty()) {
        throw new IllegalArgumentException(
            "trustAllCertificatesForDevelopment cannot be combined with trustStore or trustPem");
      }
      if (replaceDefaultTrust && trustEntries.isEmpty()) {
        throw new IllegalArgumentException("replaceDefaultTrust requires trustStore or trustPem");
      }
      SSLParameters supported;
      try {
        supported = SSLContext.getDefault().getSupportedSSLParameters();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM has no default TLS context", e);
      }
      checkSupported(protocols, supported.getProtocols(), "protocols");
      checkSupported(cipherSuites, supported.getCipherSuites(), "cipherSuites");

      X509TrustManager trustManager = null;
      if (trustAll) {
        trustManager = new TrustAllTrustManager();
      } else if (!trustEntries.isEmpty()) {
        List<X509Certificate> anchors = new ArrayList<>();
        if (!replaceDefaultTrust) {
          anchors.addAll(TlsMaterial.defaultTrustAnchors());
        }
        for (TrustEntry entry : trustEntries) {
          anchors.addAll(entry.load());
        }
        trustManager = TlsMaterial.trustManagerFor(anchors);
      }
      X509KeyManager keyManager = keyEntry == null ? null : keyEntry.load();
      return new TlsConfig(this, trustManager, keyManager);
    }

    private Builder addTrust(TrustEntry entry) {
      trustEntries.add(entry);
      trustSources.add(entry.describe());
      return this;
    }

    private Builder copy() {
      Builder b = new Builder();
      b.trustSources.addAll(trustSources);
      b.keySources.addAll(keySources);
      b.trustEntries.addAll(trustEntries);
      b.keyEntry = keyEntry;
      b.replaceDefaultTrust = replaceDefaultTrust;
      b.trustAll = trustAll;
      b.protocols = protocols;
      b.cipherSuites = cipherSuites;
      return b;
    }

    private List<Object> identity() {
      List<Object> identity = new ArrayList<>();
      for (TrustEntry e : trustEntries) {
        identity.add(e.identity());
      }
      identity.add(keyEntry == null ? "" : keyEntry.identity());
      identity.add(replaceDefaultTrust);
      identity.add(trustAll);
      identity.add(protocols);
      identity.add(cipherSuites);
      return List.copyOf(identity);
    }

    private static List<String> copyOf(List<String> values, String field) {
      Objects.requireNonNull(values, field);
      for (String value : values) {
        if (value == null || value.isBlank()) {
          throw new IllegalArgumentException(field + " must not contain null or blank names");
        }
      }
      return List.copyOf(values);
    }

    private static void checkSupported(List<String> wanted, String[] supported, String field) {
      Set<String> known = Set.of(supported);
      for (String name : wanted) {
        if (!known.contains(name)) {
          throw new IllegalArgumentException(field + " contains '" + name + "', which this JVM does not support");
        }
      }
    }

    private static String read(Path path, String field) {
      Objects.requireNonNull(path, field);
      try {
        return Files.readString(path, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new IllegalArgumentException(field + " could not be read: " + path + " ("
            + e.getClass().getSimpleName() + ")", e);
      }
    }
  }

  /** One trust source: a key store file, a PEM file, or PEM text. */
  private static final class TrustEntry {
    private final @Nullable Path path;
    private final @Nullable String type;
    private final char @Nullable [] password;
    private final @Nullable String pemText;

    TrustEntry(@Nullable Path path, @Nullable String type, char @Nullable [] password, @Nullable String pemText) {
      this.path = path;
      this.type = type;
      this.password = password == null ? null : password.clone();
      this.pemText = pemText;
    }

    List<X509Certificate> load() {
      if (pemText != null) {
        return Pem.certificates(pemText, "trustPem");
      }
      Path file = Objects.requireNonNull(path);
      if (type == null) {
        return Pem.certificates(Builder.read(file, "trustPem"), "trustPem " + file);
      }
      KeyStore store = TlsMaterial.load(file, type, password, "trustStore");
      return TlsMaterial.certificates(store, "trustStore " + file);
    }

    String describe() {
      if (pemText != null) {
        return "pem text";
      }
      return type == null ? "pem " + path : "trustStore " + path + " (" + type + ")";
    }

    List<Object> identity() {
      return Arrays.asList(path, type, password == null ? null : new String(password), pemText);
    }
  }

  /** The client certificate source: a key store file or PEM text. */
  private static final class KeyEntry {
    private final @Nullable Path path;
    private final @Nullable String type;
    private final char @Nullable [] password;
    private final @Nullable String certificatePem;
    private final @Nullable String keyPem;

    KeyEntry(@Nullable Path path, @Nullable String type, char @Nullable [] password,
        @Nullable String certificatePem, @Nullable String keyPem) {
      this.path = path;
      this.type = type;
      this.password = password == null ? null : password.clone();
      this.certificatePem = certificatePem;
      this.keyPem = keyPem;
    }

    X509KeyManager load() {
      if (path != null) {
        KeyStore store = TlsMaterial.load(path, Objects.requireNonNull(type), password, "keyStore");
        return TlsMaterial.keyManager(store, password, "keyStore " + path);
      }
      List<X509Certificate> chain = Pem.certificates(Objects.requireNonNull(certificatePem),
          "clientCertificatePem certificateChainPem");
      return TlsMaterial.keyManager(Pem.privateKey(Objects.requireNonNull(keyPem),
          "clientCertificatePem privateKeyPem"), chain, "clientCertificatePem");
    }

    List<Object> identity() {
      return Arrays.asList(path, type, password == null ? null : new String(password), certificatePem, keyPem);
    }
  }
}
