package io.jessy.core.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class HealthResourceTest {

  /** RFC 3339 date-time: full date, 'T', time with optional fraction, and a zone. */
  private static final String RFC_3339 =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

  @ConfigProperty(name = "quarkus.application.version")
  String version;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/health", "/health/live", "/health/ready"})
  void reportsHealthyWithTheDesignsBody(String path) {
    JsonPath body =
        given().get(path).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

    assertThat(body.getString("status")).isEqualTo("healthy");
    assertThat(body.getString("service")).isEqualTo("jessy-core");
    assertThat(body.getString("version")).isEqualTo(version).matches("\\d+\\.\\d+\\.\\d+.*");
    String timestamp = body.getString("timestamp");
    assertThat(timestamp).matches(RFC_3339);
    assertThat(OffsetDateTime.parse(timestamp).toInstant())
        .isBetween(
            java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(60));
  }

  @Test
  void readinessShowsTheEngineAndTheStore() {
    JsonPath body = given().get("/health/ready").then().statusCode(200).extract().jsonPath();

    assertThat(body.getString("checks.engine.status")).isEqualTo("up");
    assertThat(body.getString("checks.engine.dimensions")).isEqualTo("15");
    assertThat(body.getString("checks.store.status")).isEqualTo("up");
    assertThat(body.getString("checks.store.backend"))
        .isEqualTo("log:" + Path.of("target/test-data/sessions.log").toAbsolutePath());
    assertThat(body.getLong("checks.store.latency_ms")).isNotNegative();
  }

  @Test
  void livenessDependsOnNothingElse() {
    JsonPath body = given().get("/health/live").then().statusCode(200).extract().jsonPath();

    assertThat(body.getMap("checks")).doesNotContainKeys("engine", "store");
  }

  @Test
  void keepsSmallRyeHealthUnderQ() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("UP"));
  }
}
