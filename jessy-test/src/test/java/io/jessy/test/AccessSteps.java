package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.builder.ResponseBuilder;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Who may use the gateway's {@code /api/v1}, and how often: API keys and rate limiting. */
public class AccessSteps {

  private final Client client;
  private final List<Response> batch = new ArrayList<>();

  public AccessSteps(Client client) {
    this.client = client;
  }

  private RequestSpecification withAuthorization(String authorization) {
    RequestSpecification request = client.withoutKey(Target.GATEWAY);
    return authorization.isEmpty() ? request : request.header("Authorization", authorization);
  }

  @When("I send GET {path} to the gateway with the Authorization {string}")
  public void sendWithAuthorization(String path, String authorization) {
    client.remember(withAuthorization(authorization).get(path));
  }

  @When("I post {string} to {path} on the gateway with the Authorization {string}")
  public void postWithAuthorization(String body, String path, String authorization) {
    client.remember(
        withAuthorization(authorization).contentType("application/json").body(body).post(path));
  }

  @Then("the gateway asks for a bearer token")
  public void theGatewayAsksForABearerToken() {
    assertThat(client.last().header("WWW-Authenticate"))
        .isNotNull()
        .startsWithIgnoringCase("Bearer");
  }

  @When("I send GET {path} to the gateway with each configured key")
  public void sendWithEachKey(String path) {
    for (String key : Stack.get().apiKeys()) {
      batch.add(withAuthorization("Bearer " + key).get(path));
    }
  }

  /**
   * Fires the requests together on the JDK's asynchronous client (REST Assured would spread them
   * over a second), after opening its connections with as many requests to the open liveness
   * endpoint, so that the burst reaches the gateway faster than its bucket refills. Not paced,
   * unlike the rest of the suite's traffic.
   */
  @When("a client with the second API key sends {int} requests at once to {path}")
  public void sendAtOnce(int count, String path) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustedCa.context())
            .connectTimeout(Duration.ofMillis(Client.ANSWER_TIMEOUT_MS))
            .build();
    URI gateway = Client.baseUri(Target.GATEWAY);
    for (CompletableFuture<HttpResponse<String>> warmUp :
        sendAll(http, HttpRequest.newBuilder(gateway.resolve("/api/health/live")), count)) {
      assertThat(Contract.checked(warmUp.get()).statusCode()).isEqualTo(200);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.resolve(path))
            .header("Authorization", "Bearer " + Stack.get().apiKeys().get(1));
    for (CompletableFuture<HttpResponse<String>> response : sendAll(http, request, count)) {
      batch.add(asRestAssured(Contract.checked(response.get())));
    }
  }

  private static List<CompletableFuture<HttpResponse<String>>> sendAll(
      HttpClient http, HttpRequest.Builder request, int count) {
    HttpRequest built = request.timeout(Duration.ofMillis(Client.ANSWER_TIMEOUT_MS)).build();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(http.sendAsync(built, HttpResponse.BodyHandlers.ofString()));
    }
    return sent;
  }

  /** The same checks apply to these responses as to every other. */
  private static Response asRestAssured(HttpResponse<String> response) {
    List<Header> headers = new ArrayList<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
    return new ResponseBuilder()
        .setStatusCode(response.statusCode())
        .setHeaders(new Headers(headers))
        .setContentType(response.headers().firstValue("Content-Type").orElse(""))
        .setBody(response.body())
        .build();
  }

  private List<Integer> statuses() {
    return batch.stream().map(Response::statusCode).toList();
  }

  @Then("every one of them is answered with 200")
  public void everyOneIsAnsweredWith200() {
    assertThat(statuses()).isNotEmpty().containsOnly(200);
  }

  @Then("every one of them is answered with 200 or 429")
  public void everyOneIsAnsweredWith200Or429() {
    assertThat(statuses()).isNotEmpty().allMatch(s -> s == 200 || s == 429);
  }

  @Then("at least {int} of them are answered with 200")
  public void atLeastAreAnsweredWith200(int count) {
    assertThat(statuses()).filteredOn(s -> s == 200).hasSizeGreaterThanOrEqualTo(count);
  }

  @Then("at least one of them is refused with a 429 problem that says when to retry")
  public void atLeastOneIsRefused() {
    List<Response> refused = batch.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(refused).as("responses: %s", statuses()).isNotEmpty();
    for (Response response : refused) {
      CommonSteps.assertProblem(response, 429);
      assertThat(integerHeader(response, "Retry-After")).isGreaterThanOrEqualTo(1);
      assertRateLimitHeaders(response);
      assertThat(integerHeader(response, "RateLimit-Remaining")).isZero();
    }
  }

  @Then("the response shows the client's rate limit")
  public void theResponseShowsTheRateLimit() {
    assertRateLimitHeaders(client.last());
  }

  private static void assertRateLimitHeaders(Response response) {
    int limit = integerHeader(response, "RateLimit-Limit");
    int remaining = integerHeader(response, "RateLimit-Remaining");
    int reset = integerHeader(response, "RateLimit-Reset");
    assertThat(limit).isPositive();
    assertThat(remaining).isBetween(0, limit);
    assertThat(reset).isNotNegative();
  }

  private static int integerHeader(Response response, String name) {
    String value = response.header(name);
    assertThat(value).as("%s header of %s", name, CommonSteps.describe(response)).matches("\\d+");
    return Integer.parseInt(value);
  }
}
