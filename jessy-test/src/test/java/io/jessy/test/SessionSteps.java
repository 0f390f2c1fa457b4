package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Conversations: {@code /api/v1/sessions/{id}}. */
public class SessionSteps {

  private final Client client;
  private String sessionId;
  private String lastPageQuery;

  public SessionSteps(Client client) {
    this.client = client;
  }

  @Given("a new session")
  public void aNewSession() {
    sessionId = null;
  }

  /** The first question starts the session (the service names it); the others continue it. */
  @When("{string} asks the {target}, in that session:")
  public void asksInThatSession(String user, Target target, List<String> questions) {
    for (String question : questions) {
      Map<String, Object> body = new HashMap<>(Map.of("query", question, "user_id", user));
      if (sessionId != null) {
        body.put("session_id", sessionId);
      }
      Response response = QuerySteps.ask(client, target, body);
      if (sessionId == null) {
        assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
        sessionId = response.jsonPath().getString("session_id");
      }
    }
  }

  @When("I read the session from the {target}")
  public void readTheSession(Target target) {
    client.remember(client.to(target).get("/api/v1/sessions/" + sessionId));
  }

  @When("I read the session from the {target} with {string}")
  public void readAPage(Target target, String query) {
    lastPageQuery = query;
    client.remember(client.to(target).get("/api/v1/sessions/" + sessionId + "?" + query));
  }

  @When("I read the page before from the {target}")
  public void readThePageBefore(Target target) {
    int before = client.last().jsonPath().getInt("next_before");
    readAPage(target, lastPageQuery.replaceAll("&?before=\\d+", "") + "&before=" + before);
  }

  @Then("the page holds turns {int} to {int} of {int}, and the page before starts below turn {int}")
  public void thePageHolds(int first, int last, int total, int nextBefore) {
    JsonPath page = pageOf(first, last, total);
    assertThat(page.getInt("next_before")).isEqualTo(nextBefore);
  }

  @Then("the page holds turns {int} to {int} of {int}, and it is the first page")
  public void theFirstPageHolds(int first, int last, int total) {
    assertThat(pageOf(first, last, total).getString("next_before")).isNull();
  }

  private JsonPath pageOf(int first, int last, int total) {
    Response response = client.last();
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    JsonPath page = response.jsonPath();
    assertThat(page.getInt("turn_count")).isEqualTo(total);
    assertThat(page.getList("turns.turn", Integer.class))
        .containsExactlyElementsOf(IntStream.rangeClosed(first, last).boxed().toList());
    return page;
  }

  @When("I delete the session at the {target}")
  public void deleteTheSession(Target target) {
    client.remember(client.to(target).delete("/api/v1/sessions/" + sessionId));
  }

  @Then("the session belongs to {string} and holds, oldest first:")
  public void theSessionHolds(String user, List<Map<String, String>> turns) {
    Response response = client.last();
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    JsonPath session = response.jsonPath();
    assertThat(session.getString("session_id")).isEqualTo(sessionId);
    assertThat(session.getString("user_id")).isEqualTo(user);
    assertThat(session.getInt("turn_count")).isEqualTo(turns.size());
    assertThat(session.getList("turns.query"))
        .containsExactlyElementsOf(turns.stream().map(t -> t.get("question")).toList());
    assertThat(session.getList("turns.outcome"))
        .containsExactlyElementsOf(turns.stream().map(t -> t.get("outcome")).toList());
    for (int i = 0; i < turns.size(); i++) {
      String dimensions = turns.get(i).get("dimensions");
      assertThat(session.getList("turns[" + i + "].dimensions"))
          .as("dimensions of turn %d", i + 1)
          .containsExactlyElementsOf(
              dimensions == null ? List.of() : Arrays.asList(dimensions.split(",\\s*")));
      assertThat(session.getString("turns[" + i + "].answer")).isNotBlank();
    }
    List<Instant> times =
        session.getList("turns.created_at", String.class).stream().map(Instant::parse).toList();
    assertThat(times).isSorted();
  }
}
