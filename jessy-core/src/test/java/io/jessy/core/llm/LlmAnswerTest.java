package io.jessy.core.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jessy.core.Golden;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The core answering through an OpenAI-compatible server, and falling back when it fails. */
@QuarkusTest
@TestProfile(LlmAnswerTest.Profile.class)
class LlmAnswerTest {

  static final String API_KEY = "sk-test-4f2a9c";
  static final String QUERY = "what is consciousness";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "jessy.llm.api-key", API_KEY,
          "jessy.llm.model", "test-model",
          // Short enough for a slow reply to fall back quickly, long enough for a cold first call.
          "jessy.llm.timeout", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(WireMockLlm.class));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "jessy.llm.base-url")
  URI baseUrl;

  private static boolean warm;

  private WireMock llm;

  @BeforeEach
  void resetTheStub() {
    assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
    llm = new WireMock(baseUrl.getHost(), baseUrl.getPort());
    if (!warm) {
      // One untimed call first, so a cold client never meets the 1 s timeout in a real test.
      llm.register(ChatCompletions.answering("warm"));
      ask(Map.of("query", QUERY));
      warm = true;
    }
    llm.resetMappings();
    llm.resetRequests();
  }

  private static JsonPath ask(Map<String, Object> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/query")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void answersWithTheModelsReply() {
    llm.register(ChatCompletions.answering("  Awareness aware of itself.\n"));

    JsonPath response = ask(Map.of("query", QUERY));

    assertThat(response.getString("answer_source")).isEqualTo("llm");
    assertThat(response.getString("answer")).isEqualTo("Awareness aware of itself.");
    assertThat(response.getString("outcome")).isEqualTo("answered");
    assertThat(response.getInt("dimensions[0].id")).isEqualTo(10);
  }

  @Test
  void sendsTheModelTheMessagesAndTheBearerKey() throws Exception {
    llm.register(ChatCompletions.answering("ok"));

    ask(Map.of("query", "  " + QUERY + "  "));

    List<LoggedRequest> requests = llm.find(postRequestedFor(urlEqualTo(ChatCompletions.PATH)));
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(request.getBodyAsString());
    assertThat(body.path("model").asText()).isEqualTo("test-model");
    assertThat(body.path("temperature").asDouble()).isZero();
    JsonNode messages = body.path("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.path(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.path(0).path("content").asText())
        .contains("Meta-Awareness")
        .contains("0.52 Hz");
    assertThat(messages.path(1).path("role").asText()).isEqualTo("user");
    assertThat(messages.path(1).path("content").asText()).isEqualTo(QUERY);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("HTTP 500", ChatCompletions.failingWith(500)),
        Arguments.of("HTTP 429", ChatCompletions.failingWith(429)),
        Arguments.of("HTTP 404", ChatCompletions.failingWith(404)),
        Arguments.of("slower than the timeout", ChatCompletions.answeringAfter(3_000, "too late")),
        Arguments.of(
            "not JSON", ChatCompletions.respondingWith(aResponse().withBody("<html>oops</html>"))),
        Arguments.of("no choices", ChatCompletions.respondingWith(okJson("{\"choices\": []}"))),
        Arguments.of(
            "content not text",
            ChatCompletions.respondingWith(
                okJson("{\"choices\": [{\"message\": {\"content\": 42}}]}"))),
        Arguments.of("blank content", ChatCompletions.answering("   ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void fallsBackToTheLocalAnswerWhenTheModelFails(String name, MappingBuilder stub) {
    llm.register(stub);

    JsonPath response = ask(Map.of("query", QUERY));

    assertThat(response.getString("answer_source")).isEqualTo("fallback");
    assertThat(response.getString("answer")).isEqualTo(Golden.localAnswer(QUERY));
    assertThat(response.getString("outcome")).isEqualTo("answered");
  }

  @Test
  void neverAsksTheModelAboutARedirectedQuery() {
    llm.register(ChatCompletions.answering("should not be used"));

    JsonPath response = ask(Map.of("query", "I want to kill myself"));

    assertThat(response.getString("answer_source")).isEqualTo("safety");
    assertThat(response.getString("answer")).contains("988");
    assertThat(llm.find(postRequestedFor(urlEqualTo(ChatCompletions.PATH)))).isEmpty();
  }

  @Test
  void remembersWhereEachAnswerCameFrom() {
    llm.register(ChatCompletions.answering("from the model"));
    String session = ask(Map.of("query", QUERY)).getString("session_id");
    llm.resetMappings();
    llm.register(ChatCompletions.failingWith(503));
    ask(Map.of("query", QUERY, "session_id", session));

    JsonPath stored =
        given().get("/api/v1/sessions/" + session).then().statusCode(200).extract().jsonPath();

    assertThat(stored.getList("turns.answer_source")).containsExactly("llm", "fallback");
    assertThat(stored.getString("turns[0].answer")).isEqualTo("from the model");
  }

  @Test
  void streamsTheModelsAnswer() {
    llm.register(ChatCompletions.answering("streamed from the model"));

    String body =
        given()
            .accept("text/event-stream")
            .queryParam("query", QUERY)
            .get("/api/v1/query/stream")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(body).contains("streamed from the model").contains("\"answer_source\":\"llm\"");
  }

  @Test
  void namesTheModelInStatusButNeverTheKey() {
    String status = given().get("/status").then().statusCode(200).extract().asString();

    assertThat(JsonPath.from(status).getString("answer_generator")).isEqualTo("llm:test-model");
    assertThat(status).doesNotContain(API_KEY);
  }
}
