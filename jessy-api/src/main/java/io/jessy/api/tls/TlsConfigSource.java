package io.jessy.api.tls;

import io.jessy.web.DesignVariablesConfigSource;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns HTTPS on when {@code TLS_CERT_FILE} and {@code TLS_KEY_FILE} name a PEM certificate (chain)
 * and its key: this source points the TLS registry's {@code https} configuration at them and the
 * HTTP server at that configuration (protocols, cipher suites and the reload period are in
 * application.properties). Plain property expressions cannot do this: an empty path is an error to
 * Quarkus, so the key store may only be named when there is one. Only one of the two set stops the
 * gateway at start-up, naming the other.
 */
public final class TlsConfigSource extends MapBackedConfigSource {

  static final String CERT = "TLS_CERT_FILE";
  static final String KEY = "TLS_KEY_FILE";

  TlsConfigSource(Map<String, String> env) {
    super("jessy-tls", derive(env), DesignVariablesConfigSource.ORDINAL);
  }

  /** Registered with SmallRye Config (META-INF/services), so it sees every other source. */
  public static final class Factory implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
      return List.of(
          new TlsConfigSource(DesignVariablesConfigSource.variables(context, CERT, KEY)));
    }
  }

  private static Map<String, String> derive(Map<String, String> env) {
    String cert = env.getOrDefault(CERT, "").strip();
    String key = env.getOrDefault(KEY, "").strip();
    if (cert.isEmpty() && key.isEmpty()) {
      return Map.of();
    }
    if (cert.isEmpty() || key.isEmpty()) {
      throw new IllegalArgumentException(
          (cert.isEmpty() ? CERT : KEY)
              + " must be set too: HTTPS needs both the certificate and its key ("
              + (cert.isEmpty() ? KEY : CERT)
              + " is set)");
    }
    // The JDK lets a TLS 1.2 client renegotiate as often as it likes, each time at the server's CPU
    // cost (a DoS lever; testssl.sh rates it high). The JDK reads this once, when its TLS first
    // loads, which is after configuration.
    System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    return Map.of(
        "quarkus.http.tls-configuration-name",
        "https",
        "quarkus.tls.https.key-store.pem.0.cert",
        cert,
        "quarkus.tls.https.key-store.pem.0.key",
        key,
        "gateway.https",
        "true");
  }
}
