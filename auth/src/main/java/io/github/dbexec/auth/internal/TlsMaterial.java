package io.github.dbexec.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/** Loads key stores and builds trust and key managers. Messages name the field, never a password. */
public final class TlsMaterial {

  private TlsMaterial() {}

  /**
   * Loads a key store file.
   *
   * @throws IllegalArgumentException naming {@code field} when the type is unknown, the file cannot be read,
   *     or the password is wrong
   */
  public static KeyStore load(Path path, String type, char @Nullable [] password, String field) {
    KeyStore store;
    try {
      store = KeyStore.getInstance(type);
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException(field + " type '" + type + "' is not supported by this JVM"
          + " (use JKS or PKCS12)", e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password);
      return store;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(field + " file does not exist: " + path, e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException(field + " " + path + " could not be opened: wrong password", e);
      }
      throw new IllegalArgumentException(field + " " + path + " could not be read as " + type
          + " (wrong type, wrong password or corrupt file: " + e.getClass().getSimpleName() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(field + " " + path + " could not be read as " + type
          + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Every certificate in {@code store}: trusted-certificate entries and the certificates of key entries. */
  public static List<X509Certificate> certificates(KeyStore store, String field) {
    List<X509Certificate> result = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        Certificate certificate = store.getCertificate(alias);
        if (certificate instanceof X509Certificate) {
          result.add((X509Certificate) certificate);
        }
      }
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException(field + " could not be listed", e);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(field + " holds no certificate");
    }
    return result;
  }

  /** The JVM's default trust manager ({@code cacerts}, or {@code javax.net.ssl.trustStore} when set). */
  public static X509TrustManager defaultTrustManager() {
    return trustManager(null);
  }

  /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
  static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm;
    switch (key.getAlgorithm()) {
      case "RSA":
        algorithm = "SHA256withRSA";
        break;
      case "EC":
        algorithm = "SHA256withECDSA";
        break;
      default:
        algorithm = key.getAlgorithm(); // Ed25519, EdDSA
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // different key types, or a key this JVM cannot use
    }
  }

  /** The certificate authorities the JVM trusts by default ({@code cacerts}). */
  public static List<X509Certificate> defaultTrustAnchors() {
    X509TrustManager manager = trustManager(null);
    List<X509Certificate> result = new ArrayList<>();
    Collections.addAll(result, manager.getAcceptedIssuers());
    return result;
  }

  /** A PKIX trust manager trusting exactly {@code anchors}. */
  public static X509TrustManager trustManagerFor(List<X509Certificate> anchors) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate anchor : anchors) {
        store.setCertificateEntry("ca-" + i++, anchor);
      }
      return trustManager(store);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not build a trust store in memory", e);
    }
  }

  private static X509TrustManager trustManager(@Nullable KeyStore store) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          return (X509TrustManager) manager;
        }
      }
      throw new IllegalStateException("the JVM's trust manager factory returned no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not initialise a trust manager", e);
    }
  }

  /**
   * A key manager presenting the key entries of {@code store}.
   *
   * @throws IllegalArgumentException naming {@code field} when the store has no private key or the password
   *     does not open it
   */
  public static X509KeyManager keyManager(KeyStore store, char @Nullable [] password, String field) {
    try {
      boolean hasKey = false;
      for (String alias : Collections.list(store.aliases())) {
        hasKey |= store.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IllegalArgumentException(field + " holds no private key entry for a client certificate");
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password == null ? new char[0] : password);
      for (KeyManager manager : factory.getKeyManagers()) {
        if (manager instanceof X509KeyManager) {
          return (X509KeyManager) manager;
        }
      }
      throw new IllegalStateException("the JVM's key manager factory returned no X509KeyManager");
    } catch (UnrecoverableKeyException e) {
      throw new IllegalArgumentException(field + ": the private key could not be opened with the key store"
          + " password", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(field + " could not be used for client certificates ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** A key manager presenting {@code key} with its certificate {@code chain}. */
  public static X509KeyManager keyManager(PrivateKey key, List<X509Certificate> chain, String field) {
    if (!belongTogether(key, chain.get(0))) {
      throw new IllegalArgumentException(field + ": the private key does not belong to the first certificate ("
          + chain.get(0).getSubjectX500Principal().getName() + "); the client certificate must come first");
    }
    char[] password = new char[16];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
      return keyManager(store, password, field);
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException(field + ": the private key does not match the certificate ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not build a key store in memory", e);
    }
  }
}
