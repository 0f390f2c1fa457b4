package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.jessy.client.ApiClient;
import io.jessy.client.ApiException;
import io.jessy.client.api.DimensionsApi;
import io.jessy.client.api.QueryApi;
import io.jessy.client.api.SessionsApi;
import io.jessy.client.model.ActivatedDimension;
import io.jessy.client.model.DimensionRegistry;
import io.jessy.client.model.IterationStep;
import io.jessy.client.model.Outcome;
import io.jessy.client.model.Problem;
import io.jessy.client.model.ProblemType;
import io.jessy.client.model.QueryRequest;
import io.jessy.client.model.QueryResponse;
import io.jessy.client.model.RegistryDimension;
import io.jessy.client.model.RegistryLayer;
import io.jessy.client.model.Session;
import io.jessy.client.model.Turn;
import io.jessy.web.contract.CheckedHttpClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The gateway through the Java client openapi-generator makes from the API contract at build time
 * ({@code io.jessy.client}, see jessy-test/pom.xml): no hand-written HTTP, so what works here works
 * for anyone who generates a client from the document. Bodies are read strictly, an unknown field
 * being an error, so the generated models must cover everything the service sends.
 */
public class GeneratedClientSteps {

  private ApiClient api;
  private final List<String> questions = new ArrayList<>();
  private final List<QueryResponse> answers = new ArrayList<>();
  private String sessionId;
  private Session session;
  private ApiException failure;
  private DimensionRegistry registry;

  /** Made on first use: without a gateway to test, the step is skipped, not failed. */
  private ApiClient api() {
    if (api == null) {
      api = newApiClient();
    }
    return api;
  }

  private static ApiClient newApiClient() {
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .sslContext(TrustedCa.context())
            .connectTimeout(Duration.ofMillis(Client.ANSWER_TIMEOUT_MS));
    ObjectMapper strict =
        ApiClient.createDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    List<String> keys = Stack.get().apiKeys();
    // Every exchange is held to the contract as well: status, content type, headers, body.
    return new ApiClient(
            CheckedHttpClient.builder(http, Contract.GATEWAY),
            strict,
            Client.baseUri(Target.GATEWAY).toString())
        .setReadTimeout(Duration.ofMillis(Client.ANSWER_TIMEOUT_MS))
        .setRequestInterceptor(
            request -> {
              // The native library ignores security schemes: the key goes in by hand.
              if (!keys.isEmpty()) {
                request.header("Authorization", "Bearer " + keys.get(0));
              }
              Client.pace(1); // below the rate limit, like the rest of the suite
            });
  }

  @When("{string} asks through the generated client, in one session:")
  public void asksInOneSession(String user, List<String> asked) throws ApiException {
    for (String question : asked) {
      QueryResponse answer =
          new QueryApi(api())
              .askQuestion(
                  new QueryRequest().query(question).userId(user).sessionId(sessionId), null);
      sessionId = answer.getSessionId();
      questions.add(question);
      answers.add(answer);
    }
  }

  @Given("{string} asked {string} through the generated client")
  public void asked(String user, String question) throws ApiException {
    asksInOneSession(user, List.of(question));
  }

  @Then("each answer is typed, answered in its first dimension after 1 to 9 iterations:")
  public void eachAnswerIsTyped(List<String> firstDimensions) {
    assertThat(answers).hasSameSizeAs(firstDimensions);
    for (int i = 0; i < answers.size(); i++) {
      QueryResponse answer = answers.get(i);
      assertThat(answer.getSessionId()).isEqualTo(sessionId);
      assertThat(answer.getOutcome()).isEqualTo(Outcome.ANSWERED);
      assertThat(answer.getSafetyCategory()).isNull();
      assertThat(answer.getAnswer()).isNotBlank();
      assertThat(answer.getAnswerSource()).isNotNull();
      assertThat(answer.getDimensions()).isNotEmpty();
      assertThat(answer.getDimensions().get(0).getName()).isEqualTo(firstDimensions.get(i));
      assertThat(answer.getDominantFrequency()).isPositive();
      assertThat(answer.getInterference()).isNotNull();
      int count = answer.getIterations().getCount();
      assertThat(count).isBetween(1, 9);
      assertThat(answer.getIterations().getSteps())
          .extracting(IterationStep::getNumber)
          .containsExactlyElementsOf(QuerySteps.numbersUpTo(count));
      assertThat(answer.getIterations().getConfidence()).hasSize(count).isSorted();
    }
  }

