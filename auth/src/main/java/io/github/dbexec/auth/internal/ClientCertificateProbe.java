package io.github.dbexec.auth.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A key manager that presents the configured client certificate, if any, and records on the handshaking
 * thread that the server asked for one, so that a connection the server then drops can be explained.
 * OkHttp handshakes on the thread running the call, where {@link TlsDiagnosingInterceptor} reads the record.
 */
public final class ClientCertificateProbe extends X509ExtendedKeyManager {

  private final @Nullable X509KeyManager delegate;
  private final ThreadLocal<Boolean> requested = new ThreadLocal<>();

  public ClientCertificateProbe(@Nullable X509KeyManager delegate) {
    this.delegate = delegate;
  }

  /** Whether a client certificate is configured. */
  public boolean hasClientCertificate() {
    return delegate != null;
  }

  /** Forgets what this thread recorded. */
  public void reset() {
    requested.remove();
  }

  /** Whether, since {@link #reset()}, a server asked this thread's handshake for a client certificate. */
  public boolean wasRequested() {
    return Boolean.TRUE.equals(requested.get());
  }

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers,
      @Nullable Socket socket) {
    requested.set(Boolean.TRUE);
    return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
  }

  @Override
  public @Nullable String chooseEngineClientAlias(String[] keyType, Principal @Nullable [] issuers,
      @Nullable SSLEngine engine) {
    requested.set(Boolean.TRUE);
    if (delegate instanceof X509ExtendedKeyManager) {
      return ((X509ExtendedKeyManager) delegate).chooseEngineClientAlias(keyType, issuers, engine);
    }
    return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, null);
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers,
      @Nullable Socket socket) {
    return null;
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(String alias) {
    return delegate == null ? null : delegate.getCertificateChain(alias);
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(String alias) {
    return delegate == null ? null : delegate.getPrivateKey(alias);
  }
}
