package io.jessy.api.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.GatewayTest;
import io.jessy.api.StubCoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/health}: the gateway is healthy while the core answers its readiness check. */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class GatewayHealthTest extends GatewayTest {

  private static JsonPath body(Response response, int status) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    JsonPath body = response.jsonPath();
    assertThat(body.getString("service")).isEqualTo("jessy-api");
    assertThat(body.getString("version")).isNotBlank();
    assertThat(OffsetDateTime.parse(body.getString("timestamp"))).isNotNull();
    return body;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/health", "/api/health/ready"})
  void isHealthyWithTheCoresLatencyWhileTheCoreIsReady(String path) {
    core.register(get("/health/ready").willReturn(okJson("{\"status\":\"healthy\"}")));

    JsonPath health = body(given().get(path), 200);

    assertThat(health.getString("status")).isEqualTo("healthy");
    assertThat(health.getString("checks.core.status")).isEqualTo("up");
    assertThat(health.getDouble("checks.core.latency_ms")).isGreaterThanOrEqualTo(0);
    assertThat(health.getString("checks.core.error")).isNull();
    assertThat(health.getString("checks.rate_limits.status")).isEqualTo("up");
    assertThat(health.getString("checks.rate_limits.buckets")).isEqualTo("local");
    core.verifyThat(1, getRequestedFor(urlEqualTo("/health/ready")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {503, 500, 404})
  void isUnhealthyWhileTheCoreIsNotReady(int coreStatus) {
    core.register(get("/health/ready").willReturn(aResponse().withStatus(coreStatus)));

    JsonPath health = body(given().get("/api/health"), 503);

    assertThat(health.getString("status")).isEqualTo("unhealthy");
    assertThat(health.getString("checks.core.status")).isEqualTo("down");
    assertThat(health.getString("checks.core.error")).isEqualTo("HTTP " + coreStatus);
    assertThat(health.getDouble("checks.core.latency_ms")).isGreaterThanOrEqualTo(0);
  }

  @Test
  void isUnhealthyWhenTheCoreDoesNotAnswerInTime() {
    core.register(get("/health/ready").willReturn(okJson("{}").withFixedDelay(6000)));

    JsonPath health = body(given().get("/api/health"), 503);

    assertThat(health.getString("checks.core.status")).isEqualTo("down");
    assertThat(health.getString("checks.core.error")).containsIgnoringCase("timeout");
  }

  @Test
  void isLiveWithoutAskingTheCore() {
    core.register(get("/health/ready").willReturn(aResponse().withStatus(503)));

    JsonPath live = body(given().get("/api/health/live"), 200);

    assertThat(live.getString("status")).isEqualTo("healthy");
    assertThat(live.getMap("checks")).isEmpty();
    core.verifyThat(0, getRequestedFor(urlEqualTo("/health/ready")));
  }

  @Test
  void tagsHealthAnswersWithARequestId() {
    core.register(get("/health/ready").willReturn(okJson("{}")));

    assertThat(given().header("X-Request-Id", "probe-1").get("/api/health").header("X-Request-Id"))
        .isEqualTo("probe-1");
  }
}
