package io.jessy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.jessy.web.contract.ApiContract;
import io.jessy.web.contract.ContractFilter;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the running gateway starts from: the stub core emptied (no stubs, no recorded
 * requests) and the circuit breaker closed, so no test sees another's failures.
 */
public abstract class GatewayTest {

  /** Generous, only so that a broken gateway fails a test instead of hanging it. */
  private static final RestAssuredConfig NO_HANG =
      RestAssured.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", 30_000)
                  .setParam("http.socket.timeout", 30_000));

  @ConfigProperty(name = "gateway.core-url")
  URI coreUrl;

  @Inject protected CircuitBreakerMaintenance breakers;

  /** The stub core's admin client. */
  protected WireMock core;

  @BeforeEach
  void startFromAnEmptyCoreAndAClosedBreaker() {
    assertThat(coreUrl.getHost()).isEqualTo("127.0.0.1");
    core = new WireMock(coreUrl.getHost(), coreUrl.getPort());
    core.resetMappings();
    core.resetRequests();
    breakers.resetAll();
  }

  /** The contract every exchange of these tests is held to: the document the gateway serves. */
  public static final ApiContract API = ApiContract.fromClasspath("META-INF/openapi.yaml");

  protected static final ContractFilter CONTRACT = new ContractFilter(API);

  /** A question as a client asks it: {@code POST} it to {@code /api/v1/query}. */
  public static RequestSpecification ask() {
    return given().contentType("application/json").body("{\"query\":\"I feel sad and lonely\"}");
  }

  /**
   * A request left outside the contract, for the few tests whose stub core answers what the real
   * one never does (an imaginary route, a status its route cannot have) to show that the gateway
   * forwards whatever the core says. Each use says why.
   */
  public static RequestSpecification offContract() {
    return RestAssured.given().config(NO_HANG);
  }

  /** A request whose exchange must conform to the API contract ({@link #CONTRACT}). */
  public static RequestSpecification given() {
    return RestAssured.given().config(NO_HANG).filter(CONTRACT);
  }
}
