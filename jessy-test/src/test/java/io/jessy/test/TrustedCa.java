package io.jessy.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code JESSY_TRUST_CA}: a PEM file of the CA certificate(s) that signed a deployment's HTTPS
 * certificate (its own CA, as {@code make certs} makes), trusted for {@code https://} targets
 * besides nothing else; unset, the JDK's default trust applies. Host names are verified as usual.
 */
final class TrustedCa {

  private static final Optional<KeyStore> STORE =
      Stack.setting("JESSY_TRUST_CA").map(Path::of).map(TrustedCa::load);

  private TrustedCa() {}

  /** The CA as a trust store, when one is named. */
  static Optional<KeyStore> store() {
    return STORE;
  }

  /** A TLS context trusting the named CA, or the JDK's default one. */
  static SSLContext context() {
    try {
      if (STORE.isEmpty()) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(STORE.get());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS with JESSY_TRUST_CA", e);
    }
  }

  private static KeyStore load(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      if (i == 0) {
        throw new IllegalStateException("JESSY_TRUST_CA=" + pem + " holds no certificate");
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JESSY_TRUST_CA=" + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JESSY_TRUST_CA=" + pem + " is not a PEM certificate", e);
    }
  }
}