  @When("I read the session through the generated client")
  public void readTheSession() {
    session = null;
    failure = null;
    try {
      session = new SessionsApi(api()).readSession(sessionId, null, null, null);
    } catch (ApiException e) {
      failure = e;
    }
  }

  @Then("it belongs to {string} and holds those questions and answers, oldest first")
  public void itHoldsThoseQuestions(String user) {
    assertThat(failure).as("the read failed").isNull();
    assertThat(session.getSessionId()).isEqualTo(sessionId);
    assertThat(session.getUserId()).isEqualTo(user);
    assertThat(session.getTurnCount()).isEqualTo(answers.size());
    assertThat(session.getNextBefore()).isNull();
    assertThat(session.getCreatedAt()).isBeforeOrEqualTo(session.getUpdatedAt());
    List<Turn> turns = session.getTurns();
    assertThat(turns)
        .extracting(Turn::getTurn)
        .containsExactlyElementsOf(QuerySteps.numbersUpTo(answers.size()));
    assertThat(turns).extracting(Turn::getQuery).containsExactlyElementsOf(questions);
    for (int i = 0; i < turns.size(); i++) {
      Turn turn = turns.get(i);
      QueryResponse answer = answers.get(i);
      assertThat(turn.getAnswer()).isEqualTo(answer.getAnswer());
      assertThat(turn.getOutcome()).isEqualTo(answer.getOutcome());
      assertThat(turn.getAnswerSource()).isEqualTo(answer.getAnswerSource());
      assertThat(turn.getDimensions())
          .containsExactlyElementsOf(
              answer.getDimensions().stream().map(ActivatedDimension::getName).toList());
      assertThat(turn.getIterations()).isEqualTo(answer.getIterations().getCount());
      assertThat(turn.getCreatedAt()).isBetween(session.getCreatedAt(), session.getUpdatedAt());
    }
  }

  @When("I delete the session through the generated client")
  public void deleteTheSession() throws ApiException {
    assertThat(new SessionsApi(api()).deleteSessionWithHttpInfo(sessionId, null).getStatusCode())
        .isEqualTo(204);
  }

  @Then("the generated client fails with a 404 not-found problem")
  public void failsWithNotFound() throws Exception {
    if (failure == null) {
      fail("the read succeeded: %s", session);
    }
    assertThat(failure.getCode()).isEqualTo(404);
    assertThat(failure.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    Problem problem = api().getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
    assertThat(problem.getType()).isEqualTo(ProblemType.URN_JESSY_PROBLEM_NOT_FOUND);
    assertThat(problem.getStatus()).isEqualTo(404);
    assertThat(problem.getRequestId())
        .isEqualTo(failure.getResponseHeaders().firstValue("X-Request-Id").orElseThrow());
  }

  @When("I list the dimensions through the generated client")
  public void listTheDimensions() throws ApiException {
    registry = new DimensionsApi(api()).listDimensions(null);
  }

  @Then(
      "it reads {int} dimensions, each with a frequency range and {int} layers, falling back to {int}")
  public void itReadsDimensions(int count, int layers, int fallback) {
    assertThat(registry.getCount()).isEqualTo(count);
    assertThat(registry.getFallbackDimension()).isEqualTo(fallback);
    assertThat(registry.getDimensions())
        .extracting(RegistryDimension::getId)
        .containsExactlyElementsOf(QuerySteps.numbersUpTo(count));
    for (RegistryDimension dimension : registry.getDimensions()) {
      assertThat(dimension.getName()).isNotBlank();
      assertThat(dimension.getFrequencyRange().getMin())
          .isLessThanOrEqualTo(dimension.getFrequencyRange().getMax());
      assertThat(dimension.getLayers())
          .extracting(RegistryLayer::getLevel)
          .containsExactlyElementsOf(IntStream.range(0, layers).boxed().toList());
      assertThat(dimension.getLayers()).allSatisfy(l -> assertThat(l.getKeywords()).isNotEmpty());
    }
  }
}
