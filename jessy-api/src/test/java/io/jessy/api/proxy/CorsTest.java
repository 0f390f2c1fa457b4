package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.StubCoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** CORS from {@code CORS_ORIGINS}: the listed origin is allowed, any other is not. */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class CorsTest extends GatewayTest {

  private static Response preflight(String origin) {
    return given()
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,authorization")
        .options("/api/v1/query");
  }

  @Test
  void allowsAPreflightFromTheConfiguredOrigin() {
    Response response = preflight(StubCoreProfile.ALLOWED_ORIGIN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin"))
        .isEqualTo(StubCoreProfile.ALLOWED_ORIGIN);
    assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
    core.verifyThat(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void refusesAPreflightFromAnyOtherOrigin() {
    Response response = preflight("https://evil.example.com");

    assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    assertThat(response.statusCode()).isNotEqualTo(200);
  }

  @Test
  void letsTheAllowedOriginReadTheRequestIdAndLimitHeaders() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));

    Response response =
        given().header("Origin", StubCoreProfile.ALLOWED_ORIGIN).get("/api/v1/dimensions");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin"))
        .isEqualTo(StubCoreProfile.ALLOWED_ORIGIN);
    assertThat(response.header("Access-Control-Expose-Headers"))
        .contains("X-Request-Id", "Retry-After", "RateLimit-Remaining");
  }
}
