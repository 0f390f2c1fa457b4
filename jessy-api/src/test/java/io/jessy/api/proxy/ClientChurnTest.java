package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.PrometheusText;
import io.jessy.api.StubCoreProfile;
import io.jessy.web.HttpChurn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up are not the core's failure: load runs that end with requests in flight, back
 * to back (as a load tool's runs do), and event streams left after their first event cost no other
 * client an answer, never open the breaker and never count as a 5xx.
 */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class ClientChurnTest extends GatewayTest {

  private static final String QUERY = "{\"query\":\"I feel sad\"}";
  private static final Pattern SERVER_ERROR =
      Pattern.compile("(?m)^jessy_gateway_requests_total\\{[^}]*status=\"5\\d\\d\"");

  @TestHTTPResource("/")
  URL gateway;

  private HttpChurn churn() throws Exception {
    return new HttpChurn(URI.create("http://127.0.0.1:" + gateway.getPort()), Map.of());
  }

  @Test
  void loadRunsThatEndWithRequestsInFlightLeaveEveryOtherAnswer2xx() throws Exception {
    // The core takes a moment, so every run ends with requests the core is still answering.
    core.register(post("/api/v1/query").willReturn(okJson(CoreAnswers.QUERY).withFixedDelay(15)));
    double resetBefore = resets("/api/v1/query");

    int abandoned = 0;
    for (int run = 0; run < 6; run++) {
      HttpChurn.Run result =
          churn().postThenHangUp("/api/v1/query", QUERY, 16, Duration.ofMillis(800));
      assertThat(result.answered()).as("run %d answered", run).isPositive();
      assertThat(result.non2xx()).as("run %d: %s", run, result.statuses()).isZero();
      abandoned += result.abandoned();
    }

    assertThat(abandoned).isEqualTo(6 * 16);
    assertThat(breakers.currentState("core")).isEqualTo(CircuitBreakerState.CLOSED);
    given()
        .body(QUERY)
        .contentType("application/json")
        .post("/api/v1/query")
        .then()
        .statusCode(200);
    String metrics = PrometheusText.scrape().text();
    assertThat(SERVER_ERROR.matcher(metrics).find()).as("a 5xx series in\n%s", metrics).isFalse();
    // Hung up before the core answered: counted as RESET (not every hang-up is seen that early).
    assertThat(resets("/api/v1/query")).isGreaterThan(resetBefore);
  }

  @Test
  void streamsLeftAfterTheirFirstEventCostNoOtherClientItsAnswer() throws Exception {
    core.register(post("/api/v1/query").willReturn(okJson(CoreAnswers.QUERY).withFixedDelay(5)));
    core.register(
        get(urlPathEqualTo("/api/v1/query/stream"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("event: navigation\ndata: {}\n\n".repeat(8))
                    .withChunkedDribbleDelay(8, 1600)));
    double resetBefore = resets("/api/v1/query/stream");

    HttpChurn churn = churn();
    CompletableFuture<HttpChurn.Run> load =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return churn.postThenHangUp("/api/v1/query", QUERY, 8, Duration.ofSeconds(3));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    int opened = churn.openStreamsThenHangUp("/api/v1/query/stream?query=sad", 12);
    HttpChurn.Run result = load.get();

    assertThat(opened).isEqualTo(12);
    assertThat(result.non2xx()).as("%s", result.statuses()).isZero();
    assertThat(breakers.currentState("core")).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(resets("/api/v1/query/stream") - resetBefore).isEqualTo(12.0);
    String metrics = PrometheusText.scrape().text();
    assertThat(SERVER_ERROR.matcher(metrics).find()).as("a 5xx series in\n%s", metrics).isFalse();
  }

  private static double resets(String route) {
    return PrometheusText.scrape()
        .value("jessy_gateway_requests_total", "route=\"" + route + "\"", "status=\"RESET\"")
        .orElse(0.0);
  }
}
