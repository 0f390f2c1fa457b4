package io.jessy.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jessy.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryRequestTest {

  private static ApiException rejection(
      String query, String sessionId, String userId, Integer maxIterations) {
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> new QueryRequest(query, sessionId, userId, maxIterations));
    assertThat(e).as("expected a rejection").isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.slug()).isEqualTo("invalid-request");
    assertThat(e.title()).isEqualTo("Invalid request");
    return e;
  }

  @Test
  void stripsTheQueryAndDefaultsToNineIterations() {
    QueryRequest request = new QueryRequest("  \thello world \n", null, null, null);

    assertThat(request.query()).isEqualTo("hello world");
    assertThat(request.maxIterations()).isEqualTo(9);
    assertThat(request.sessionId()).isNull();
    assertThat(request.userId()).isNull();
  }

  @Test
  void requiresAQuery() {
    assertThat(rejection(null, null, null, null)).hasMessage("Field \"query\" is required.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", " ", "\t\n", "\u2003\u2003"})
  void rejectsAnEmptyOrBlankQuery(String query) {
    assertThat(rejection(query, null, null, null)).hasMessage("Field \"query\" must not be empty.");
  }

  @Test
  void acceptsTenThousandCharactersAndRejectsOneMore() {
    assertThat(new QueryRequest("q".repeat(10_000), null, null, null).query()).hasSize(10_000);

    assertThat(rejection("q".repeat(10_001), null, null, null))
        .hasMessage("Field \"query\" must be at most 10000 characters, got 10001.");
  }

  @Test
  void countsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units

    assertThatCode(() -> new QueryRequest(emoji.repeat(10_000), null, null, null))
        .doesNotThrowAnyException();
    assertThat(rejection(emoji.repeat(10_001), null, null, null)).hasMessageContaining("10001");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {1, 5, 9})
  void acceptsOneToNineIterations(int maxIterations) {
    assertThat(new QueryRequest("hi", null, null, maxIterations).maxIterations())
        .isEqualTo(maxIterations);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 10, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void rejectsIterationsOutsideOneToNine(int maxIterations) {
    assertThat(rejection("hi", null, null, maxIterations))
        .hasMessage("Field \"max_iterations\" must be between 1 and 9.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "a",
        "session-1",
        "USER_42",
        "0f9a6c1e-3b7d-4d0e-9a43-1c2b3d4e5f60",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void acceptsIdsOfLettersDigitsUnderscoreAndHyphen(String id) {
    QueryRequest request = new QueryRequest("hi", id, id, null);

    assertThat(request.sessionId()).isEqualTo(id);
    assertThat(request.userId()).isEqualTo(id);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "path traversal | ../../etc/passwd",
        "65 characters  | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "empty          | ``",
        "space          | a b",
        "unicode        | sessión",
        "fullwidth      | ａｂｃ",
        "dot            | a.b",
        "slash          | a/b",
        "backslash      | `a\\b`",
        "trailing space | `abc `"
      })
  void rejectsHostileIds(String name, String id) {
    assertThat(rejection("hi", id, null, null))
        .hasMessage("Field \"session_id\" must be 1-64 characters of letters, digits, '_' or '-'.");
    assertThat(rejection("hi", null, id, null)).hasMessageContaining("\"user_id\"");
  }

  @Test
  void allowsAbsentIds() {
    assertThatCode(() -> QueryRequest.requireId("session_id", null)).doesNotThrowAnyException();
  }
}
