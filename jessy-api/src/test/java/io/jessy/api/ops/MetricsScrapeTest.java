package io.jessy.api.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.PrometheusText;
import io.jessy.api.StubCoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /api/metrics} carries the gateway's own series (SPEC §5). */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class MetricsScrapeTest extends GatewayTest {

  @Test
  void countsForwardedRequestsByRouteMethodAndStatus() {
    core.register(post("/api/v1/query").willReturn(okJson(CoreAnswers.QUERY)));
    double before =
        PrometheusText.scrape()
            .value(
                "jessy_gateway_requests_total",
                "route=\"/api/v1/query\"",
                "method=\"POST\"",
                "status=\"200\"")
            .orElse(0.0);

    ask().post("/api/v1/query").then().statusCode(200);
    ask().post("/api/v1/query").then().statusCode(200);

    assertThat(
            PrometheusText.scrape()
                .value(
                    "jessy_gateway_requests_total",
                    "route=\"/api/v1/query\"",
                    "method=\"POST\"",
                    "status=\"200\""))
        .hasValue(before + 2);
  }

  @Test
  void collapsesSessionIdsIntoOneRouteLabel() {
    core.register(get("/api/v1/sessions/s-41").willReturn(okJson(CoreAnswers.SESSION)));
    core.register(get("/api/v1/sessions/s-42").willReturn(okJson(CoreAnswers.SESSION)));

    given().get("/api/v1/sessions/s-41").then().statusCode(200);
    given().get("/api/v1/sessions/s-42").then().statusCode(200);

    PrometheusText metrics = PrometheusText.scrape();
    assertThat(
            metrics.value(
                "jessy_gateway_requests_total",
                "route=\"/api/v1/sessions/{id}\"",
                "method=\"GET\"",
                "status=\"200\""))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(2));
    assertThat(metrics.text())
        .doesNotContain("jessy_gateway_requests_total{method=\"GET\",route=\"/api/v1/sessions/s-4");
  }

  /**
   * A label value per session id would make every series unbounded (and publish the ids); the
   * gateway's own series avoid it, and so must the HTTP server series Quarkus adds.
   */
  @Test
  void keepsSessionIdsOutOfEveryLabel() {
    core.register(get("/api/v1/sessions/s-43").willReturn(okJson(CoreAnswers.SESSION)));
    core.register(get("/api/v1/sessions/s-44").willReturn(okJson(CoreAnswers.SESSION)));

    given().get("/api/v1/sessions/s-43").then().statusCode(200);
    given().get("/api/v1/sessions/s-44").then().statusCode(200);

    List<String> leaking =
        PrometheusText.scrape()
            .text()
            .lines()
            .filter(line -> line.contains("s-43") || line.contains("s-44"))
            .toList();
    assertThat(leaking).as("series labelled with a session id").isEmpty();
  }

  @Test
  void exportsUpstreamLatencyRateLimitAndBreakerSeries() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));
    given().get("/api/v1/dimensions").then().statusCode(200);

    PrometheusText metrics = PrometheusText.scrape();

    assertThat(
            metrics.value(
                "jessy_gateway_upstream_duration_seconds_count", "route=\"/api/v1/dimensions\""))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
    assertThat(
            metrics.value(
                "jessy_gateway_upstream_duration_seconds_bucket", "route=\"/api/v1/dimensions\""))
        .isPresent();
    assertThat(metrics.value("jessy_gateway_rate_limited_total")).isPresent();
    assertThat(metrics.value("jessy_gateway_circuit_breaker_state")).hasValue(0.0);
  }
}
