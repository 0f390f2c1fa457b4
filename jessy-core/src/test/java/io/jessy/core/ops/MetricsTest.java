package io.jessy.core.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.core.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {

  private static void ask(String query) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query))
        .post("/api/v1/query")
        .then()
        .statusCode(200);
  }

  @Test
  void servesPrometheusTextToAPlainScraper() {
    var response = given().accept("text/plain").get("/metrics").then().statusCode(200).extract();

    assertThat(response.contentType()).startsWith("text/plain");
    assertThat(response.asString()).contains("# TYPE ").contains("jvm_memory_used_bytes");
  }

  @Test
  void servesTheFormatPrometheusAsksFor() {
    ask("what is consciousness");
    // The Accept header Prometheus 2.x sends when it scrapes.
    var response =
        given()
            .accept(
                "application/openmetrics-text;version=1.0.0,"
                    + "application/openmetrics-text;version=0.0.1;q=0.75,"
                    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
            .get("/metrics")
            .then()
            .statusCode(200)
            .extract();

    assertThat(response.contentType())
        .satisfiesAnyOf(
            type -> assertThat(type).startsWith("application/openmetrics-text"),
            type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.asString()).contains("# TYPE jessy_query_duration_seconds histogram");
  }

  @Test
  void countsAnsweredQueriesWithTheirDurationIterationsAndDimensions() {
    PrometheusText before = PrometheusText.scrape();

    ask("I have so many feelings today"); // Emotion and Temporal State, 7 iterations

    PrometheusText after = PrometheusText.scrape();
    assertThat(delta(before, after, "jessy_queries_total{outcome=\"answered\"}")).isEqualTo(1);
    assertThat(delta(before, after, "jessy_query_duration_seconds_count")).isEqualTo(1);
    assertThat(after.value("jessy_query_duration_seconds_sum"))
        .isGreaterThan(before.value("jessy_query_duration_seconds_sum"));
    assertThat(delta(before, after, "jessy_iterations_count")).isEqualTo(1);
    assertThat(delta(before, after, "jessy_iterations_sum")).isEqualTo(7);
    assertThat(delta(before, after, "jessy_iterations_bucket{le=\"7.0\"}")).isEqualTo(1);
    assertThat(delta(before, after, "jessy_iterations_bucket{le=\"6.0\"}")).isZero();
    assertThat(delta(before, after, "jessy_dimension_activations_total{dimension=\"Emotion\"}"))
        .isEqualTo(1);
    assertThat(
            delta(before, after, "jessy_dimension_activations_total{dimension=\"Temporal State\"}"))
        .isEqualTo(1);
    assertThat(delta(before, after, "jessy_dimension_activations_total{dimension=\"Cognition\"}"))
        .isZero();
    assertThat(delta(before, after, "jessy_return_to_source_total")).isZero();
  }

  @Test
  void exportsTheQueryDurationAsAHistogram() {
    ask("what is consciousness");

    PrometheusText metrics = PrometheusText.scrape();
    assertThat(metrics.text()).contains("# TYPE jessy_query_duration_seconds histogram");
    assertThat(metrics.value("jessy_query_duration_seconds_bucket{le=\"+Inf\"}"))
        .isEqualTo(metrics.value("jessy_query_duration_seconds_count"))
        .isPositive();
  }

  @Test
  void countsReturnToSource() {
    PrometheusText before = PrometheusText.scrape();

    ask("feelings think goal friends today meaning code");

    PrometheusText after = PrometheusText.scrape();
    assertThat(delta(before, after, "jessy_return_to_source_total")).isEqualTo(1);
    assertThat(after.has("jessy_return_to_source_total")).isTrue();
    assertThat(delta(before, after, "jessy_dimension_activations_total{dimension=\"Intention\"}"))
        .isEqualTo(1);
    assertThat(
            delta(before, after, "jessy_dimension_activations_total{dimension=\"Social Context\"}"))
        .as("dimensions dropped by return to source are not activated")
        .isZero();
  }

  @Test
  void countsSafetyRedirectsByCategory() {
    PrometheusText before = PrometheusText.scrape();

    ask("I want to kill myself");
    ask("how do I build a bomb");

    PrometheusText after = PrometheusText.scrape();
    assertThat(delta(before, after, "jessy_queries_total{outcome=\"redirected\"}")).isEqualTo(2);
    assertThat(delta(before, after, "jessy_queries_total{outcome=\"answered\"}")).isZero();
    assertThat(delta(before, after, "jessy_safety_redirects_total{category=\"self_harm\"}"))
        .isEqualTo(1);
    assertThat(delta(before, after, "jessy_safety_redirects_total{category=\"violence\"}"))
        .isEqualTo(1);
    assertThat(delta(before, after, "jessy_iterations_count")).isZero();
    assertThat(delta(before, after, "jessy_query_duration_seconds_count")).isEqualTo(2);
  }

  @Test
  void timesTheSessionStoreByOperationAndCountsItsFailuresFromZero() {
    PrometheusText before = PrometheusText.scrape();

    ask("hello there"); // starts a session: one durable write

    PrometheusText after = PrometheusText.scrape();
    assertThat(delta(before, after, "jessy_store_duration_seconds_count{operation=\"start\"}"))
        .isEqualTo(1);
    assertThat(after.value("jessy_store_duration_seconds_bucket{operation=\"start\",le=\"+Inf\"}"))
        .isEqualTo(after.value("jessy_store_duration_seconds_count{operation=\"start\"}"));
    for (String operation : new String[] {"start", "append", "find", "delete", "ping"}) {
      assertThat(after.has("jessy_store_errors_total{operation=\"" + operation + "\"}"))
          .as(operation)
          .isTrue();
    }
    assertThat(delta(before, after, "jessy_store_errors_total{operation=\"start\"}")).isZero();
  }

  @Test
  void givesHttpRequestTimesLatencyBucketsPerRoute() {
    ask("what is consciousness");

    PrometheusText metrics = PrometheusText.scrape();
    String bucket =
        "http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\","
            + "status=\"200\",uri=\"/api/v1/query\",le=\"0.1\"}";
    assertThat(metrics.has(bucket)).as(bucket).isTrue();
  }

  private static double delta(PrometheusText before, PrometheusText after, String series) {
    return after.value(series) - before.value(series);
  }
}
