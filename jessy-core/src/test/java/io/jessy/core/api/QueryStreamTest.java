package io.jessy.core.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jessy.core.TestSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class QueryStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Event(String name, JsonNode data) {}

  /** Reads a whole Server-Sent Events body into its events, in order. */
  static List<Event> events(String body) throws IOException {
    List<Event> events = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(5).strip());
        }
      }
      if (!data.isEmpty()) {
        events.add(new Event(name, JSON.readTree(data.toString())));
      }
    }
    return events;
  }

  private static Response stream(String... parameters) {
    var request = given().accept("text/event-stream");
    for (int i = 0; i < parameters.length; i += 2) {
      request.queryParam(parameters[i], parameters[i + 1]);
    }
    return request.get("/api/v1/query/stream");
  }

  private static List<Event> streamEvents(String... parameters) throws IOException {
    Response response = stream(parameters);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/event-stream");
    return events(response.asString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I feel sad and lonely",
        "how do I learn to write code",
        "the and of it",
        "feelings think goal friends today meaning code"
      })
  void sendsNavigationInterferenceEachIterationThenAnswerAndDone(String query) throws IOException {
    int iterations = QueryResourceTest.ask(query).path("iterations").path("count").asInt();

    List<Event> events = streamEvents("query", query);

    List<String> expected = new ArrayList<>(List.of("navigation", "interference"));
    expected.addAll(Collections.nCopies(iterations, "iteration"));
    expected.addAll(List.of("answer", "done"));
    assertThat(events).extracting(Event::name).containsExactlyElementsOf(expected);
  }

  @Test
  void streamsTheSameFindingsAsThePostRoute() throws IOException {
    String query = "Why does music make me feel happy?";
    JsonNode posted = QueryResourceTest.ask(query);

    List<Event> events = streamEvents("query", query);

    JsonNode navigation = events.get(0).data();
    assertThat(navigation.path("tokens")).hasSize(4);
    assertThat(navigation.path("tokens").get(0).asText()).isEqualTo("why");
    assertThat(navigation.path("dimensions")).isEqualTo(posted.path("dimensions"));
    assertThat(navigation.path("return_to_source").asBoolean()).isFalse();
    assertThat(navigation.path("fallback").asBoolean()).isFalse();
    JsonNode interference = events.get(1).data();
    assertThat(interference.path("dominant_frequency"))
        .isEqualTo(posted.path("dominant_frequency"));
    assertThat(interference.path("interference")).isEqualTo(posted.path("interference"));
    List<JsonNode> steps =
        events.stream().filter(e -> e.name().equals("iteration")).map(Event::data).toList();
    List<JsonNode> postedSteps = new ArrayList<>();
    posted.path("iterations").path("steps").forEach(postedSteps::add);
    assertThat(steps).containsExactlyElementsOf(postedSteps);
    assertThat(steps.get(0).path("number").asInt()).isEqualTo(1);
    JsonNode answer = events.get(events.size() - 2).data();
    assertThat(answer.path("answer").asText()).isEqualTo(posted.path("answer").asText());
    assertThat(answer.path("answer_source").asText()).isEqualTo("local");
    assertThat(answer.path("outcome").asText()).isEqualTo("answered");
    JsonNode done = events.get(events.size() - 1).data();
    assertThat(done.path("converged").asBoolean())
        .isEqualTo(posted.path("iterations").path("converged").asBoolean());
    assertThat(done.path("session_id").asText()).isNotBlank();
  }

  @Test
  void honoursMaxIterations() throws IOException {
    List<Event> events = streamEvents("query", "I feel sad and lonely", "max_iterations", "2");

    assertThat(events.stream().filter(e -> e.name().equals("iteration"))).hasSize(2);
    assertThat(events.get(events.size() - 1).data().path("converged").asBoolean()).isFalse();
  }

  @Test
  void sendsOnlyAnswerAndDoneForARedirectedQuery() throws IOException {
    List<Event> events = streamEvents("query", "I want to kill myself");

    assertThat(events).extracting(Event::name).containsExactly("answer", "done");
    JsonNode answer = events.get(0).data();
    assertThat(answer.path("outcome").asText()).isEqualTo("redirected");
    assertThat(answer.path("answer_source").asText()).isEqualTo("safety");
    assertThat(answer.path("safety_category").asText()).isEqualTo("self_harm");
    assertThat(answer.path("answer").asText()).contains("988");
  }

  @Test
  void remembersTheStreamedTurnInTheSession() throws IOException {
    List<Event> events = streamEvents("query", "what is consciousness", "user_id", "erin");

    String id = events.get(events.size() - 1).data().path("session_id").asText();
    assertThat(id).matches(io.jessy.web.Problems.UUID_PATTERN);
    given()
        .get("/api/v1/sessions/" + id)
        .then()
        .statusCode(200)
        .body("user_id", org.hamcrest.Matchers.equalTo("erin"))
        .body("turns.query", org.hamcrest.Matchers.contains("what is consciousness"));
  }

  @Test
  void reportsASessionOfAnotherUserAsAConflictNotAnInternalError() throws IOException {
    String id = TestSessions.start("frank", "hello");

    Response response = stream("query", "hello", "session_id", id, "user_id", "grace");

    // Bad input is a 4xx, never a 5xx (SPEC section 4): either a plain 409 before the stream
    // starts, or a final error event carrying the 409 problem.
    JsonNode problem;
    if (response.statusCode() == 409) {
      problem = JSON.readTree(response.asString());
    } else {
      List<Event> events = events(response.asString());
      assertThat(events).extracting(Event::name).doesNotContain("answer", "done").endsWith("error");
      problem = events.get(events.size() - 1).data();
    }
    assertThat(problem.path("status").asInt()).isEqualTo(409);
    assertThat(problem.path("type").asText()).isEqualTo("urn:jessy:problem:session-conflict");
    given()
        .get("/api/v1/sessions/" + id)
        .then()
        .statusCode(200)
        .body("user_id", org.hamcrest.Matchers.equalTo("frank"))
        .body("turns", org.hamcrest.Matchers.hasSize(1));
  }
}
