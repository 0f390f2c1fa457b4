package io.jessy.api.tls;

import io.jessy.api.StubCoreProfile;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway in front of the stub core with HTTPS on, the way an operator turns it on: {@code
 * TLS_CERT_FILE} and {@code TLS_KEY_FILE} name PEM files, re-read every {@value #RELOAD_PERIOD}
 * ({@code TLS_RELOAD_PERIOD}). Before start-up it issues two self-signed certificates for localhost
 * and 127.0.0.1 ({@code first} and {@code second}, different serials) into a new directory and
 * copies the first to {@code live/tls.crt} and {@code live/tls.key}, the files the gateway reads,
 * so a test can rotate to the second. Tests find the files from {@code TLS_CERT_FILE} ({@link
 * #issued}): the test class and this profile may live in different class loaders.
 *
 * <p>It also lets this JVM speak TLS 1.0 and 1.1 ({@link LegacyProtocols}), before the gateway's
 * TLS server exists.
 */
public class HttpsProfile extends StubCoreProfile {

  static final String RELOAD_PERIOD = "1s";

  /**
   * Where the live certificate is, for the whole JVM: Quarkus asks an instance of this class in
   * each of two class loaders for its overrides, and both must name the same files.
   */
  private static final String LIVE_CERTIFICATE = "jessy.test.tls-live-certificate";

  @Override
  public Map<String, String> getConfigOverrides() {
    LegacyProtocols.allowInThisJvm();
    Path cert = liveCertificate();
    Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
    overrides.put("TLS_CERT_FILE", cert.toString());
    overrides.put("TLS_KEY_FILE", cert.resolveSibling("tls.key").toString());
    overrides.put("TLS_RELOAD_PERIOD", RELOAD_PERIOD);
    return overrides;
  }

  /** An issued file ({@code first.crt}, {@code second.key}, …) of the live certificate's set. */
  static Path issued(Path liveCertificate, String file) {
    return liveCertificate.getParent().resolveSibling(file);
  }

  private static Path liveCertificate() {
    synchronized (System.class) {
      String live = System.getProperty(LIVE_CERTIFICATE);
      if (live == null) {
        live = issue().toString();
        System.setProperty(LIVE_CERTIFICATE, live);
      }
      return Path.of(live);
    }
  }

  private static Path issue() {
    try {
      Path target = Path.of("target");
      Path dir =
          Files.isDirectory(target)
              ? Files.createTempDirectory(target, "tls-")
              : Files.createTempDirectory("jessy-tls-");
      CertificateGenerator generator = new CertificateGenerator(dir, true);
      for (String name : List.of("first", "second")) {
        generator.generate(
            new CertificateRequest()
                .withName(name)
                .withFormat(Format.PEM)
                .withCN("localhost")
                .withSubjectAlternativeName("DNS:localhost")
                .withSubjectAlternativeName("IP:127.0.0.1")
                .withDuration(Duration.ofDays(2)));
      }
      Path live = Files.createDirectory(dir.resolve("live"));
      Files.copy(dir.resolve("first.key"), live.resolve("tls.key"));
      Files.copy(dir.resolve("first.crt"), live.resolve("tls.crt"));
      return live.resolve("tls.crt");
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue the test certificates", e);
    }
  }
}
