package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Checks the RFC 9457 problem documents every failure of either service must produce. Shared with
 * jessy-core and jessy-api through this module's test jar.
 */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private Problems() {}

  /**
   * Asserts that {@code response} is a problem document with {@code status} and the type ending in
   * {@code slug}, carrying the response's request id and no stack trace; returns its body.
   */
  public static JsonPath assertProblem(Response response, int status, String slug) {
    String body = response.asString();
    assertThat(response.statusCode()).as("status of %s", body).isEqualTo(status);
    assertThat(response.contentType()).startsWith(MEDIA_TYPE);
    JsonPath problem = JsonPath.from(body);
    assertThat(problem.getString("type")).isEqualTo("urn:jessy:problem:" + slug);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.getString("request_id"))
        .isNotBlank()
        .isEqualTo(response.header("X-Request-Id"));
    assertThat(body).doesNotContain("\tat ", "Exception", "io.jessy.", "com.fasterxml", "io.vertx");
    return problem;
  }
}
