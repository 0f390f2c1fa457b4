package io.jessy.api.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jessy.api.GatewayTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS as TLS_CERT_FILE and TLS_KEY_FILE turn it on: TLS 1.3 and HTTP/2 for a current client, TLS
 * 1.2 with AEAD cipher suites only, nothing older.
 */
@QuarkusTest
@TestProfile(HttpsProfile.class)
class TlsTest {

  /** Forward-secret CBC suites: what a TLS 1.2 server accepts by default, the gateway not. */
  private static final String[] CBC_SUITES = {
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"
  };

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  @ConfigProperty(name = "TLS_CERT_FILE")
  String certFile;

  private SSLContext trusting(ControlServer... controls)
      throws IOException, GeneralSecurityException {
    return TlsClient.trustingIssued(
        Path.of(certFile),
        Arrays.stream(controls).map(ControlServer::certificate).toArray(X509Certificate[]::new));
  }

  @Test
  void answersOverTls13AndHttp2WithStrictTransportSecurity() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(trusting())
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpResponse<String> response =
        GatewayTest.API.checked(
            client.send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + https.getPort() + "/api/health/live"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));

    assertThat(response.statusCode()).isEqualTo(200);
    // Over TLS the client speaks HTTP/2 only when the server chose h2 by ALPN.
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.sslSession().map(SSLSession::getProtocol)).hasValue("TLSv1.3");
    assertThat(response.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000");
  }

  @Test
  void choosesH2ByAlpnWhenTheClientOffersItBesideHttp11() throws Exception {
    TlsClient.Handshake handshake =
        TlsClient.handshake(
            trusting(),
            https.getPort(),
            parameters -> parameters.setApplicationProtocols(new String[] {"http/1.1", "h2"}));

    assertThat(handshake.protocol()).isEqualTo("TLSv1.3");
    assertThat(handshake.applicationProtocol()).isEqualTo("h2");
  }

  @Test
  void acceptsTls12WithAnAeadCipherSuite() throws Exception {
    TlsClient.Handshake handshake =
        TlsClient.handshake(
            trusting(),
            https.getPort(),
            parameters -> {
              parameters.setProtocols(new String[] {"TLSv1.2"});
              parameters.setCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
            });

    assertThat(handshake.protocol()).isEqualTo("TLSv1.2");
    assertThat(handshake.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  }

  @Test
  void refusesTls12WithoutAnAeadCipherSuite() throws Exception {
    Consumer<SSLParameters> cbcOnly =
        parameters -> {
          parameters.setProtocols(new String[] {"TLSv1.2"});
          parameters.setCipherSuites(CBC_SUITES);
        };
    try (ControlServer control = ControlServer.start()) {
      SSLContext client = trusting(control);
      assertThat(TlsClient.handshake(client, control.port(), cbcOnly).cipherSuite())
          .as("a default JDK server accepts the offer")
          .isIn((Object[]) CBC_SUITES);

      assertThatThrownBy(() -> TlsClient.handshake(client, https.getPort(), cbcOnly))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.1", "TLSv1"})
  void refusesProtocolsOlderThanTls12(String protocol) throws Exception {
    Consumer<SSLParameters> only = parameters -> parameters.setProtocols(new String[] {protocol});
    try (ControlServer control = ControlServer.start(protocol)) {
      SSLContext client = trusting(control);
      assumeTrue(
          speaks(client, control.port(), only),
          "this JVM does not speak "
              + protocol
              + " (jdk.tls.disabledAlgorithms, see LegacyProtocols): a refusal would prove nothing");

      assertThatThrownBy(() -> TlsClient.handshake(client, https.getPort(), only))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("protocol_version");
    }
  }

  private static boolean speaks(SSLContext client, int port, Consumer<SSLParameters> parameters) {
    try {
      return TlsClient.handshake(client, port, parameters) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
