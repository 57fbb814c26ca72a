package io.github.dbexec.auth.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text: X.509 certificates ({@code BEGIN CERTIFICATE}) and unencrypted private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). Error messages
 * name the field and never quote key material.
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private Pem() {}

  /**
   * Returns every certificate in {@code pem}, in order; text outside the blocks is ignored.
   *
   * @throws IllegalArgumentException naming {@code field} when there is none or one cannot be parsed
   */
  public static List<X509Certificate> certificates(String pem, String field) {
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("this JVM has no X.509 certificate factory", e);
    }
    while (m.find()) {
      if (!m.group(1).equals("CERTIFICATE")) {
        continue;
      }
      try {
        certificates.add((X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(Base64.getMimeDecoder().decode(m.group(2)))));
      } catch (CertificateException | IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": certificate #" + (certificates.size() + 1)
            + " is not a valid X.509 certificate (" + e.getClass().getSimpleName() + ")", e);
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(field + " holds no '-----BEGIN CERTIFICATE-----' block");
    }
    return certificates;
  }

  /**
   * Returns the first private key in {@code pem}.
   *
   * @throws IllegalArgumentException naming {@code field} when there is no supported, unencrypted key
   */
  public static PrivateKey privateKey(String pem, String field) {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": the " + type + " block is not valid base64");
      }
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(der, field);
        case "RSA PRIVATE KEY":
          return pkcs8(rsaPkcs1ToPkcs8(der), field);
        case "ENCRYPTED PRIVATE KEY":
        case "EC PRIVATE KEY":
          throw new IllegalArgumentException(field + ": '" + type + "' is not supported; convert it to an"
              + " unencrypted PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt -in key.pem)");
        default:
          // skip certificates and other blocks
      }
    }
    throw new IllegalArgumentException(field + " holds no '-----BEGIN PRIVATE KEY-----' block");
  }

  private static PrivateKey pkcs8(byte[] der, String field) {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(field + ": the private key is not an RSA, EC or Ed25519 PKCS#8 key");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL params). */
  static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = derTlv(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(octets);
    return derTlv(0x30, body.toByteArray());
  }

  private static byte[] derTlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((length >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
