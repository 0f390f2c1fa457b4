package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Problem} documents and the {@link ApiException}s that become them. */
class ProblemTest {

  @Test
  void buildsAnRfc9457DocumentWithAUrnType() throws Exception {
    Problem problem = Problem.of(418, "teapot", "I'm a teapot", "Short and stout.", "r-1");

    JsonNode json =
        PlumbingServer.SERVICE_JSON.readTree(
            PlumbingServer.SERVICE_JSON.writeValueAsString(problem));

    assertThat(json.get("type").asText()).isEqualTo("urn:jessy:problem:teapot");
    assertThat(json.get("title").asText()).isEqualTo("I'm a teapot");
    assertThat(json.get("status").asInt()).isEqualTo(418);
    assertThat(json.get("detail").asText()).isEqualTo("Short and stout.");
    assertThat(json.get("request_id").asText()).isEqualTo("r-1");
    assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "badRequest, 400, invalid-request, Invalid request",
    "notFound, 404, not-found, Not found"
  })
  void namesTheCommonApiFailures(String factory, int status, String slug, String title) {
    ApiException e =
        factory.equals("badRequest")
            ? ApiException.badRequest("The detail.")
            : ApiException.notFound("The detail.");

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.slug()).isEqualTo(slug);
    assertThat(e.title()).isEqualTo(title);
    assertThat(e).hasMessage("The detail.").isInstanceOf(RuntimeException.class);
  }

  @Test
  void carriesAnyStatusAndSlug() {
    ApiException e = new ApiException(409, "session-conflict", "Session conflict", "Not yours.");

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.slug()).isEqualTo("session-conflict");
    assertThat(e.title()).isEqualTo("Session conflict");
    assertThat(e).hasMessage("Not yours.");
  }
}
