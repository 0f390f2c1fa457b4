package io.jessy.api;

import java.util.Optional;

/** A scrape of {@code /api/metrics}, read one series at a time. */
public record PrometheusText(String text) {

  public static PrometheusText scrape() {
    return new PrometheusText(
        GatewayTest.given().get("/api/metrics").then().statusCode(200).extract().body().asString());
  }

  /**
   * The value of the first series whose name is {@code name} and whose labels contain every one of
   * {@code labels} (each written {@code key="value"}); empty when there is none.
   */
  public Optional<Double> value(String name, String... labels) {
    return text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(
            line -> {
              String series = line.substring(0, line.lastIndexOf(' '));
              for (String label : labels) {
                if (!series.contains(label)) {
                  return false;
                }
              }
              return true;
            })
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }
}
