package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Health documents and Prometheus metrics. */
public class HealthSteps {

  /** One sample line of the Prometheus text format: name, optional labels, value. */
  private static final Pattern SAMPLE =
      Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? -?[0-9.eE+-]+|.* (NaN|[+-]Inf)");

  private static final Pattern ANSWERED_QUERIES =
      Pattern.compile("jessy_queries_total\\{[^}]*outcome=\"(\\w+)\"[^}]*} (\\S+)");

  private final Client client;

  public HealthSteps(Client client) {
    this.client = client;
  }

  @Then("the health document says {string} for the service {string}")
  public void theHealthDocumentSays(String status, String service) {
    Response response = client.last();
    assertThat(response.contentType()).startsWith("application/json");
    JsonPath health = response.jsonPath();
    assertThat(health.getString("status")).isEqualTo(status);
    assertThat(health.getString("service")).isEqualTo(service);
    assertThat(health.getString("version")).isNotBlank();
    // RFC 3339: a date, a time and an offset (Z or ±hh:mm).
    assertThat(OffsetDateTime.parse(health.getString("timestamp"))).isNotNull();
  }

  @Then("the core check is {string} with its latency in milliseconds")
  public void theCoreCheckIs(String status) {
    JsonPath health = client.last().jsonPath();
    assertThat(health.getString("checks.core.status")).isEqualTo(status);
    Object latency = health.get("checks.core.latency_ms");
    assertThat(latency).isInstanceOf(Number.class);
    assertThat(((Number) latency).doubleValue()).isGreaterThanOrEqualTo(0);
  }

  @Then("the body is Prometheus text")
  public void theBodyIsPrometheusText() {
    Response response = client.last();
    assertThat(response.contentType()).matches("(text/plain|application/openmetrics-text).*");
    List<String> lines = Arrays.asList(response.asString().split("\n"));
    assertThat(lines).anyMatch(line -> line.startsWith("# TYPE "));
    assertThat(lines)
        .filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
        .isNotEmpty()
        .allMatch(line -> SAMPLE.matcher(line).matches());
  }

  @Then("the metrics count at least {int} query/queries with the outcome {string}")
  public void theMetricsCountQueries(int count, String outcome) {
    double total = 0;
    Matcher m = ANSWERED_QUERIES.matcher(client.last().asString());
    while (m.find()) {
      if (m.group(1).equals(outcome)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    assertThat(total).isGreaterThanOrEqualTo(count);
  }
}
