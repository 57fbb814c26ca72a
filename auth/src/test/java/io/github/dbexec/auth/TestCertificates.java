package io.github.dbexec.auth;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** Certificates for real TLS in tests: a root CA, a server certificate for given names, client certificates. */
final class TestCertificates {

  final HeldCertificate rootCa = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("dbexec test root CA").build();
  final HeldCertificate unknownCa = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("some other CA").build();
  final HeldCertificate clientCa = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("dbexec test client CA").build();

  HeldCertificate server(String... names) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(names[0]).signedBy(rootCa);
    for (String name : names) {
      b.addSubjectAlternativeName(name);
    }
    return b.build();
  }

  HeldCertificate client(String commonName) {
    return new HeldCertificate.Builder().commonName(commonName).signedBy(clientCa).build();
  }

  HeldCertificate rsaClient(String commonName) {
    return new HeldCertificate.Builder().commonName(commonName).rsa2048().signedBy(clientCa).build();
  }

  /** Server side: presents {@code serverCertificate}; trusts client certificates from the client CA. */
  HandshakeCertificates serverHandshake(HeldCertificate serverCertificate) {
    return new HandshakeCertificates.Builder()
        .heldCertificate(serverCertificate, rootCa.certificate())
        .addTrustedCertificate(clientCa.certificate())
        .build();
  }

  static Path trustStore(Path dir, String type, String password, HeldCertificate... cas) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    int i = 0;
    for (HeldCertificate ca : cas) {
      store.setCertificateEntry("ca" + i++, ca.certificate());
    }
    Path file = dir.resolve("trust-" + type + "." + type.toLowerCase());
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  static Path keyStore(Path dir, String type, String password, HeldCertificate client, HeldCertificate ca)
      throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    store.setKeyEntry("client", client.keyPair().getPrivate(), password.toCharArray(),
        new Certificate[] {client.certificate(), ca.certificate()});
    Path file = dir.resolve("client-" + type + "." + type.toLowerCase());
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
