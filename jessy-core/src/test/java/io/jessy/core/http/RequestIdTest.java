package io.jessy.core.http;

import static io.jessy.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.web.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RequestIdTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "req-123",
        "0f9a6c1e-3b7d-4d0e-9a43-1c2b3d4e5f60",
        "trace.span:01_A",
        "x",
        // 128 characters, the longest sane id
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void echoesASaneClientIdAndPutsItInProblems(String id) {
    Response ok = given().header("X-Request-Id", id).get("/api/v1/dimensions");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header("X-Request-Id")).isEqualTo(id);

    Response problem =
        given()
            .header("X-Request-Id", id)
            .contentType(ContentType.JSON)
            .body("{\"query\": \"\"}")
            .post("/api/v1/query");

    assertThat(assertProblem(problem, 400, "invalid-request").getString("request_id"))
        .isEqualTo(id);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "has space",
        "semi;colon",
        "quote\"d",
        "ünicode",
        // 129 characters, one too many
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      })
  void replacesAnInsaneClientIdWithAGeneratedUuid(String id) {
    Response problem =
        given()
            .header("X-Request-Id", id)
            .contentType(ContentType.JSON)
            .body("{\"query\": \"\"}")
            .post("/api/v1/query");

    String replaced = assertProblem(problem, 400, "invalid-request").getString("request_id");
    assertThat(replaced).isNotEqualTo(id).matches(Problems.UUID_PATTERN);
    assertThat(problem.asString()).doesNotContain("<script>");
  }

  @Test
  void replacesAnIdOf200Characters() {
    String id = "b".repeat(200);

    Response response = given().header("X-Request-Id", id).get("/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("X-Request-Id")).matches(Problems.UUID_PATTERN);
  }

  @Test
  void givesEveryRequestWithoutAnIdAFreshOne() {
    String first = given().get("/health").header("X-Request-Id");
    String second = given().get("/health").header("X-Request-Id");

    assertThat(first).matches(Problems.UUID_PATTERN);
    assertThat(second).matches(Problems.UUID_PATTERN).isNotEqualTo(first);
  }

  @Test
  void tagsResponsesOutsideTheApiToo() {
    for (String path : new String[] {"/metrics", "/health/live", "/nope"}) {
      assertThat(given().header("X-Request-Id", "ops-1").get(path).header("X-Request-Id"))
          .as(path)
          .isEqualTo("ops-1");
    }
  }

  @Test
  void carriesTheIdIntoA413AndA409() {
    Response tooLarge =
        given()
            .header("X-Request-Id", "big-1")
            .contentType(ContentType.JSON)
            .body("{\"query\": \"" + "x".repeat(70_000) + "\"}")
            .post("/api/v1/query");
    assertThat(assertProblem(tooLarge, 413, "payload-too-large").getString("request_id"))
        .isEqualTo("big-1");

    String session = io.jessy.core.TestSessions.start("u1", "hi");
    Response conflict =
        given()
            .header("X-Request-Id", "conflict-1")
            .contentType(ContentType.JSON)
            .body(Map.of("query", "hi", "session_id", session, "user_id", "u2"))
            .post("/api/v1/query");
    assertThat(assertProblem(conflict, 409, "session-conflict").getString("request_id"))
        .isEqualTo("conflict-1");
  }
}
