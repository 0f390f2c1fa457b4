package io.jessy.test;

import io.jessy.web.contract.ApiContract;
import io.jessy.web.contract.ContractFilter;
import io.restassured.filter.Filter;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * The API contract (jessy-api's {@code META-INF/openapi.yaml}, copied onto the suite's class path)
 * that every exchange of the suite is held to: the gateway's in full; the core's under {@code
 * /api/v1}, the routes the gateway forwards to it unchanged, less the headers the gateway adds.
 */
final class Contract {

  static final ApiContract GATEWAY = ApiContract.fromClasspath("contract/openapi.yaml");

  static final ApiContract CORE =
      GATEWAY
          .covering(path -> path.startsWith("/api/v1/"))
          .notRequiring(Set.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));

  private static final Filter GATEWAY_FILTER = new ContractFilter(GATEWAY);
  private static final Filter CORE_FILTER = new ContractFilter(CORE);

  private Contract() {}

  /** The REST Assured filter for requests to {@code target}. */
  static Filter filter(Target target) {
    return target == Target.GATEWAY ? GATEWAY_FILTER : CORE_FILTER;
  }

  /** Checks an exchange of the JDK's client with the gateway; returns the response. */
  static HttpResponse<String> checked(HttpResponse<String> response) {
    return GATEWAY.checked(response);
  }
}
