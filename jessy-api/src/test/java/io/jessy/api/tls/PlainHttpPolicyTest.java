package io.jessy.api.tls;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With HTTPS on, the plain HTTP port serves what the container's health probe and Prometheus ask
 * for, and refuses everything else before it reaches the console or the core, so an API key is
 * never accepted in clear.
 */
@QuarkusTest
@TestProfile(HttpsProfile.class)
class PlainHttpPolicyTest extends GatewayTest {

  @TestHTTPResource("/")
  URL http;

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  @ConfigProperty(name = "TLS_CERT_FILE")
  String certFile;

  @BeforeEach
  void runTwoPortsAndAHealthyCore() {
    assertThat(http.getProtocol()).isEqualTo("http");
    assertThat(https.getProtocol()).isEqualTo("https");
    assertThat(http.getPort()).isNotEqualTo(https.getPort());
    core.register(get("/health/ready").willReturn(okJson("{}")));
  }

  private Response plain(String path) {
    return given().get("http://localhost:" + http.getPort() + path);
  }

  private HttpResponse<String> overHttps(String path) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TlsClient.trustingIssued(Path.of(certFile)))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return API.checked(
        client.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + https.getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/health", "/api/health/live", "/api/health/ready", "/api/metrics"})
  void servesHealthAndMetricsOverPlainHttp(String path) {
    Response response = plain(path);

    assertThat(response.statusCode()).isEqualTo(200);
    // HSTS only means something over HTTPS (RFC 6797 §7.2).
    assertThat(response.header("Strict-Transport-Security")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"/", "/index.html", "/console/console.js", "/api/v1/dimensions", "/api/healthz"})
  void refusesEverythingElseOverPlainHttpWithAProblemNamingHttps(String path) {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    Response response = plain(path);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.jsonPath().getString("type")).isEqualTo("urn:jessy:problem:https-required");
    assertThat(response.jsonPath().getInt("status")).isEqualTo(403);
    // Refused after the request id is settled: the problem and the header name the same one.
    assertThat(response.jsonPath().getString("request_id"))
        .isNotBlank()
        .isEqualTo(response.header("X-Request-Id"));
    core.verifyThat(0, getRequestedFor(urlEqualTo("/api/v1/dimensions")));
  }

  @Test
  void refusesAnApiCallWithAKeyOverPlainHttpBeforeItReachesTheCore() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    Response response =
        given()
            .header("Authorization", "Bearer a-key-sent-in-clear")
            .get("http://localhost:" + http.getPort() + "/api/v1/dimensions");

    assertThat(response.statusCode()).isEqualTo(403);
    core.verifyThat(0, anyRequestedFor(urlEqualTo("/api/v1/dimensions")));
  }

  @Test
  void servesTheConsoleAndTheApiOverHttpsWithStrictTransportSecurity() throws Exception {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    HttpResponse<String> page = overHttps("/");
    HttpResponse<String> api = overHttps("/api/v1/dimensions");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).isEqualTo(CoreAnswers.DIMENSIONS);
    assertThat(api.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
  }
}
