package io.jessy.api.proxy;

import static io.jessy.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.GatewayTest;
import io.jessy.api.UnreachableCoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every connection to the core is refused. */
@QuarkusTest
@TestProfile(UnreachableCoreProfile.class)
class UnreachableCoreTest {

  /** The circuit breaker's window: it opens once this many calls are in and half have failed. */
  private static final int WINDOW = CoreProxy.BREAKER_WINDOW;

  @Inject CircuitBreakerMaintenance breakers;

  @BeforeEach
  void closeTheBreaker() {
    breakers.resetAll();
  }

  private static Response send(String method) {
    var request = GatewayTest.given();
    if (!method.equals("GET") && !method.equals("DELETE")) {
      request.contentType("application/json").body("{\"query\":\"hi\"}");
    }
    return request.request(method, "/api/v1/sessions/s-1");
  }

  /** A 503 for the refused connection itself, not for an open circuit. */
  private static void assertRefused(Response response) {
    JsonPath problem = assertProblem(response, 503, "core-unavailable");
    assertThat(response.header("Retry-After")).isEqualTo("1");
    assertThat(problem.getString("detail")).isEqualTo("The core cannot be reached.");
  }

  private static void assertCircuitOpen(Response response) {
    JsonPath problem = assertProblem(response, 503, "core-unavailable");
    assertThat(response.header("Retry-After"))
        .isEqualTo(Long.toString(UnreachableCoreProfile.BREAKER_DELAY_S));
    assertThat(problem.getString("detail")).contains("paused");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
  void answers503WithRetryAfterWhenTheConnectionIsRefused(String method) {
    assertRefused(send(method));
  }

  /**
   * One retry per idempotent request, seen through the breaker, which counts every attempt: half a
   * window of refused GETs (or DELETEs) fills it, because each was tried twice.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "DELETE"})
  void retriesARefusedIdempotentRequestOnce(String method) {
    for (int i = 0; i < WINDOW / 2; i++) {
      assertRefused(send(method));
    }

    assertThat(breakers.currentState("core")).isEqualTo(CircuitBreakerState.OPEN);
    assertCircuitOpen(send("POST"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "PATCH"})
  void neverRetriesARefusedNonIdempotentRequest(String method) {
    for (int i = 0; i < WINDOW / 2; i++) {
      assertRefused(send(method));
    }
    assertThat(breakers.currentState("core")).isEqualTo(CircuitBreakerState.CLOSED);
    assertRefused(send(method));

    for (int i = WINDOW / 2 + 1; i < WINDOW; i++) {
      assertRefused(send(method));
    }
    assertThat(breakers.currentState("core")).isEqualTo(CircuitBreakerState.OPEN);
    assertCircuitOpen(send(method));
  }

  @Test
  void isUnhealthyWithTheCoreDown() {
    Response response = GatewayTest.given().get("/api/health");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonPath health = response.jsonPath();
    assertThat(health.getString("status")).isEqualTo("unhealthy");
    assertThat(health.getString("service")).isEqualTo("jessy-api");
    assertThat(health.getString("checks.core.status")).isEqualTo("down");
    assertThat(health.getString("checks.core.error")).isNotBlank();
    assertThat(health.getDouble("checks.core.latency_ms")).isGreaterThanOrEqualTo(0);
    assertThat(GatewayTest.given().get("/api/health/ready").statusCode()).isEqualTo(503);
  }

  @Test
  void staysLiveWithTheCoreDown() {
    Response response = GatewayTest.given().get("/api/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getString("status")).isEqualTo("healthy");
  }
}
