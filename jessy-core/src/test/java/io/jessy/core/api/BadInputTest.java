package io.jessy.core.api;

import static io.jessy.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.core.ContractCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input is a 4xx problem document naming what was wrong, never a 5xx. */
@QuarkusTest
class BadInputTest {

  private static final String LONG_ID = "a".repeat(65);

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  private static Response post(String contentType, String body) {
    return given().contentType(contentType).body(body).when().post("/api/v1/query");
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        bad("malformed JSON", "{\"query\": \"hi\"", "invalid-json", "not valid JSON"),
        bad("not JSON at all", "query=hello", "invalid-json", "not valid JSON"),
        bad("trailing garbage", "{\"query\": \"hi\"} {}", "invalid-json", "JSON"),
        bad("query is a number", "{\"query\": 1}", "invalid-json", "\"query\" must be a string"),
        bad(
            "query is a boolean",
            "{\"query\": true}",
            "invalid-json",
            "\"query\" must be a string"),
        bad("query is an object", "{\"query\": {\"a\": 1}}", "invalid-json", "\"query\""),
        bad(
            "max_iterations is a string",
            "{\"query\": \"hi\", \"max_iterations\": \"5\"}",
            "invalid-json",
            "\"max_iterations\" must be an integer"),
        bad(
            "max_iterations is a fraction",
            "{\"query\": \"hi\", \"max_iterations\": 5.5}",
            "invalid-json",
            "\"max_iterations\" must be an integer"),
        bad(
            "max_iterations is a boolean",
            "{\"query\": \"hi\", \"max_iterations\": true}",
            "invalid-json",
            "\"max_iterations\""),
        bad(
            "session_id is a number",
            "{\"query\": \"hi\", \"session_id\": 5}",
            "invalid-json",
            "\"session_id\" must be a string"),
        bad("query missing", "{}", "invalid-request", "\"query\" is required"),
        bad("query null", "{\"query\": null}", "invalid-request", "\"query\" is required"),
        bad("query empty", "{\"query\": \"\"}", "invalid-request", "\"query\" must not be empty"),
        bad(
            "query whitespace only",
            "{\"query\": \" \\t\\n \"}",
            "invalid-request",
            "\"query\" must not be empty"),
        bad(
            "query of 10 001 characters",
            "{\"query\": \"" + "x".repeat(10_001) + "\"}",
            "invalid-request",
            "at most 10000 characters, got 10001"),
        bad(
            "max_iterations 0",
            "{\"query\": \"hi\", \"max_iterations\": 0}",
            "invalid-request",
            "\"max_iterations\" must be between 1 and 9"),
        bad(
            "max_iterations 10",
            "{\"query\": \"hi\", \"max_iterations\": 10}",
            "invalid-request",
            "\"max_iterations\" must be between 1 and 9"),
        bad(
            "max_iterations negative",
            "{\"query\": \"hi\", \"max_iterations\": -1}",
            "invalid-request",
            "\"max_iterations\" must be between 1 and 9"),
        bad(
            "unknown field",
            "{\"query\": \"hi\", \"qeury\": \"typo\"}",
            "invalid-json",
            "Unknown field \"qeury\""),
        bad("JSON array", "[{\"query\": \"hi\"}]", "invalid-json", "must be a JSON object"),
        bad("JSON string", "\"hi\"", "invalid-json", "JSON object"),
        bad("JSON null", "null", "invalid-request", "\"query\""),
        bad("empty body", "", "invalid-request", "\"query\""));
  }

  private static Arguments bad(String name, String body, String slug, String detail) {
    return Arguments.of(name, body, slug, detail);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void rejectsABadQueryBodyWithA400ThatSaysWhy(
      String name, String body, String slug, String detail) {
    JsonPath problem = assertProblem(post("application/json", body), 400, slug);

    assertThat(problem.getString("detail")).contains(detail);
  }

  static Stream<Arguments> hostileIds() {
    return Stream.of(
        Arguments.of("path traversal", "../../etc/passwd"),
        Arguments.of("65 characters", LONG_ID),
        Arguments.of("unicode", "sessión"),
        Arguments.of("spaces", "my session"),
        Arguments.of("empty", ""),
        Arguments.of("dots", "a.b"),
        Arguments.of("markup", "<script>"));
  }

  @ParameterizedTest(name = "session_id: {0}")
  @MethodSource("hostileIds")
  void rejectsAHostileSessionIdInTheBody(String name, String id) {
    JsonPath problem =
        assertProblem(
            post("application/json", "{\"query\": \"hi\", \"session_id\": \"" + id + "\"}"),
            400,
            "invalid-request");

    assertThat(problem.getString("detail")).contains("session_id");
  }

  @ParameterizedTest(name = "user_id: {0}")
  @MethodSource("hostileIds")
  void rejectsAHostileUserIdInTheBody(String name, String id) {
    JsonPath problem =
        assertProblem(
            post("application/json", "{\"query\": \"hi\", \"user_id\": \"" + id + "\"}"),
            400,
            "invalid-request");

    assertThat(problem.getString("detail")).contains("user_id");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          65 characters      | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
          unicode            | sessi%C3%B3n
          spaces             | my%20session
          dots               | a.b
          encoded traversal  | ..%2F..%2Fetc%2Fpasswd
          markup             | %3Cscript%3E
          """)
  void rejectsAHostileSessionIdInThePath(String name, String encodedId) {
    for (String method : new String[] {"GET", "DELETE"}) {
      Response response =
          given().urlEncodingEnabled(false).request(method, "/api/v1/sessions/" + encodedId);

      assertProblem(response, 400, "invalid-request");
    }
  }

  @Test
  void answersARawPathTraversalWithA404ProblemInsteadOfLeavingTheApi() {
    Response response =
        given().urlEncodingEnabled(false).get("/api/v1/sessions/../../../etc/passwd");

    assertProblem(response, 404, "not-found");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /api/v1/query, text/plain",
    "POST, /api/v1/query, application/xml",
    "POST, /api/v1/query, application/x-www-form-urlencoded"
  })
  void refusesAnUnsupportedContentTypeWith415(String method, String path, String contentType) {
    Response response =
        given().contentType(contentType).body("{\"query\": \"hi\"}").request(method, path);

    assertProblem(response, 415, "unsupported-media-type");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "PUT, /api/v1/query",
    "DELETE, /api/v1/query",
    "GET, /api/v1/query",
    "POST, /api/v1/query/stream",
    "POST, /api/v1/dimensions",
    "DELETE, /api/v1/dimensions",
    "PUT, /api/v1/sessions/abc",
    "POST, /api/v1/sessions/abc",
    "POST, /status",
    "DELETE, /health"
  })
  void refusesAnUnsupportedMethodWith405(String method, String path) {
    Response response = given().contentType("application/json").body("{}").request(method, path);

    assertProblem(response, 405, "method-not-allowed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/nope", "/api/v1/nope", "/api/v2/query", "/api/v1/sessions"})
  void answersAnUnknownPathWith404(String path) {
    assertProblem(given().get(path), 404, "not-found");
  }

  @Test
  void refusesABodyOver64KiBWith413() {
    String body = "{\"query\": \"hi\"" + " ".repeat(64 * 1024) + "}";

    JsonPath problem = assertProblem(post("application/json", body), 413, "payload-too-large");

    assertThat(problem.getString("detail")).contains("65551 bytes").contains("64 KiB");
  }

  @Test
  void refusesAnOversizedBodyOnAnyRoute() {
    String body = "x".repeat(64 * 1024 + 1);

    assertProblem(
        given().contentType("text/plain").body(body).post("/api/v1/dimensions"),
        413,
        "payload-too-large");
  }

  @Test
  void acceptsABodyOfExactly64KiB() {
    String head = "{\"query\": \"what is consciousness\"";
    String body = head + " ".repeat(64 * 1024 - head.length() - 1) + "}";
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);

    post("application/json", body).then().statusCode(200);
  }

  @ParameterizedTest(name = "{0} KiB")
  @ValueSource(ints = {65, 100, 2048})
  void refusesAChunkedBodyOver64KiBWith413(int kib) throws Exception {
    // No Content-Length: the body arrives in chunks, so only its actual size can be checked.
    byte[] body =
        ("{\"query\": \"hi\"" + " ".repeat(kib * 1024) + "}").getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    ContractCheck.CORE.checked(response, new String(body, StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JsonPath.from(response.body()).getString("type"))
        .isEqualTo("urn:jessy:problem:payload-too-large");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/v1/dimensions", "/status", "/api/v1/sessions/abc"})
  void answersAnUnacceptableAcceptHeaderWith406(String path) {
    assertProblem(given().accept("application/xml").get(path), 406, "not-acceptable");
  }

  @Test
  void acceptsAQueryOfTenThousandCharactersOnTheStream() {
    // The stream takes the query in the URL, so its request line must hold the longest valid query.
    given()
        .accept("text/event-stream")
        .queryParam("query", "x".repeat(QueryRequest.MAX_QUERY_LENGTH))
        .get("/api/v1/query/stream")
        .then()
        .statusCode(200);
  }

  static Stream<Arguments> badStreamParameters() {
    return Stream.of(
        Arguments.of("query missing", new String[] {}, "\"query\" is required"),
        Arguments.of("query empty", new String[] {"query", ""}, "\"query\""),
        Arguments.of("query blank", new String[] {"query", "   "}, "\"query\" must not be empty"),
        Arguments.of("query too long", new String[] {"query", "x".repeat(10_001)}, "at most 10000"),
        Arguments.of(
            "max_iterations not a number",
            new String[] {"query", "hi", "max_iterations", "five"},
            "\"max_iterations\""),
        Arguments.of(
            "max_iterations fraction",
            new String[] {"query", "hi", "max_iterations", "5.5"},
            "\"max_iterations\""),
        Arguments.of(
            "max_iterations 0",
            new String[] {"query", "hi", "max_iterations", "0"},
            "between 1 and 9"),
        Arguments.of(
            "max_iterations 10",
            new String[] {"query", "hi", "max_iterations", "10"},
            "between 1 and 9"),
        Arguments.of(
            "session_id traversal",
            new String[] {"query", "hi", "session_id", "../etc/passwd"},
            "session_id"),
        Arguments.of(
            "user_id too long", new String[] {"query", "hi", "user_id", LONG_ID}, "user_id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStreamParameters")
  void rejectsBadStreamParametersWith400BeforeAnyEvent(
      String name, String[] parameters, String detail) {
    var request = given().accept("text/event-stream");
    for (int i = 0; i < parameters.length; i += 2) {
      request.queryParam(parameters[i], parameters[i + 1]);
    }

    JsonPath problem = assertProblem(request.get("/api/v1/query/stream"), 400, "invalid-request");

    assertThat(problem.getString("detail")).contains(detail);
  }
}
