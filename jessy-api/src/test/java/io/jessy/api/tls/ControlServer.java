package io.jessy.api.tls;

import io.smallrye.certs.CertificateUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A plain JDK TLS server on 127.0.0.1 with its own self-signed RSA certificate for localhost (the
 * gateway's is RSA too), which completes the handshake of every connection and closes it. A
 * control: a client offer that this server accepts but the gateway refuses is refused by the
 * gateway's own configuration, not by the client or by the JVM.
 */
final class ControlServer implements AutoCloseable {

  private static final char[] PASSWORD = "control".toCharArray();

  private final SSLServerSocket socket;
  private final X509Certificate certificate;

  private ControlServer(SSLServerSocket socket, X509Certificate certificate) {
    this.socket = socket;
    this.certificate = certificate;
    Thread acceptor = new Thread(this::serve, "tls-control-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** With the JDK's default protocols, or only {@code protocols}. */
  static ControlServer start(String... protocols) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    X509Certificate certificate =
        CertificateUtils.generateCertificate(
            keys, "localhost", List.of("DNS:localhost", "IP:127.0.0.1"), Duration.ofDays(1), null);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("control", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    SSLServerSocket socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    if (protocols.length > 0) {
      socket.setEnabledProtocols(protocols);
    }
    return new ControlServer(socket, certificate);
  }

  int port() {
    return socket.getLocalPort();
  }

  X509Certificate certificate() {
    return certificate;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (SSLSocket connection = (SSLSocket) socket.accept()) {
        connection.setSoTimeout(TlsClient.TIMEOUT_MS);
        connection.startHandshake();
      } catch (IOException e) {
        // A refused handshake, or the server closed: the client sees the outcome.
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
