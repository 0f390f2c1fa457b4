package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping methods of {@link ProblemMapper}, called as Quarkus REST calls them. */
class ProblemMapperTest {

  private final ProblemMapper mapper = new ProblemMapper();
  private final HttpServerRequest request = request("pm-1");

  /** The request as the mapper sees it once {@link RequestIds} has run. */
  private static HttpServerRequest request(String requestId) {
    return (HttpServerRequest)
        Proxy.newProxyInstance(
            ProblemMapperTest.class.getClassLoader(),
            new Class<?>[] {HttpServerRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getHeader" ->
                      RequestIds.HEADER.equalsIgnoreCase(args[0].toString()) ? requestId : null;
                  case "method" -> HttpMethod.POST;
                  case "path" -> "/api/v1/query";
                  case "toString" -> "request " + requestId;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static Problem assertProblem(Response response, int status, String slug) {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
    Problem problem = (Problem) response.getEntity();
    assertThat(problem.type()).isEqualTo("urn:jessy:problem:" + slug);
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.title()).isNotBlank();
    assertThat(problem.detail()).isNotBlank().doesNotContain("\tat ", "Exception");
    assertThat(problem.requestId()).isEqualTo("pm-1");
    return problem;
  }

  @Test
  void rendersAnApiExceptionWithItsOwnStatusSlugTitleAndDetail() {
    ApiException e = new ApiException(409, "session-conflict", "Session conflict", "Not yours.");

    Problem problem = assertProblem(mapper.api(e, request), 409, "session-conflict");

    assertThat(problem.title()).isEqualTo("Session conflict");
    assertThat(problem.detail()).isEqualTo("Not yours.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          404 | not-found                | Not Found                | No resource at this path.
          405 | method-not-allowed       | Method Not Allowed       | This method is not allowed on this resource.
          406 | not-acceptable           | Not Acceptable           | No acceptable representation; this resource serves JSON.
          413 | payload-too-large        | Payload too large        | The request body is too large.
          415 | unsupported-media-type   | Unsupported Media Type   | Unsupported content type; send application/json.
          """)
  void rendersFrameworkRefusalsAsClientErrors(
      int status, String slug, String title, String detail) {
    Problem problem =
        assertProblem(mapper.web(new WebApplicationException(status), request), status, slug);

    assertThat(problem.title()).isEqualTo(title);
    assertThat(problem.detail()).isEqualTo(detail);
  }

  @Test
  void namesAnUnlistedClientErrorGenerically() {
    WebApplicationException e = new WebApplicationException("Teapot refused.", 499);

    Problem problem = assertProblem(mapper.web(e, request), 499, "client-error");

    assertThat(problem.title()).isEqualTo("Client error");
    assertThat(problem.detail()).isEqualTo("Teapot refused.");
  }

  @Test
  void keepsTheMessageOfOtherKnownClientErrors() {
    WebApplicationException e = new WebApplicationException("Who are you?", 401);

    Problem problem = assertProblem(mapper.web(e, request), 401, "unauthorized");

    assertThat(problem.detail()).isEqualTo("Who are you?");
  }

  @Test
  void rendersAFrameworkServerErrorAsAnOpaque500() {
    WebApplicationException e =
        new WebApplicationException("db password is hunter2", new IllegalStateException(), 502);

    Problem problem = assertProblem(mapper.web(e, request), 500, "internal-error");

    assertThat(problem.detail()).doesNotContain("hunter2");
  }

  @Test
  void unwrapsAnApiExceptionThatTheFrameworkWrappedInA400() {
    WebApplicationException wrapped =
        new WebApplicationException(ApiException.badRequest("Field \"query\" is required."), 400);

    Problem problem = assertProblem(mapper.web(wrapped, request), 400, "invalid-request");

    assertThat(problem.detail()).isEqualTo("Field \"query\" is required.");
  }

  @Test
  void unwrapsAJsonFailureThatTheFrameworkWrappedInA400() {
    JsonProcessingException json = parseFailure("{\"a\": ");
    WebApplicationException wrapped = new WebApplicationException(json, 400);

    Problem problem = assertProblem(mapper.web(wrapped, request), 400, "invalid-json");

    assertThat(problem.detail()).startsWith("The body is not valid JSON: ");
  }

  @Test
  void rendersJsonFailuresAs400InvalidJson() {
    assertProblem(mapper.json(parseFailure("nope"), request), 400, "invalid-json");

    MismatchedInputException mismatch =
        catchThrowableOfType(
            MismatchedInputException.class, () -> JSON.readValue("[1]", Sample.class));
    Problem problem = assertProblem(mapper.mismatch(mismatch, request), 400, "invalid-json");
    assertThat(problem.detail()).isEqualTo("The body must be a JSON object.");
  }

  @Test
  void rendersAnUnexpectedFailureAsA500WithoutItsMessageOrStackTrace() {
    RuntimeException e =
        new IllegalStateException("connection string postgres://u:secret@db", new Error("root"));

    Problem problem = assertProblem(mapper.unexpected(e, request), 500, "internal-error");

    assertThat(problem.title()).isEqualTo("Internal error");
    assertThat(problem.detail())
        .isEqualTo("The request failed; see the logs for its request id.")
        .doesNotContain("secret", "IllegalState");
  }

  @Test
  void findsAnApiExceptionOrJsonFailureDeepInsideAnUnexpectedOne() {
    RuntimeException api =
        new RuntimeException(new IllegalStateException(ApiException.notFound("No session.")));
    RuntimeException json = new RuntimeException(parseFailure("{"));

    assertProblem(mapper.unexpected(api, request), 404, "not-found");
    assertProblem(mapper.unexpected(json, request), 400, "invalid-json");
  }

  @Test
  void leavesTheRequestIdOutWhenTheRequestHasNone() {
    Response response = mapper.api(ApiException.badRequest("x"), request(null));

    assertThat(((Problem) response.getEntity()).requestId()).isNull();
  }

  // --- describe -----------------------------------------------------------------------------

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  record Inner(long size, Boolean on) {}

  record Sample(String name, Integer count, Inner inner) {
    Sample {
      if (name != null && name.isBlank()) {
        throw new IllegalArgumentException("Field \"name\" must not be blank.");
      }
    }
  }

  private static JsonProcessingException parseFailure(String body) {
    JsonProcessingException e =
        catchThrowableOfType(
            JsonProcessingException.class, () -> JSON.readValue(body, Sample.class));
    assertThat(e).as("expected %s to fail", body).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          a string for an integer   | {"count": "x"}                 | Field "count" must be an integer.
          an object for a string    | {"name": {}}                   | Field "name" must be a string.
          a nested long             | {"inner": {"size": "big"}}     | Field "inner.size" must be an integer.
          an array for a boolean    | {"inner": {"on": []}}          | Field "inner.on" must be of type Boolean.
          an array for the body     | [1]                            | The body must be a JSON object.
          a string for the body     | "hello"                        | The body must be a JSON object.
          an unknown field          | {"mode": 1}                    | Unknown field "mode".
          a constructor refusal     | {"name": " "}                  | Field "name" must not be blank.
          a second document         | {"name": "a"} {"name": "b"}    | The body has content after its JSON object; send exactly one object.
          """)
  void describesWhatIsWrongWithTheBody(String name, String body, String expected) {
    assertThat(ProblemMapper.describe(parseFailure(body))).isEqualTo(expected);
  }

  @Test
  void describesSyntaxErrorsWithoutAStackTrace() {
    JsonProcessingException e = parseFailure("{'name': 'a'}");

    assertThat(e).isInstanceOf(JsonParseException.class);
    assertThat(ProblemMapper.describe(e))
        .startsWith("The body is not valid JSON: ")
        .doesNotContain("\n\tat", "Sample");
  }

  @Test
  void fallsBackToAGenericSentence() {
    JsonMappingException other =
        JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null, "internal detail");

    assertThat(ProblemMapper.describe(other)).isEqualTo("The body could not be read as JSON.");
  }

  @Test
  void prefersTheMessageOfAWrappedApiException() {
    JsonMappingException wrapped =
        new JsonMappingException(null, "wrapper", ApiException.badRequest("Exactly this."));

    assertThat(ProblemMapper.describe(wrapped)).isEqualTo("Exactly this.");
  }
}
