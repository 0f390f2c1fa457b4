package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.jessy.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.StubCoreProfile;
import io.jessy.web.Problems;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/**} reaches the core as the client sent it, and the answer comes back as is. */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class ForwardingTest extends GatewayTest {

  @TestHTTPResource("/")
  URL gateway;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "<none>",
      value = {
        "GET, <none>",
        "DELETE, <none>",
        "POST, '{\"query\":\"hello\"}'",
        "PUT, '{\"a\":1}'",
        "PATCH, '[1,2,3]'"
      })
  void forwardsMethodPathQueryBodyAndHeaders(String method, String body) {
    core.register(
        any(urlPathEqualTo("/api/v1/things/7"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Core-Says", "hi")
                    .withHeader("Cache-Control", "no-store")
                    .withBody("{\"made\":true}")));

    // Off the contract: /api/v1/things is an imaginary route; the gateway forwards it all the same.
    var request =
        offContract()
            .urlEncodingEnabled(false)
            .header("X-Client-Says", "hello")
            .header("Accept-Language", "de-CH")
            .header("Authorization", "Bearer opaque-to-the-gateway")
            .contentType("application/json");
    if (body != null) {
      request.body(body);
    }
    Response response = request.request(method, "/api/v1/things/7?b=2&a=x%20y&a=z");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.header("X-Core-Says")).isEqualTo("hi");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.asString()).isEqualTo("{\"made\":true}");

    List<LoggedRequest> received = core.find(anyRequestedFor(anyUrl()));
    assertThat(received).hasSize(1);
    LoggedRequest at = received.get(0);
    assertThat(at.getMethod().value()).isEqualTo(method);
    assertThat(at.getUrl()).isEqualTo("/api/v1/things/7?b=2&a=x%20y&a=z");
    assertThat(at.getHeader("X-Client-Says")).isEqualTo("hello");
    assertThat(at.getHeader("Accept-Language")).isEqualTo("de-CH");
    assertThat(at.getHeader("Authorization")).isEqualTo("Bearer opaque-to-the-gateway");
    assertThat(at.getHeader("Content-Type")).startsWith("application/json");
    if (body != null) {
      assertThat(at.getBodyAsString()).isEqualTo(body);
      assertThat(at.getHeader("Content-Length"))
          .isEqualTo(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    } else {
      assertThat(at.getBody()).isEmpty();
    }
  }

  @Test
  void keepsRepeatedHeadersInBothDirections() {
    core.register(
        get("/api/v1/dimensions")
            .willReturn(
                okJson(CoreAnswers.DIMENSIONS)
                    .withHeader("Set-Cookie", "a=1; Path=/", "b=2; Path=/")));

    Response response =
        given().header("X-Multi", "one").header("X-Multi", "two").get("/api/v1/dimensions");

    assertThat(response.headers().getValues("Set-Cookie"))
        .containsExactly("a=1; Path=/", "b=2; Path=/");
    LoggedRequest at = core.find(getRequestedFor(urlEqualTo("/api/v1/dimensions"))).get(0);
    assertThat(at.getHeaders().getHeader("X-Multi").values()).containsExactly("one", "two");
  }

  @Test
  void dropsTransferEncodingTeTrailerAndProxyAuthorizationOnTheWayIn() throws Exception {
    core.register(post("/api/v1/query").willReturn(okJson(CoreAnswers.QUERY)));
    // java.net.http sends a body of unknown length chunked; the core gets it with a length.
    byte[] body = "{\"query\":\"chunked\"}".getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway + "api/v1/query"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Kept", "end-to-end")
            .header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
            .header("TE", "trailers")
            .header("Trailer", "X-Checksum")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response =
        API.checked(
            HttpClient.newBuilder().build().send(request, HttpResponse.BodyHandlers.ofString()),
            new String(body, StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    core.verifyThat(
        postRequestedFor(urlEqualTo("/api/v1/query"))
            .withHeader("X-Kept", equalTo("end-to-end"))
            .withHeader("Proxy-Authorization", absent())
            .withHeader("TE", absent())
            .withHeader("Trailer", absent())
            .withHeader("Transfer-Encoding", absent())
            .withHeader("Content-Length", equalTo(Integer.toString(body.length)))
            .withRequestBody(equalTo("{\"query\":\"chunked\"}")));
  }

  @Test
  void dropsConnectionKeepAliveUpgradeAndTheHeadersConnectionNames() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    given()
        .header("Connection", "keep-alive, X-Secret-Hop")
        .header("Keep-Alive", "timeout=5, max=100")
        .header("Upgrade", "example/1")
        .header("X-Secret-Hop", "for the gateway only")
        .header("Proxy-Connection", "keep-alive")
        .header("X-Kept", "end-to-end")
        .get("/api/v1/dimensions")
        .then()
        .statusCode(200);

    core.verifyThat(
        getRequestedFor(urlEqualTo("/api/v1/dimensions"))
            .withHeader("X-Kept", equalTo("end-to-end"))
            .withHeader("X-Secret-Hop", absent())
            .withHeader("Keep-Alive", absent())
            .withHeader("Upgrade", absent())
            .withHeader("Proxy-Connection", absent()));
    LoggedRequest at = core.find(getRequestedFor(urlEqualTo("/api/v1/dimensions"))).get(0);
    String connection = at.containsHeader("Connection") ? at.getHeader("Connection") : "";
    assertThat(connection).doesNotContainIgnoringCase("x-secret-hop");
  }

  @Test
  void dropsHopByHopResponseHeadersAndThoseNamedInConnection() {
    core.register(
        get("/api/v1/dimensions")
            .willReturn(
                okJson(CoreAnswers.DIMENSIONS)
                    .withHeader("Connection", "X-Core-Hop")
                    .withHeader("X-Core-Hop", "for the gateway only")
                    .withHeader("Keep-Alive", "timeout=5")
                    .withHeader("Proxy-Authenticate", "Basic realm=core")
                    .withHeader("Upgrade", "example/1")
                    .withHeader("X-End", "end-to-end")));

    Response response = given().get("/api/v1/dimensions");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("X-End")).isEqualTo("end-to-end");
    assertThat(response.headers().hasHeaderWithName("X-Core-Hop")).isFalse();
    assertThat(response.headers().hasHeaderWithName("Keep-Alive")).isFalse();
    assertThat(response.headers().hasHeaderWithName("Proxy-Authenticate")).isFalse();
    assertThat(response.headers().hasHeaderWithName("Upgrade")).isFalse();
  }

  @Test
  void tellsTheCoreWhoAskedThroughXForwardedHeaders() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    given().get("/api/v1/dimensions").then().statusCode(200);
    given().header("X-Forwarded-For", "203.0.113.9").get("/api/v1/dimensions");

    List<LoggedRequest> received = core.find(getRequestedFor(urlEqualTo("/api/v1/dimensions")));
    assertThat(received).hasSize(2);
    String loopback = "(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)";
    assertThat(received.get(0).getHeader("X-Forwarded-For")).matches(loopback);
    assertThat(received.get(1).getHeader("X-Forwarded-For"))
        .matches("203\\.0\\.113\\.9, " + loopback);
    for (LoggedRequest at : received) {
      assertThat(at.getHeader("X-Forwarded-Proto")).isEqualTo("http");
      assertThat(at.getHeader("X-Forwarded-Host")).isEqualTo(gateway.getAuthority());
    }
  }

  @Test
  void passesTheCoresStatusAndProblemDocumentThroughUnchanged() {
    String problem =
        "{\"type\":\"urn:jessy:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"No session with id s-1.\",\"request_id\":\"core-side\"}";
    core.register(
        get("/api/v1/sessions/s-1")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(problem)));

    Response response = given().get("/api/v1/sessions/s-1");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.asString()).isEqualTo(problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"400", "409", "500", "503"})
  void passesOtherCoreStatusesThrough(int status) {
    core.register(
        get("/api/v1/dimensions").willReturn(aResponse().withStatus(status).withBody("x")));

    // Off the contract: statuses the real core never gives this route, forwarded all the same.
    assertThat(offContract().get("/api/v1/dimensions").statusCode()).isEqualTo(status);
  }

  /**
   * A 204 (the core's answer to DELETE of a session) has no body and no framing (RFC 9110 §6.4.1):
   * a stray chunked terminator would be read as the start of the next response on the connection.
   */
  @Test
  void relaysABodilessNoContentAnswerAndKeepsTheConnectionUsable() throws Exception {
    core.register(delete("/api/v1/sessions/s-1").willReturn(aResponse().withStatus(204)));
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> deleted =
        API.checked(
            client.send(
                HttpRequest.newBuilder(URI.create(gateway + "api/v1/sessions/s-1"))
                    .timeout(Duration.ofSeconds(30))
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
    HttpResponse<String> next =
        API.checked(
            client.send(
                HttpRequest.newBuilder(URI.create(gateway + "api/v1/dimensions"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(deleted.body()).isEmpty();
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo(CoreAnswers.DIMENSIONS);
  }

  @Test
  void answersAHeadRequestWithTheCoresHeadersAndNoBody() {
    core.register(
        head(urlEqualTo("/api/v1/dimensions")).willReturn(okJson(CoreAnswers.DIMENSIONS)));

    Response response = given().head("/api/v1/dimensions");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.asString()).isEmpty();
    core.verifyThat(1, requestedFor("HEAD", urlEqualTo("/api/v1/dimensions")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"req-123", "0f9a6c1e-3b7d-4d0e-9a43-1c2b3d4e5f60", "trace.span:01_A"})
  void keepsASaneRequestIdPassesItToTheCoreAndEchoesItOnce(String id) {
    core.register(
        get("/api/v1/dimensions")
            .willReturn(okJson(CoreAnswers.DIMENSIONS).withHeader("X-Request-Id", "core-own")));

    Response response = given().header("X-Request-Id", id).get("/api/v1/dimensions");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().getValues("X-Request-Id")).containsExactly(id);
    core.verifyThat(
        getRequestedFor(urlEqualTo("/api/v1/dimensions")).withHeader("X-Request-Id", equalTo(id)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<script>",
        "has space",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ""
      })
  void replacesAnInsaneRequestIdAndGivesTheCoreTheSameOne(String id) {
    core.register(
        get("/api/v1/dimensions")
            .willReturn(okJson(CoreAnswers.DIMENSIONS).withHeader("X-Request-Id", "core-own")));

    Response response = given().header("X-Request-Id", id).get("/api/v1/dimensions");

    List<String> echoed = response.headers().getValues("X-Request-Id");
    assertThat(echoed).hasSize(1);
    assertThat(echoed.get(0)).matches(Problems.UUID_PATTERN);
    core.verifyThat(
        getRequestedFor(urlEqualTo("/api/v1/dimensions"))
            .withHeader("X-Request-Id", equalTo(echoed.get(0))));
  }

  @Test
  void generatesARequestIdWhenTheClientSendsNone() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    String id = given().get("/api/v1/dimensions").header("X-Request-Id");

    assertThat(id).matches(Problems.UUID_PATTERN);
    core.verifyThat(
        getRequestedFor(urlEqualTo("/api/v1/dimensions")).withHeader("X-Request-Id", equalTo(id)));
  }

  @Test
  void propagatesTheW3cTraceToTheCore() {
    core.register(post("/api/v1/query").willReturn(okJson(CoreAnswers.QUERY)));

    given()
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .contentType("application/json")
        .body("{\"query\":\"trace me\"}")
        .post("/api/v1/query")
        .then()
        .statusCode(200);

    core.verifyThat(
        requestedFor("POST", urlEqualTo("/api/v1/query"))
            .withHeader(
                "traceparent", matching("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-0[01]")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/health", "/api/health/live"})
  void answersAWrongMethodOnTheGatewaysOwnResourcesWithA405Problem(String path) {
    assertProblem(given().body("{}").post(path), 405, "method-not-allowed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/nope", "/api", "/api/v2/query", "/v1/query"})
  void answersAnUnknownPathOutsideTheApiWithA404Problem(String path) {
    assertProblem(given().header("X-Request-Id", "lost-1").get(path), 404, "not-found");

    core.verifyThat(0, anyRequestedFor(anyUrl()));
  }
}
