package io.jessy.core.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusResourceTest {

  private static JsonPath status() {
    return given()
        .get("/status")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }

  @Test
  void describesThisInstance() {
    JsonPath status = status();

    assertThat(status.getString("service")).isEqualTo("jessy-core");
    assertThat(status.getString("instance")).isEqualTo(StatusResource.instanceName()).isNotBlank();
    assertThat(status.getString("version")).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(status.getString("environment")).isIn("development", "test", "production");
    assertThat(status.getInt("dimensions_loaded")).isEqualTo(15);
    assertThat(status.getString("storage_backend")).startsWith("log:").endsWith("sessions.log");
    assertThat(status.getString("answer_generator")).isEqualTo("local");
    assertThat(status.getLong("uptime_seconds")).isNotNegative();
    assertThat(Instant.parse(status.getString("started_at"))).isBefore(Instant.now());
  }

  @Test
  void countsEveryProcessedQueryIncludingRedirects() {
    long before = status().getLong("queries_processed");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", "what is consciousness"))
        .post("/api/v1/query")
        .then()
        .statusCode(200);
    long afterOne = status().getLong("queries_processed");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", "I want to kill myself"))
        .post("/api/v1/query")
        .then()
        .statusCode(200);
    long afterTwo = status().getLong("queries_processed");

    assertThat(afterOne).isEqualTo(before + 1);
    assertThat(afterTwo).isEqualTo(before + 2);
  }

  @Test
  void doesNotCountRejectedQueries() {
    long before = status().getLong("queries_processed");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", " "))
        .post("/api/v1/query")
        .then()
        .statusCode(400);

    assertThat(status().getLong("queries_processed")).isEqualTo(before);
  }
}
