package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Stopping and restarting the core under a running gateway. Waits are bounded polls: the gateway
 * may take a moment to notice, but every single request must still be answered within {@link
 * Client#ANSWER_TIMEOUT_MS}.
 */
public class CoreDownSteps {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Client client;

  public CoreDownSteps(Client client) {
    this.client = client;
  }

  @Given("the core has been stopped")
  public void theCoreHasBeenStopped() {
    Stack.get().stopCore();
  }

  @When("the core is started again")
  public void theCoreIsStartedAgain() {
    Stack.get().startCore();
  }

  /** Whatever a scenario did, the next one finds the core up and the gateway forwarding to it. */
  @After("@controls-core")
  public void bringTheCoreBack() {
    if (!Stack.get().controlsCore()) {
      return;
    }
    Stack.get().startCore();
    theGatewayAnswersQuestionsAgain(30);
  }

  @Then("within {int} seconds the gateway's health is {int} {string} with the core check {string}")
  public void withinSecondsTheGatewaysHealthIs(
      int seconds, int status, String health, String coreCheck) {
    Response response =
        pollUntil(
            seconds,
            () -> client.to(Target.GATEWAY).get("/api/health"),
            r ->
                r.statusCode() == status
                    && health.equals(r.jsonPath().getString("status"))
                    && coreCheck.equals(r.jsonPath().getString("checks.core.status")));
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(status);
    assertThat(response.jsonPath().getString("status")).isEqualTo(health);
    assertThat(response.jsonPath().getString("checks.core.status")).isEqualTo(coreCheck);
  }

  @Then("the gateway is still alive at {path}")
  public void theGatewayIsStillAliveAt(String path) {
    Response response = client.remember(client.to(Target.GATEWAY).get(path));
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    assertThat(response.jsonPath().getString("status")).isEqualTo("healthy");
  }

  @Then("each of {int} questions to the gateway is refused with a 503 or 504 problem")
  public void eachQuestionIsRefused(int count) {
    for (int i = 0; i < count; i++) {
      Response response = question();
      assertThat(response.statusCode()).as(CommonSteps.describe(response)).isIn(503, 504);
      CommonSteps.assertProblem(response, response.statusCode());
    }
  }

  @Then("the last refusal is a 503 that says when to retry")
  public void theLastRefusalSaysWhenToRetry() {
    Response response = client.last();
    CommonSteps.assertProblem(response, 503);
    assertThat(response.header("Retry-After")).as("Retry-After").isNotNull().matches("[1-9]\\d*");
  }

  @Then("within {int} seconds the gateway answers questions again")
  public void theGatewayAnswersQuestionsAgain(int seconds) {
    Response response = pollUntil(seconds, this::question, r -> r.statusCode() == 200);
    QuerySteps.answered(response);
  }

  private Response question() {
    return QuerySteps.ask(client, Target.GATEWAY, Map.of("query", "are you there"));
  }

  /** Repeats the request until its response passes or time is up; returns the last response. */
  private static Response pollUntil(
      int seconds, Supplier<Response> request, Predicate<Response> done) {
    Instant deadline = Instant.now().plusSeconds(seconds);
    Response response = request.get();
    while (!passes(done, response) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      response = request.get();
    }
    return response;
  }

  /** A response that cannot even be read (say, not JSON) has not passed yet. */
  private static boolean passes(Predicate<Response> done, Response response) {
    try {
      return done.test(response);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
