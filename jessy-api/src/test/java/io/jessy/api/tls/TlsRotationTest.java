package io.jessy.api.tls;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Certificate rotation without a restart: the files TLS_CERT_FILE and TLS_KEY_FILE name are
 * replaced in place, as scripts/certs.sh --renew does (key first, then certificate, each renamed
 * into place), and within TLS_RELOAD_PERIOD ({@value HttpsProfile#RELOAD_PERIOD} here) new
 * connections get the new certificate.
 */
@QuarkusTest
@TestProfile(HttpsProfile.class)
class TlsRotationTest {

  /** Many reload periods; the default period (1m) would not make it. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  @ConfigProperty(name = "TLS_CERT_FILE")
  String certFile;

  @ConfigProperty(name = "TLS_KEY_FILE")
  String keyFile;

  @Test
  void servesAReplacedCertificateToNewConnectionsWithoutARestart() throws Exception {
    Path liveCert = Path.of(certFile);
    Path liveKey = Path.of(keyFile);
    X509Certificate live = TlsClient.certificate(liveCert);
    // To the other of the two issued: an earlier rotation in this JVM may have left the second.
    String next =
        TlsClient.certificate(HttpsProfile.issued(liveCert, "first.crt"))
                .getSerialNumber()
                .equals(live.getSerialNumber())
            ? "second"
            : "first";
    X509Certificate replacement =
        TlsClient.certificate(HttpsProfile.issued(liveCert, next + ".crt"));
    assertThat(replacement.getSerialNumber()).isNotEqualTo(live.getSerialNumber());
    assertThat(servedSerial()).as("served before the rotation").isEqualTo(live.getSerialNumber());

    replace(liveKey, HttpsProfile.issued(liveCert, next + ".key"));
    replace(liveCert, HttpsProfile.issued(liveCert, next + ".crt"));

    long start = System.nanoTime();
    Duration waited = Duration.ZERO;
    Object served = live.getSerialNumber();
    while (!served.equals(replacement.getSerialNumber()) && waited.compareTo(PATIENCE) < 0) {
      Thread.sleep(200);
      try {
        served = servedSerial();
      } catch (IOException e) {
        // Between the two renames key and certificate do not match; a reload then may fail.
        served = e;
      }
      waited = Duration.ofNanos(System.nanoTime() - start);
    }
    assertThat(served)
        .as("served %s after the files were replaced", waited)
        .isEqualTo(replacement.getSerialNumber());
  }

  /** The serial of the certificate a new connection (a full handshake) is given. */
  private BigInteger servedSerial() throws IOException, GeneralSecurityException {
    return TlsClient.handshake(
            TlsClient.trustingIssued(Path.of(certFile)), https.getPort(), parameters -> {})
        .server()
        .getSerialNumber();
  }

  /** Written next to the target, then renamed over it: a reader never sees half a file. */
  private static void replace(Path target, Path replacement) throws IOException {
    Path next = target.resolveSibling(target.getFileName() + ".next");
    Files.copy(replacement, next, REPLACE_EXISTING);
    Files.move(next, target, ATOMIC_MOVE, REPLACE_EXISTING);
  }
}
