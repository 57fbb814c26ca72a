package io.github.dbexec.testkit.internal;

import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throwaway certificate authority generated in memory (ECDSA P-256, valid for one day), a server
 * certificate for {@code 127.0.0.1} and {@code localhost} signed by it and, when client authentication is
 * wanted, a client certificate signed by it. Nothing touches the disk or the JVM's default trust store.
 */
public final class TlsMaterial {
  private final HeldCertificate ca;
  private final HandshakeCertificates server;
  private final HandshakeCertificates client;

  public TlsMaterial(boolean withClientCertificate) {
    this.ca = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("dbexec testkit CA")
        .duration(1, TimeUnit.DAYS)
        .build();
    HeldCertificate serverCertificate = new HeldCertificate.Builder()
        .signedBy(ca)
        .commonName("127.0.0.1")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .duration(1, TimeUnit.DAYS)
        .build();
    HandshakeCertificates.Builder serverBuilder = new HandshakeCertificates.Builder()
        .heldCertificate(serverCertificate);
    HandshakeCertificates.Builder clientBuilder = new HandshakeCertificates.Builder()
        .addTrustedCertificate(ca.certificate());
    if (withClientCertificate) {
      HeldCertificate clientCertificate = new HeldCertificate.Builder()
          .signedBy(ca)
          .commonName("dbexec testkit client")
          .duration(1, TimeUnit.DAYS)
          .build();
      serverBuilder.addTrustedCertificate(ca.certificate());
      clientBuilder.heldCertificate(clientCertificate);
    }
    this.server = serverBuilder.build();
    this.client = clientBuilder.build();
  }

  public HeldCertificate ca() {
    return ca;
  }

  public HandshakeCertificates server() {
    return server;
  }

  public HandshakeCertificates client() {
    return client;
  }
}
