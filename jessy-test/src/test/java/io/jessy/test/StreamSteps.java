package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Server-Sent Events of {@code GET /api/v1/query/stream}. */
public class StreamSteps {

  private static final JsonPathConfig NUMBERS_AS_DOUBLES =
      new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

  record Event(String name, JsonPath data) {}

  private final Client client;
  private Target target;
  private List<Event> events;

  public StreamSteps(Client client) {
    this.client = client;
  }

  @When("I stream the question {string} from the {target}")
  public void stream(String question, Target target) {
    this.target = target;
    String query = URLEncoder.encode(question, StandardCharsets.UTF_8).replace("+", "%20");
    Response response =
        client.to(target).accept("text/event-stream").get("/api/v1/query/stream?query=" + query);
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/event-stream");
    events = parse(response.asString());
  }

  /** Splits a complete event-stream body into its events, in order. */
  private static List<Event> parse(String body) {
    List<Event> parsed = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      String name = "message";
      List<String> data = new ArrayList<>();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:")) {
          data.add(line.substring("data:".length()).strip());
        }
      }
      if (!data.isEmpty()) {
        parsed.add(
            new Event(name, JsonPath.from(String.join("\n", data)).using(NUMBERS_AS_DOUBLES)));
      }
    }
    return parsed;
  }

  private List<String> names() {
    return events.stream().map(Event::name).toList();
  }

  private List<Event> named(String name) {
    return events.stream().filter(e -> e.name().equals(name)).toList();
  }

  private JsonPath only(String name) {
    List<Event> found = named(name);
    assertThat(found).as("%s events in %s", name, names()).hasSize(1);
    return found.get(0).data();
  }

  @Then(
      "the stream sends navigation, interference, {int} iterations, answer and done, in that order")
  public void theStreamSendsEveryStep(int iterations) {
    List<String> expected = new ArrayList<>(List.of("navigation", "interference"));
    expected.addAll(Collections.nCopies(iterations, "iteration"));
    expected.addAll(List.of("answer", "done"));
    assertThat(names()).containsExactlyElementsOf(expected);
  }

  @Then("the stream sends only answer and done")
  public void theStreamSendsOnlyAnswerAndDone() {
    assertThat(names()).containsExactly("answer", "done");
  }

  @Then("the streamed iterations are numbered from 1, each at least as confident as the one before")
  public void theStreamedIterationsAreNumbered() {
    List<Event> iterations = named("iteration");
    assertThat(iterations.stream().map(e -> e.data().getInt("number")).toList())
        .containsExactlyElementsOf(QuerySteps.numbersUpTo(iterations.size()));
    QuerySteps.assertNeverLessConfident(
        iterations.stream().map(e -> e.data().getDouble("confidence")).toList());
  }

  @Then("the stream activated the same dimensions as the answer")
  public void theStreamActivatedTheSameDimensions() {
    JsonPath answer = QuerySteps.answered(client.last());
    assertThat(only("navigation").getList("dimensions"))
        .isNotEmpty()
        .isEqualTo(answer.getList("dimensions"));
    assertThat(only("interference").getDouble("dominant_frequency"))
        .isEqualTo(answer.getDouble("dominant_frequency"));
  }

  @Then("the stream had as many iterations as the answer")
  public void theStreamHadAsManyIterations() {
    JsonPath answer = client.last().jsonPath();
    assertThat(named("iteration").stream().map(e -> e.data().getDouble("confidence")).toList())
        .isEqualTo(answer.getList("iterations.confidence", Double.class));
  }

  @Then("the streamed answer is the same text")
  public void theStreamedAnswerIsTheSameText() {
    assertThat(only("answer").getString("answer"))
        .isNotBlank()
        .isEqualTo(client.last().jsonPath().getString("answer"));
  }

  @Then("the streamed answer is a redirection as {string}")
  public void theStreamedAnswerIsARedirection(String category) {
    JsonPath answer = only("answer");
    assertThat(answer.getString("outcome")).isEqualTo("redirected");
    assertThat(answer.getString("safety_category")).isEqualTo(category);
    assertThat(answer.getString("answer")).isNotBlank();
  }

  @Then("the done event names a session that holds the question {string}")
  public void theDoneEventNamesASession(String question) {
    String sessionId = only("done").getString("session_id");
    assertThat(sessionId).isNotBlank();
    Response response = client.remember(client.to(target).get("/api/v1/sessions/" + sessionId));
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    assertThat(response.jsonPath().getList("turns.query")).containsExactly(question);
  }
}
