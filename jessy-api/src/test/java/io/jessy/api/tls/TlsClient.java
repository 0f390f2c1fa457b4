package io.jessy.api.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A TLS client that trusts only given certificates and checks the host name, as a browser does. */
final class TlsClient {

  static final int TIMEOUT_MS = 10_000;

  private TlsClient() {}

  static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** Trusts both certificates {@link HttpsProfile} issued, whichever the gateway serves. */
  static SSLContext trustingIssued(Path liveCertificate, X509Certificate... more)
      throws IOException, GeneralSecurityException {
    X509Certificate[] trusted = new X509Certificate[more.length + 2];
    trusted[0] = certificate(HttpsProfile.issued(liveCertificate, "first.crt"));
    trusted[1] = certificate(HttpsProfile.issued(liveCertificate, "second.crt"));
    System.arraycopy(more, 0, trusted, 2, more.length);
    return trusting(trusted);
  }

  /** A new context each time: no TLS session is resumed, every handshake is a full one. */
  static SSLContext trusting(X509Certificate... certificates)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < certificates.length; i++) {
      store.setCertificateEntry("trusted-" + i, certificates[i]);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** What a completed handshake agreed on, and the certificate the server presented. */
  record Handshake(
      String protocol, String cipherSuite, String applicationProtocol, X509Certificate server) {}

  /** A handshake with localhost:port; {@code parameters} narrows protocols, suites, ALPN. */
  static Handshake handshake(SSLContext context, int port, Consumer<SSLParameters> parameters)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress("localhost", port), TIMEOUT_MS);
      plain.setSoTimeout(TIMEOUT_MS);
    } catch (IOException e) {
      plain.close();
      throw e;
    }
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true)) {
      SSLParameters wanted = socket.getSSLParameters();
      wanted.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.accept(wanted);
      socket.setSSLParameters(wanted);
      socket.startHandshake();
      SSLSession session = socket.getSession();
      return new Handshake(
          session.getProtocol(),
          session.getCipherSuite(),
          socket.getApplicationProtocol(),
          (X509Certificate) session.getPeerCertificates()[0]);
    }
  }
}
