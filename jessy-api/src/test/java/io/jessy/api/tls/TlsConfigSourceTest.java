package io.jessy.api.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When TLS_CERT_FILE and TLS_KEY_FILE turn HTTPS on, and when they stop the gateway instead. */
class TlsConfigSourceTest {

  @Test
  void pointsTheHttpsTlsConfigurationAtBothFilesWhenBothAreSet() {
    TlsConfigSource source =
        new TlsConfigSource(
            Map.of("TLS_CERT_FILE", "/certs/tls.crt", "TLS_KEY_FILE", " /certs/tls.key "));

    assertThat(source.getProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "quarkus.http.tls-configuration-name", "https",
                "quarkus.tls.https.key-store.pem.0.cert", "/certs/tls.crt",
                "quarkus.tls.https.key-store.pem.0.key", "/certs/tls.key",
                "gateway.https", "true"));
  }

  @Test
  void setsNothingWhenNeitherIsSet() {
    assertThat(new TlsConfigSource(Map.of()).getProperties()).isEmpty();
  }

  @Test
  void treatsBlankValuesAsUnset() {
    assertThat(
            new TlsConfigSource(Map.of("TLS_CERT_FILE", " ", "TLS_KEY_FILE", "")).getProperties())
        .isEmpty();
  }

  @Test
  void refusesACertificateWithoutAKeyNamingTheKeyVariable() {
    assertThatThrownBy(() -> new TlsConfigSource(Map.of("TLS_CERT_FILE", "/certs/tls.crt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TLS_KEY_FILE must be set");
  }

  @Test
  void refusesAKeyWithoutACertificateNamingTheCertificateVariable() {
    assertThatThrownBy(
            () ->
                new TlsConfigSource(Map.of("TLS_KEY_FILE", "/certs/tls.key", "TLS_CERT_FILE", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TLS_CERT_FILE must be set");
  }
}
