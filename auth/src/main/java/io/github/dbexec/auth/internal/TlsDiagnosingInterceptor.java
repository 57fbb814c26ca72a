package io.github.dbexec.auth.internal;

import io.github.dbexec.auth.CredentialsException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rethrows TLS failures with a message saying what to configure: an untrusted server certificate (add its
 * CA), or a server that asked for a client certificate and then dropped the connection (none configured, or
 * the configured one rejected). The explanation is an {@link SSLHandshakeException} carrying the original
 * failure as its cause; other failures pass through unchanged.
 *
 * <p>Under TLS 1.3 a server that rejects the client's certificate closes the connection after the client
 * thinks the handshake is done, so the client may see "bad_certificate", "Broken pipe", "Connection reset" or
 * OkHttp's "exhausted all routes"; the {@link ClientCertificateProbe} records whether the server asked for a
 * certificate on this call's handshake, which tells these apart from other failures (timeouts excepted).
 */
public final class TlsDiagnosingInterceptor implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(TlsDiagnosingInterceptor.class);

  private final ClientCertificateProbe probe;

  public TlsDiagnosingInterceptor(ClientCertificateProbe probe) {
    this.probe = probe;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    probe.reset();
    try {
      return chain.proceed(chain.request());
    } catch (CredentialsException e) {
      throw e; // from a credentials interceptor further down: already explained, keep its type
    } catch (IOException e) {
      boolean requested = probe.wasRequested();
      String advice = advice(e, requested);
      if (advice == null) {
        throw e;
      }
      SSLHandshakeException explained = new SSLHandshakeException("TLS connection to "
          + chain.request().url().host() + " failed: " + advice + " (" + e + ")");
      explained.initCause(e);
      LOG.debug("{}", explained.getMessage());
      throw explained;
    } finally {
      probe.reset();
    }
  }

  private @Nullable String advice(IOException e, boolean clientCertificateRequested) {
    List<Throwable> failures = new ArrayList<>();
    collect(e, failures, 0);
    boolean timeout = false;
    boolean certificateAlert = false;
    for (Throwable t : failures) {
      if (t instanceof CertPathValidatorException
          || (t.getMessage() != null && t.getMessage().contains("PKIX path"))) {
        return "the server's certificate is not signed by a trusted certificate authority; add the CA with"
            + " TlsConfig.builder().trustPem(..) or trustStore(..)";
      }
      timeout |= t instanceof InterruptedIOException;
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      certificateAlert |= message.contains("bad_certificate") || message.contains("certificate_required")
          || message.contains("unknown_ca") || message.contains("certificate_unknown");
    }
    // after a client certificate request, a server that refuses it closes the connection: the client sees an
    // alert, "Broken pipe", "Connection reset", or OkHttp's "exhausted all routes" for a closed new connection
    if (!certificateAlert && !(clientCertificateRequested && !timeout)) {
      return null;
    }
    if (!probe.hasClientCertificate()) {
      return "the server asked for a client certificate (mutual TLS) and none is configured; configure one with"
          + " TlsConfig.builder().keyStore(..) or clientCertificatePem(..)";
    }
    return "the server asked for a client certificate and dropped the connection after it was sent, so it"
        + " probably rejected it; check that it is signed by a CA the server trusts and has not expired";
  }

  /** The failure, its causes and the failures suppressed by each (OkHttp adds one per route tried). */
  private static void collect(@Nullable Throwable t, List<Throwable> into, int depth) {
    if (t == null || depth > 8 || into.contains(t)) {
      return;
    }
    into.add(t);
    for (Throwable suppressed : t.getSuppressed()) {
      collect(suppressed, into, depth + 1);
    }
    collect(t.getCause(), into, depth + 1);
  }
}
