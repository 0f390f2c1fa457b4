package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jessy.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.KeysAndLimitsProfile;
import io.jessy.api.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code API_KEYS} guards {@code /api/v1/**}; each client has its own token bucket. */
@QuarkusTest
@TestProfile(KeysAndLimitsProfile.class)
class KeysAndLimitsTest extends GatewayTest {

  @BeforeEach
  void coreAnswers() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));
    core.register(get("/health/ready").willReturn(okJson("{}")));
  }

  private static Response dimensions(String authorization) {
    var request = given();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.get("/api/v1/dimensions");
  }

  @ParameterizedTest(name = "Authorization: {0}")
  @CsvSource(
      nullValues = "<none>",
      value = {"<none>", "Bearer nope", "Bearer k1x", "Basic k1", "k1", "'Bearer '", "Bearer k5"})
  void refusesAMissingOrWrongKeyWith401WithoutCallingTheCore(String authorization) {
    Response response = dimensions(authorization);

    assertProblem(response, 401, "unauthorized");
    assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(response.asString()).doesNotContain("k1", "k2");
    core.verifyThat(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"k1", "k2"})
  void forwardsARequestWithAnyConfiguredKey(String key) {
    Response response = dimensions("Bearer " + key);

    assertThat(response.statusCode()).isEqualTo(200);
    core.verifyThat(
        getRequestedFor(urlEqualTo("/api/v1/dimensions"))
            .withHeader("Authorization", equalTo("Bearer " + key)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/health", "/api/health/live", "/api/health/ready", "/api/metrics"})
  void servesHealthAndMetricsWithoutAKey(String path) {
    assertThat(given().get(path).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesTheRequestAfterTheBurstWith429AndRateLimitHeaders() {
    dimensions("Bearer k4").then().statusCode(200); // warms the path up, in another bucket
    double limitedBefore =
        PrometheusText.scrape().value("jessy_gateway_rate_limited_total").orElse(0.0);

    List<Response> responses = new ArrayList<>();
    for (int i = 0; i <= KeysAndLimitsProfile.BURST; i++) {
      responses.add(dimensions("Bearer k3"));
    }

    for (int i = 0; i < KeysAndLimitsProfile.BURST; i++) {
      Response allowed = responses.get(i);
      assertThat(allowed.statusCode()).as("request %d", i + 1).isEqualTo(200);
      assertThat(allowed.header("RateLimit-Limit")).isEqualTo("3");
      assertThat(allowed.header("RateLimit-Remaining"))
          .isEqualTo(Integer.toString(KeysAndLimitsProfile.BURST - 1 - i));
    }
    Response refused = responses.get(KeysAndLimitsProfile.BURST);
    assertProblem(refused, 429, "rate-limited");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isGreaterThanOrEqualTo(1);
    core.verifyThat(
        KeysAndLimitsProfile.BURST,
        getRequestedFor(urlEqualTo("/api/v1/dimensions"))
            .withHeader("Authorization", equalTo("Bearer k3")));

    // Another key is another client, with a bucket of its own.
    assertThat(dimensions("Bearer k4").statusCode()).isEqualTo(200);
    assertThat(PrometheusText.scrape().value("jessy_gateway_rate_limited_total"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(limitedBefore + 1));
  }
}
