package io.jessy.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.jessy.web.ApiException;
import io.jessy.web.Problem;
import io.jessy.web.ProblemMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ProblemMapper#describe} turns Jackson's failures into words a client can act on. */
class ProblemMapperTest {

  /** Parses like the service: snake_case and {@link JsonSettings}' strictness. */
  private static final ObjectMapper SERVICE_JSON = serviceJson();

  private static ObjectMapper serviceJson() {
    ObjectMapper mapper =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    new JsonSettings().customize(mapper);
    return mapper;
  }

  private static String describe(String body) {
    JsonProcessingException e =
        catchThrowableOfType(
            JsonProcessingException.class, () -> SERVICE_JSON.readValue(body, QueryRequest.class));
    assertThat(e).as("expected %s to fail", body).isNotNull();
    return ProblemMapper.describe(e);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          query a number           | {"query": 1}                            | Field "query" must be a string.
          query a fraction         | {"query": 1.5}                          | Field "query" must be a string.
          query a boolean          | {"query": false}                        | Field "query" must be a string.
          query an array           | {"query": ["a"]}                        | Field "query" must be a string.
          max_iterations a string  | {"query": "a", "max_iterations": "5"}   | Field "max_iterations" must be an integer.
          max_iterations 5.5       | {"query": "a", "max_iterations": 5.5}   | Field "max_iterations" must be an integer.
          max_iterations a boolean | {"query": "a", "max_iterations": true}  | Field "max_iterations" must be an integer.
          user_id a number         | {"query": "a", "user_id": 7}            | Field "user_id" must be a string.
          unknown field            | {"query": "a", "mode": "fast"}          | Unknown field "mode".
          camelCase field          | {"query": "a", "sessionId": "s"}        | Unknown field "sessionId".
          an array body            | [1, 2]                                  | The body must be a JSON object.
          a string body            | "hello"                                 | The body must be a JSON object.
          a number body            | 42                                      | The body must be a JSON object.
          missing query            | {}                                      | Field "query" is required.
          empty query              | {"query": ""}                           | Field "query" must not be empty.
          bad session id           | {"query": "a", "session_id": "a/b"}     | Field "session_id" must be 1-64 characters of letters, digits, '_' or '-'.
          max_iterations 10        | {"query": "a", "max_iterations": 10}    | Field "max_iterations" must be between 1 and 9.
          """)
  void namesTheFieldAndWhatItMustBe(String name, String body, String expected) {
    assertThat(describe(body)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unterminated object | {"query": "a"
          single quotes       | {'query': 'a'}
          bare word           | hello
          trailing garbage    | {"query": "a"} x
          comment             | {"query": "a" /* no */}
          """)
  void saysWhenTheBodyIsNotJson(String name, String body) {
    assertThat(describe(body)).startsWith("The body is not valid JSON: ").doesNotContain("\n\tat");
  }

  @Test
  void rejectsASecondDocumentAfterTheObject() {
    assertThat(describe("{\"query\": \"a\"} {\"query\": \"b\"}")).contains("JSON object");
  }

  @Test
  void fallsBackToAGenericSentenceForOtherFailures() {
    JsonProcessingException other = new JsonProcessingException("internal detail") {};
    JsonMappingException mapping =
        JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null, "internal detail");

    assertThat(ProblemMapper.describe(other)).isEqualTo("The body could not be read as JSON.");
    assertThat(ProblemMapper.describe(mapping)).isEqualTo("The body could not be read as JSON.");
  }

  @Test
  void prefersTheValidationMessageOfAWrappedApiException() {
    JsonMappingException wrapped =
        new JsonMappingException(null, "wrapper", ApiException.badRequest("Exactly this."));

    assertThat(ProblemMapper.describe(wrapped)).isEqualTo("Exactly this.");
  }

  @Test
  void buildsProblemsWithAUrnType() {
    Problem problem = Problem.of(418, "teapot", "I'm a teapot", "Short and stout.", "r-1");

    assertThat(problem.type()).isEqualTo("urn:jessy:problem:teapot");
    assertThat(problem.status()).isEqualTo(418);
    assertThat(problem.requestId()).isEqualTo("r-1");
    assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
  }

  @Test
  void namesNotFoundProblems() {
    ApiException e = ApiException.notFound("No session with id x.");

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.slug()).isEqualTo("not-found");
    assertThat(e.title()).isEqualTo("Not found");
    assertThat(e).hasMessage("No session with id x.");
  }
}
