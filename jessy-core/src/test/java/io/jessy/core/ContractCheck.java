package io.jessy.core;

import io.jessy.web.contract.ApiContract;
import io.jessy.web.contract.ContractFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import java.util.Set;

/**
 * Holds every REST Assured exchange of the core's tests under {@code /api/v1} to the API contract:
 * the gateway forwards those routes unchanged, so the core's answers are the document's, less the
 * headers the gateway adds on the way (its rate-limit headers). Installed before each {@code
 * QuarkusTest} (a Quarkus test callback, so in the class loader the tests' REST Assured lives in).
 */
public class ContractCheck implements QuarkusTestBeforeEachCallback {

  /** The contract as the core is held to it (also for tests that use the JDK's client). */
  public static final ApiContract CORE =
      ApiContract.fromClasspath("contract/openapi.yaml")
          .covering(path -> path.startsWith("/api/v1/"))
          .notRequiring(Set.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
      RestAssured.filters(new ContractFilter(CORE));
    }
  }
}
