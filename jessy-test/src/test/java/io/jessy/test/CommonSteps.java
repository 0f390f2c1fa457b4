package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sending plain requests, and what every response must look like: status, problem, request id. */
public class CommonSteps {

  static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern REPEATED = Pattern.compile("(\\S)×(\\d+)");
  private static final Pattern STACK_FRAME = Pattern.compile("\\bat (java|jdk|io|org|com)\\.");

  private final Client client;
  private String sentRequestId;

  public CommonSteps(Client client) {
    this.client = client;
  }

  @ParameterType("core|gateway")
  public Target target(String name) {
    return Target.valueOf(name.toUpperCase(Locale.ROOT));
  }

  @ParameterType("GET|POST|PUT|DELETE")
  public String method(String method) {
    return method;
  }

  @ParameterType("/\\S*")
  public String path(String path) {
    return expand(path);
  }

  /** Writes out the features' shorthand "x×3" as "xxx". */
  static String expand(String text) {
    Matcher m = REPEATED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }
    return m.appendTail(out).toString();
  }

  @When("I send {method} {path} to the {target}")
  public void send(String method, String path, Target target) {
    client.remember(client.to(target).request(method, path));
  }

  @When("I send GET {path} to the {target} twice")
  public void sendTwice(String path, Target target) {
    send("GET", path, target);
    send("GET", path, target);
  }

  @When("I send GET {path} to the {target} with the request id {string}")
  public void sendWithRequestId(String path, Target target, String requestId) {
    sentRequestId = expand(requestId);
    client.remember(client.to(target).header(REQUEST_ID, sentRequestId).get(path));
  }

  @When("I post {string} to {path} on the {target}")
  public void post(String body, String path, Target target) {
    post(body, "application/json", path, target);
  }

  @When("I post {string} as {string} to {path} on the {target}")
  public void post(String body, String contentType, String path, Target target) {
    client.remember(client.to(target).contentType(contentType).body(expand(body)).post(path));
  }

  @Then("the status is {int}")
  public void theStatusIs(int status) {
    Response response = client.last();
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
  }

  @Then("the response is a {int} problem")
  public void theResponseIsAProblem(int status) {
    assertProblem(client.last(), status);
  }

  @Then("the problem's detail mentions {string}")
  public void theDetailMentions(String words) {
    assertThat(client.last().jsonPath().getString("detail")).contains(words);
  }

  @Then("the problem's request id is {string}")
  public void theProblemsRequestIdIs(String requestId) {
    assertThat(client.last().jsonPath().getString("request_id")).isEqualTo(requestId);
  }

  @Then("the problem's request id is the one in the response header")
  public void theProblemsRequestIdIsTheHeaders() {
    Response response = client.last();
    assertThat(response.jsonPath().getString("request_id"))
        .isNotBlank()
        .isEqualTo(response.header(REQUEST_ID));
  }

  @Then("the response carries the request id {string}")
  public void theResponseCarriesTheRequestId(String requestId) {
    assertThat(client.last().header(REQUEST_ID)).isEqualTo(requestId);
  }

  @Then("the response carries a new request id")
  public void theResponseCarriesANewRequestId() {
    String id = client.last().header(REQUEST_ID);
    assertThat(id).isNotEqualTo(sentRequestId).matches(SANE_REQUEST_ID);
  }

  @Then("the two responses carry different request ids")
  public void theTwoResponsesCarryDifferentRequestIds() {
    String first = client.earlier(1).header(REQUEST_ID);
    String second = client.last().header(REQUEST_ID);
    assertThat(first).matches(SANE_REQUEST_ID);
    assertThat(second).matches(SANE_REQUEST_ID).isNotEqualTo(first);
  }

  /**
   * An RFC 9457 problem document with the given status, carrying the response's request id, and no
   * stack trace anywhere in it.
   */
  static JsonPath assertProblem(Response response, int status) {
    String seen = describe(response);
    assertThat(response.statusCode()).as(seen).isEqualTo(status);
    assertThat(response.contentType()).as(seen).startsWith("application/problem+json");
    assertThat(response.asString()).as(seen).doesNotContainPattern(STACK_FRAME);
    JsonPath problem = response.jsonPath();
    assertThat(problem.getString("type")).as(seen).isNotBlank();
    assertThat(problem.getString("title")).as(seen).isNotBlank();
    assertThat(problem.getInt("status")).as(seen).isEqualTo(status);
    assertThat(problem.getString("detail")).as(seen).isNotBlank();
    assertThat(problem.getString("request_id"))
        .as(seen)
        .isNotBlank()
        .isEqualTo(response.header(REQUEST_ID));
    return problem;
  }

  /** What came back, for assertion messages. */
  static String describe(Response response) {
    String body = response.asString();
    return "HTTP "
        + response.statusCode()
        + " "
        + response.contentType()
        + ": "
        + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
  }
}
