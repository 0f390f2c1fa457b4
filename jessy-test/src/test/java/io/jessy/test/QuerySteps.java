package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Asking questions with {@code POST /api/v1/query}, and the dimension registry. */
public class QuerySteps {

  private final Client client;

  public QuerySteps(Client client) {
    this.client = client;
  }

  /** Posts a question; the body is built as JSON, so any text is sent as it is. */
  static Response ask(Client client, Target target, Map<String, Object> body) {
    return client.remember(
        client.to(target).contentType("application/json").body(body).post("/api/v1/query"));
  }

  @When("I ask the {target} {string}")
  public void ask(Target target, String question) {
    ask(client, target, Map.of("query", question));
  }

  @When("I ask the {target} {string} with at most {int} iterations")
  public void askWithAtMost(Target target, String question, int iterations) {
    ask(client, target, Map.of("query", question, "max_iterations", iterations));
  }

  /** The last response is a 200 answer; returns its body. */
  static JsonPath answered(Response response) {
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonPath answer = response.jsonPath();
    assertThat(answer.getString("outcome")).isEqualTo("answered");
    assertThat(answer.getString("answer")).isNotBlank();
    assertThat(answer.getString("session_id")).isNotBlank();
    assertThat(answer.getList("dimensions")).isNotEmpty();
    return answer;
  }

  @Then("the question is answered")
  public void theQuestionIsAnswered() {
    answered(client.last());
  }

  @Then("the first dimension is {int} {string}")
  public void theFirstDimensionIs(int id, String name) {
    JsonPath answer = client.last().jsonPath();
    assertThat(answer.getInt("dimensions[0].id")).isEqualTo(id);
    assertThat(answer.getString("dimensions[0].name")).isEqualTo(name);
  }

  @Then("the question is redirected as {string}")
  public void theQuestionIsRedirectedAs(String category) {
    Response response = client.last();
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    JsonPath answer = response.jsonPath();
    assertThat(answer.getString("outcome")).isEqualTo("redirected");
    assertThat(answer.getString("safety_category")).isEqualTo(category);
    assertThat(answer.getList("dimensions")).isEmpty();
    assertThat(answer.getInt("iterations.count")).isZero();
  }

  @Then("the answer mentions {string}")
  public void theAnswerMentions(String words) {
    assertThat(client.last().jsonPath().getString("answer")).contains(words);
  }

  @Then("both answers agree on everything but the session and the time taken")
  public void bothAnswersAgree() {
    Map<String, Object> first = withoutSessionAndTime(client.earlier(1));
    Map<String, Object> second = withoutSessionAndTime(client.last());
    assertThat(second).containsOnlyKeys(first.keySet()).isEqualTo(first);
  }

  private static Map<String, Object> withoutSessionAndTime(Response response) {
    Map<String, Object> body = new HashMap<>(answered(response).getMap("$"));
    body.remove("session_id");
    body.remove("processing_time_ms");
    return body;
  }

  @Then("the two answers belong to different sessions")
  public void theTwoAnswersBelongToDifferentSessions() {
    assertThat(client.last().jsonPath().getString("session_id"))
        .isNotEqualTo(client.earlier(1).jsonPath().getString("session_id"));
  }

  @Then("it took {int} iterations, each at least as confident as the one before")
  public void itTookIterations(int count) {
    JsonPath answer = client.last().jsonPath();
    assertThat(answer.getInt("iterations.count")).isEqualTo(count);
    assertThat(answer.getList("iterations.steps.number", Integer.class))
        .containsExactlyElementsOf(numbersUpTo(count));
    assertNeverLessConfident(answer.getList("iterations.confidence", Double.class));
  }

  static List<Integer> numbersUpTo(int count) {
    return java.util.stream.IntStream.rangeClosed(1, count).boxed().toList();
  }

  static void assertNeverLessConfident(List<Double> confidence) {
    assertThat(confidence).isNotEmpty().isSorted();
    assertThat(confidence).allMatch(c -> c > 0 && c <= 1);
  }

  @Then("the registry lists {int} dimensions, from {string} to {string}")
  public void theRegistryLists(int count, String first, String last) {
    JsonPath registry = client.last().jsonPath();
    assertThat(registry.getInt("count")).isEqualTo(count);
    assertThat(registry.getList("dimensions.id", Integer.class))
        .containsExactlyElementsOf(numbersUpTo(count));
    List<String> names = registry.getList("dimensions.name", String.class);
    assertThat(names.get(0)).isEqualTo(first);
    assertThat(names.get(count - 1)).isEqualTo(last);
  }
}
