package io.jessy.core.api;

import static io.jessy.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.core.TestSessions;
import io.jessy.web.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsResourceTest {

  private static String newSessionId() {
    return "s-" + UUID.randomUUID();
  }

  /** Asks without a session id: the core starts a session and names it. Returns its id. */
  private static String start(String userId, String query) {
    String id = TestSessions.start(userId, query);
    assertThat(id).matches(Problems.UUID_PATTERN);
    return id;
  }

  private static int ask(String sessionId, String userId, String query) {
    Map<String, Object> body = new HashMap<>();
    body.put("query", query);
    body.put("session_id", sessionId);
    if (userId != null) {
      body.put("user_id", userId);
    }
    return given().contentType(ContentType.JSON).body(body).post("/api/v1/query").statusCode();
  }

  private static JsonPath session(String sessionId) {
    return given()
        .get("/api/v1/sessions/" + sessionId)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }

  @Test
  void appendsTurnsInOrderAcrossQueriesWithTheSameSessionId() {
    String id = start("alice", "I feel sad and lonely");

    assertThat(ask(id, "alice", "what is consciousness")).isEqualTo(200);
    assertThat(ask(id, "alice", "I want to kill myself")).isEqualTo(200);

    JsonPath session = session(id);
    assertThat(session.getString("session_id")).isEqualTo(id);
    assertThat(session.getString("user_id")).isEqualTo("alice");
    assertThat(session.getInt("turn_count")).isEqualTo(3);
    assertThat(session.getList("turns.query"))
        .containsExactly("I feel sad and lonely", "what is consciousness", "I want to kill myself");
    assertThat(session.getList("turns.outcome"))
        .containsExactly("answered", "answered", "redirected");
    assertThat(session.getList("turns.answer_source")).containsExactly("local", "local", "safety");
    assertThat(session.getList("turns[0].dimensions")).containsExactly("Emotion");
    assertThat(session.getList("turns[1].dimensions")).containsExactly("Meta-Awareness");
    assertThat(session.getList("turns[2].dimensions")).isEmpty();
    assertThat(session.getDouble("turns[0].dominant_frequency")).isEqualTo(0.9);
    assertThat(session.getString("turns[2].dominant_frequency")).isNull();
    assertThat(session.getList("turns.iterations")).containsExactly(7, 7, 0);
    assertThat(session.getString("turns[2].answer")).contains("988");
  }

  @Test
  void recordsTimesThatAdvanceWithTheTurns() {
    String id = start(null, "hello");
    ask(id, null, "hello again");

    JsonPath session = session(id);

    Instant created = Instant.parse(session.getString("created_at"));
    Instant updated = Instant.parse(session.getString("updated_at"));
    List<Instant> turnTimes =
        session.getList("turns.created_at", String.class).stream().map(Instant::parse).toList();
    assertThat(created).isEqualTo(turnTimes.get(0));
    assertThat(updated).isEqualTo(turnTimes.get(1));
    assertThat(turnTimes.get(1)).isAfterOrEqualTo(turnTimes.get(0));
  }

  @Test
  void storesTheAnswerTheClientReceived() {
    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("query", "how do I learn to write code"))
            .post("/api/v1/query")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(session(answer.getString("session_id")).getString("turns[0].answer"))
        .isEqualTo(answer.getString("answer"));
  }

  @Test
  void answersAnUnknownSessionWith404() {
    assertProblem(given().get("/api/v1/sessions/" + newSessionId()), 404, "not-found");
    assertProblem(given().delete("/api/v1/sessions/" + newSessionId()), 404, "not-found");
  }

  @Test
  void acceptsAnIdOfExactly64CharactersInThePath() {
    assertProblem(given().get("/api/v1/sessions/" + "a".repeat(64)), 404, "not-found");
  }

  @Test
  void deletesASessionWith204AndForgetsIt() {
    String id = start(null, "hello");

    given().delete("/api/v1/sessions/" + id).then().statusCode(204);

    assertProblem(given().get("/api/v1/sessions/" + id), 404, "not-found");
    assertProblem(given().delete("/api/v1/sessions/" + id), 404, "not-found");
  }

  @Test
  void neverCreatesASessionUnderAnIdTheClientChose() {
    String deleted = start("alice", "hello");
    given().delete("/api/v1/sessions/" + deleted).then().statusCode(204);

    for (String id : List.of(deleted, newSessionId())) {
      var response =
          given()
              .contentType(ContentType.JSON)
              .body(Map.of("query", "hello again", "session_id", id))
              .post("/api/v1/query");
      assertThat(assertProblem(response, 404, "not-found").getString("detail")).contains(id);
      assertProblem(given().get("/api/v1/sessions/" + id), 404, "not-found");
    }
  }

  @Test
  void refusesASessionReusedWithAnotherUserIdWith409AndKeepsItUnchanged() {
    String id = start("alice", "hello");

    var response =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("query", "let me in", "session_id", id, "user_id", "mallory"))
            .post("/api/v1/query");

    JsonPath problem = assertProblem(response, 409, "session-conflict");
    assertThat(problem.getString("detail")).contains(id).doesNotContain("alice");
    JsonPath session = session(id);
    assertThat(session.getString("user_id")).isEqualTo("alice");
    assertThat(session.getList("turns.query")).containsExactly("hello");
  }

  @Test
  void letsTheOwnerContinueWithoutRepeatingTheUserId() {
    String id = start("alice", "hello");

    assertThat(ask(id, null, "still me")).isEqualTo(200);
    assertThat(ask(id, "alice", "and again")).isEqualTo(200);

    JsonPath session = session(id);
    assertThat(session.getString("user_id")).isEqualTo("alice");
    assertThat(session.getInt("turn_count")).isEqualTo(3);
  }

  @Test
  void givesAnAnonymousSessionToTheFirstUserWhoNamesThemselves() {
    String id = start(null, "hello");

    assertThat(ask(id, "carol", "it's carol")).isEqualTo(200);

    assertThat(session(id).getString("user_id")).isEqualTo("carol");
    assertThat(ask(id, "dave", "it's dave")).isEqualTo(409);
  }

  @Test
  void pagesBackwardsThroughALongHistory() {
    String id = start(null, "question 1");
    for (int i = 2; i <= 5; i++) {
      ask(id, null, "question " + i);
    }

    JsonPath latest = page(id, "?limit=2");
    assertThat(latest.getInt("turn_count")).isEqualTo(5);
    assertThat(latest.getList("turns.turn")).containsExactly(4, 5);
    assertThat(latest.getList("turns.query")).containsExactly("question 4", "question 5");
    assertThat(latest.getInt("next_before")).isEqualTo(4);

    JsonPath middle = page(id, "?limit=2&before=4");
    assertThat(middle.getList("turns.query")).containsExactly("question 2", "question 3");

    JsonPath first = page(id, "?limit=2&before=" + middle.getInt("next_before"));
    assertThat(first.getList("turns.query")).containsExactly("question 1");
    assertThat(first.getString("next_before")).isNull();

    JsonPath whole = session(id);
    assertThat(whole.getList("turns.turn")).containsExactly(1, 2, 3, 4, 5);
    assertThat(whole.getString("next_before")).isNull();
  }

  @Test
  void refusesPagingParametersThatAreNotPositiveWholeNumbersInRange() {
    String id = start(null, "hello");
    for (String query :
        List.of("limit=0", "limit=-1", "limit=abc", "limit=1001", "before=0", "before=x")) {
      String[] parameter = query.split("=");
      JsonPath problem =
          assertProblem(
              given().queryParam(parameter[0], parameter[1]).get("/api/v1/sessions/" + id),
              400,
              "invalid-request");
      assertThat(problem.getString("detail")).as(query).contains(parameter[0]);
    }
    assertThat(page(id, "?limit=1000").getList("turns")).hasSize(1);
  }

  private static JsonPath page(String sessionId, String query) {
    return given()
        .get("/api/v1/sessions/" + sessionId + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
