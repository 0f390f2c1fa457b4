package io.jessy.core;

import static io.restassured.RestAssured.given;

/** A scrape of {@code /metrics}, read one series at a time. */
public record PrometheusText(String text) {

  public static PrometheusText scrape() {
    return new PrometheusText(
        given().get("/metrics").then().statusCode(200).extract().body().asString());
  }

  /**
   * The value of one series, e.g. {@code jessy_queries_total{outcome="answered"}}; 0 when the
   * series does not exist yet (a counter nobody has incremented).
   */
  public double value(String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    return 0;
  }

  public boolean has(String series) {
    return text.lines().anyMatch(line -> line.startsWith(series + " "));
  }
}
