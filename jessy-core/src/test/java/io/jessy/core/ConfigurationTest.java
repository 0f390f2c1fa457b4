package io.jessy.core;

import static io.jessy.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service as configured through its environment: a mounted dimension file
 * (JESSY_DIMENSIONS_FILE) replaces the shipped one, the navigation threshold
 * (NAV_CONFIDENCE_THRESHOLD) is honoured, JESSY_ENV shows in /status and PROMETHEUS_ENABLED=false
 * hides /metrics. One profile, so Quarkus restarts once for all of it.
 */
@QuarkusTest
@TestProfile(ConfigurationTest.Profile.class)
class ConfigurationTest {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "jessy.dimensions-file",
          Path.of("src/test/resources/replacement-dimensions.json").toAbsolutePath().toString(),
          "jessy.navigation.threshold",
          "0.5",
          "jessy.env",
          "production",
          "jessy.metrics",
          "false");
    }
  }

  private static JsonPath ask(String query) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query))
        .post("/api/v1/query")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void servesTheReplacementDimensions() {
    JsonPath body = given().get("/api/v1/dimensions").then().statusCode(200).extract().jsonPath();

    assertThat(body.getInt("count")).isEqualTo(2);
    assertThat(body.getInt("fallback_dimension")).isEqualTo(2);
    assertThat(body.getList("dimensions.name")).containsExactly("Weather", "Stillness");
    assertThat(body.getList("dimensions[0].layers[0].keywords"))
        .containsExactly("rain", "sun", "weather", "wind");
  }

  @Test
  void reportsTheLoadedCountAndEnvironmentInStatus() {
    JsonPath status = given().get("/status").then().statusCode(200).extract().jsonPath();

    assertThat(status.getInt("dimensions_loaded")).isEqualTo(2);
    assertThat(status.getString("environment")).isEqualTo("production");
    given().get("/health/ready").then().statusCode(200);
  }

  @Test
  void navigatesTheReplacementDimensionsDownTheirLayers() {
    JsonPath response = ask("rain storm");

    assertThat(response.getList("dimensions.name")).containsExactly("Weather");
    assertThat(response.getDouble("dimensions[0].confidence")).isEqualTo(0.5);
    assertThat(response.getList("dimensions[0].layer_path.level")).containsExactly(0, 1);
    assertThat(response.getDouble("dominant_frequency")).isEqualTo(1.3);
  }

  @Test
  void fallsBackWhenNoDimensionReachesTheConfiguredThreshold() {
    JsonPath response = ask("rain and sunshine tomorrow");

    assertThat(response.getBoolean("fallback")).isTrue();
    assertThat(response.getList("dimensions.name")).containsExactly("Stillness");
  }

  @Test
  void hidesMetricsWhenPrometheusIsDisabled() {
    JsonPath problem = assertProblem(given().get("/metrics"), 404, "not-found");

    assertThat(problem.getString("detail")).contains("PROMETHEUS_ENABLED=false");
  }

  @Test
  void keepsEverythingElseWhenMetricsAreDisabled() {
    given().get("/health").then().statusCode(200);
    given().get("/status").then().statusCode(200);
  }
}
