package io.jessy.web.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiContractTest {

  private static final ApiContract CONTRACT = ApiContract.fromClasspath("contract/things.yaml");
  private static final Map<String, List<String>> JSON =
      Map.of("Content-Type", List.of("application/json"), "X-Request-Id", List.of("r-1"));
  private static final Map<String, List<String>> PROBLEM =
      Map.of("Content-Type", List.of("application/problem+json"));
  private static final String THING = "{\"id\":\"a\",\"name\":\"A\",\"note\":null}";

  @Test
  void aDocumentedExchangeConforms() {
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, JSON, THING))).isEmpty();
    assertThat(CONTRACT.violations(get("/api/things/abc?depth=2", 200, JSON, wrapped(THING))))
        .isEmpty();
    assertThat(CONTRACT.violations(exchange("DELETE", "/api/things/abc", "", 204, Map.of(), "")))
        .isEmpty();
  }

  @Test
  void anUndocumentedFieldFails() {
    String extra = "{\"id\":\"a\",\"name\":\"A\",\"colour\":\"red\"}";
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, JSON, extra)))
        .singleElement(STRING)
        .contains("body", "colour");
    // Also inside a schema written in the path itself (its pointer holds the template's braces).
    assertThat(CONTRACT.violations(get("/api/things/abc", 200, JSON, wrapped(extra))))
        .anySatisfy(v -> assertThat(v).contains("colour"));
  }

  @Test
  void aMissingOrMistypedFieldFails() {
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, JSON, "{\"id\":\"a\"}")))
        .anySatisfy(v -> assertThat(v).contains("name"));
    assertThat(
            CONTRACT.violations(
                post("{\"name\":\"A\"}", 201, JSON, "{\"id\":\"a\",\"name\":\"A\",\"note\":3}")))
        .anySatisfy(v -> assertThat(v).contains("note"));
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, JSON, "{\"id\":")))
        .anySatisfy(v -> assertThat(v).contains("not JSON"));
  }

  @Test
  void formatsAreAsserted() {
    String at = "{\"id\":\"a\",\"name\":\"A\",\"made_at\":\"%s\"}";
    assertThat(
            CONTRACT.violations(
                post("{\"name\":\"A\"}", 201, JSON, at.formatted("2026-11-29T17:00:00Z"))))
        .isEmpty();
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, JSON, at.formatted("yesterday"))))
        .singleElement(STRING)
        .contains("made_at", "date-time");
  }

  @Test
  void aProblemCarriesItsResponsesStatus() {
    assertThat(
            CONTRACT.violations(
                get("/api/things/abc", 404, PROBLEM, "{\"type\":\"nope\",\"status\":400}")))
        .singleElement(STRING)
        .contains("the problem says status 400, the response 404");
  }

  @Test
  void aDocumentedHeaderSentTwiceFails() {
    Map<String, List<String>> twice =
        Map.of("Content-Type", List.of("application/json"), "X-Request-Id", List.of("a", "b"));
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, twice, THING)))
        .singleElement(STRING)
        .contains("X-Request-Id sent 2 times");
  }

  @Test
  void anUndocumentedStatusOrContentTypeFails() {
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 200, JSON, THING)))
        .singleElement(STRING)
        .contains("status 200 is not documented", "201", "400");
    Map<String, List<String>> text =
        Map.of("Content-Type", List.of("text/plain"), "X-Request-Id", List.of("r-1"));
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, text, THING)))
        .singleElement(STRING)
        .contains("content type 'text/plain' is not documented");
    assertThat(CONTRACT.violations(exchange("DELETE", "/api/things/abc", "", 204, JSON, THING)))
        .singleElement(STRING)
        .contains("describes none");
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, JSON, "")))
        .singleElement(STRING)
        .contains("no body");
  }

  @Test
  void requiredHeadersMustBeThereAndDocumentedOnesValid() {
    Map<String, List<String>> noId = Map.of("Content-Type", List.of("application/json"));
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, noId, THING)))
        .singleElement(STRING)
        .contains("missing response header X-Request-Id");
    assertThat(
            CONTRACT
                .notRequiring(Set.of("x-request-id"))
                .violations(post("{\"name\":\"A\"}", 201, noId, THING)))
        .isEmpty();
    Map<String, List<String>> badRetry =
        Map.of(
            "content-type", List.of("application/json"),
            "x-request-id", List.of("r"),
            "retry-after", List.of("0"));
    assertThat(CONTRACT.violations(post("{\"name\":\"A\"}", 201, badRetry, THING)))
        .singleElement(STRING)
        .contains("header Retry-After");
  }

  @Test
  void aRequestTheDocumentRejectsMustBeAnswered4xx() {
    String problem = "{\"type\":\"bad\",\"status\":400}";
    // Body: an undocumented field, a missing one, not JSON, an undocumented content type.
    for (String body : List.of("{\"name\":\"A\",\"x\":1}", "{}", "{", "{\"name\":\"A\"}{}", "")) {
      assertThat(CONTRACT.violations(post(body, 400, PROBLEM, problem))).as(body).isEmpty();
      assertThat(CONTRACT.violations(post(body, 201, JSON, THING)))
          .as(body)
          .singleElement(STRING)
          .contains("a request the document rejects was answered 201");
    }
    Exchange plain =
        exchange("POST", "/api/things", "{\"name\":\"A\"}", 201, JSON, THING, "text/plain");
    assertThat(CONTRACT.violations(plain))
        .singleElement(STRING)
        .contains("request content type 'text/plain'");
    // Path and query parameters, a header parameter.
    assertThat(CONTRACT.violations(get("/api/things/ABC", 200, JSON, wrapped(THING))))
        .anySatisfy(v -> assertThat(v).contains("path parameter id"));
    assertThat(CONTRACT.violations(get("/api/things/abc?depth=4", 200, JSON, wrapped(THING))))
        .anySatisfy(v -> assertThat(v).contains("query parameter depth"));
    assertThat(CONTRACT.violations(get("/api/things/abc?depth=two", 400, PROBLEM, problem)))
        .isEmpty();
    assertThat(CONTRACT.violations(get("/api/things/abc?depth=007", 200, JSON, wrapped(THING))))
        .anySatisfy(v -> assertThat(v).contains("query parameter depth"));
    Exchange longId =
        new Exchange(
            "POST",
            URI.create("/api/things"),
            Map.of(
                "Content-Type", List.of("application/json"), "X-Request-Id", List.of("123456789")),
            bytes("{\"name\":\"A\"}"),
            500,
            PROBLEM,
            bytes(problem));
    assertThat(CONTRACT.violations(longId))
        .anySatisfy(v -> assertThat(v).contains("header parameter X-Request-Id", "answered 500"));
  }

  @Test
  void eachEventMustBeDocumentedAndItsDataValid() {
    Map<String, List<String>> sse = Map.of("Content-Type", List.of("text/event-stream"));
    String good = "event: made\ndata: " + THING + "\n\nevent: done\r\ndata: {\"count\":1}\r\n\r\n";
    assertThat(CONTRACT.violations(get("/api/things/abc/events", 200, sse, good))).isEmpty();
    String bad =
        "event: made\ndata: {\"id\":\"a\"}\n\n: a comment\n\nevent: gone\ndata: {}\n\ndata: {}\n\n";
    assertThat(CONTRACT.violations(get("/api/things/abc/events", 200, sse, good.strip())))
        .singleElement(STRING)
        .contains("ends inside an event");
    assertThat(CONTRACT.violations(get("/api/things/abc/events", 200, sse, ": nothing\n\n")))
        .singleElement(STRING)
        .contains("no event");
    assertThat(CONTRACT.violations(get("/api/things/abc/events", 200, sse, bad)))
        .hasSize(3)
        .anySatisfy(v -> assertThat(v).contains("event 1 'made'", "name"))
        .anySatisfy(v -> assertThat(v).contains("event 2 'gone' is not one of [made, done]"))
        .anySatisfy(v -> assertThat(v).contains("event 3 'message'"));
  }

  @Test
  void anUndocumentedPathOrMethodMayOnlyBeAnsweredWithAProblem() {
    String problem = "{\"type\":\"nope\",\"status\":404}";
    assertThat(CONTRACT.violations(get("/api/nothing", 404, PROBLEM, problem))).isEmpty();
    assertThat(CONTRACT.violations(get("/api/nothing", 200, JSON, "{}")))
        .anySatisfy(v -> assertThat(v).contains("undocumented path answered 200 (only"))
        .anySatisfy(v -> assertThat(v).contains("not application/problem+json"));
    assertThat(CONTRACT.violations(exchange("PUT", "/api/things", "", 405, PROBLEM, "{}")))
        .containsExactly(
            "body: required property 'type' not found",
            "body: required property 'status' not found");
    assertThat(
            CONTRACT.violations(
                get("/api/nothing", 503, PROBLEM, "{\"type\":\"down\",\"status\":503}")))
        .isEmpty();
    assertThat(
            CONTRACT.violations(
                get("/api/nothing", 500, PROBLEM, "{\"type\":\"oops\",\"status\":500}")))
        .singleElement(STRING)
        .contains("undocumented path answered 500");
    // HEAD is GET without a body; a preflight is not an operation.
    assertThat(CONTRACT.violations(exchange("HEAD", "/api/things/abc", "", 200, JSON, "")))
        .isEmpty();
    Exchange preflight =
        new Exchange(
            "OPTIONS",
            URI.create("/api/things"),
            Map.of("Origin", List.of("http://a"), "Access-Control-Request-Method", List.of("POST")),
            null,
            200,
            Map.of(),
            null);
    assertThat(CONTRACT.violations(preflight)).isEmpty();
    // Outside the covered paths nothing is checked.
    assertThat(CONTRACT.violations(get("/index.html", 200, Map.of(), "<html>"))).isEmpty();
    assertThat(CONTRACT.violations(get("/api/docs/", 200, Map.of(), "<html>"))).isEmpty();
    assertThat(
            CONTRACT
                .covering(path -> path.startsWith("/api/things/"))
                .violations(get("/api/nothing", 200, JSON, "{}")))
        .isEmpty();
  }

  @Test
  void checkNamesEveryViolation() {
    assertThatThrownBy(() -> CONTRACT.check(post("{\"name\":\"A\"}", 418, JSON, "{}")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("POST /api/things → 418 breaks the API contract")
        .hasMessageContaining("status 418 is not documented");
  }

  private static String wrapped(String thing) {
    return "{\"thing\":" + thing + "}";
  }

  private static Exchange post(
      String body, int status, Map<String, List<String>> headers, String response) {
    return exchange("POST", "/api/things", body, status, headers, response, "application/json");
  }

  private static Exchange get(
      String uri, int status, Map<String, List<String>> headers, String response) {
    return exchange("GET", uri, "", status, headers, response);
  }

  private static Exchange exchange(
      String method,
      String uri,
      String body,
      int status,
      Map<String, List<String>> headers,
      String response) {
    return exchange(method, uri, body, status, headers, response, "application/json");
  }

  private static Exchange exchange(
      String method,
      String uri,
      String body,
      int status,
      Map<String, List<String>> headers,
      String response,
      String requestType) {
    return new Exchange(
        method,
        URI.create(uri),
        Map.of("Content-Type", List.of(requestType)),
        bytes(body),
        status,
        headers,
        bytes(response));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
