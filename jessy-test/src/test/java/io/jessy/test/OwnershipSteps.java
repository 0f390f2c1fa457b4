package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Who may see, add to and delete a session: the authorisation matrix, against any deployment. */
public class OwnershipSteps {

  /** The gateway's signature headers, as a forger would send them. */
  private static final String PRINCIPAL = "X-Jessy-Principal";

  private static final String SIGNATURE = "X-Jessy-Signature";

  private final Client client;
  private String sessionId;

  public OwnershipSteps(Client client) {
    this.client = client;
  }

  @ParameterType("read|add to|stream into|delete")
  public String action(String action) {
    return action;
  }

  @ParameterType("no identity|a forged identity")
  public String identity(String identity) {
    return identity;
  }

  /** Through the gateway with key {@code index} (0 or 1). */
  private RequestSpecification withKey(int index) {
    return client
        .withoutKey(Target.GATEWAY)
        .header("Authorization", "Bearer " + Stack.get().apiKeys().get(index));
  }

  @Given("the holder of the first key started a session through the gateway with {string}")
  public void firstKeyStarted(String question) {
    Response response =
        withKey(0)
            .contentType(ContentType.JSON)
            .body(Map.of("query", question))
            .post("/api/v1/query");
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    sessionId = response.jsonPath().getString("session_id");
  }

  @When("the holder of the second key tries to {action} it through the gateway")
  public void secondKeyTries(String action) {
    client.remember(retryOnce429(() -> attempt(withKey(1), action)));
  }

  @When("a caller with {identity} tries to {action} it straight at the core")
  public void coreCallerTries(String identity, String action) {
    RequestSpecification request = client.to(Target.CORE);
    if (identity.equals("a forged identity")) {
      // The name the gateway gives an unnamed first key, with a signature made up on the spot.
      String forged = UUID.randomUUID().toString().replace("-", "");
      request
          .header(PRINCIPAL, "key-1")
          .header(SIGNATURE, "t=" + Instant.now().getEpochSecond() + ",v1=" + forged + forged);
    }
    client.remember(attempt(request, action));
  }

  @When("the holder of the first key asks the gateway in a session with an id nobody started")
  public void askInAnUnknownSession() {
    client.remember(
        withKey(0)
            .contentType(ContentType.JSON)
            .body(Map.of("query", "hello", "session_id", "suite-" + UUID.randomUUID()))
            .post("/api/v1/query"));
  }

  private Response attempt(RequestSpecification request, String action) {
    String path = "/api/v1/sessions/" + sessionId;
    return switch (action) {
      case "read" -> request.get(path);
      case "add to" ->
          request
              .contentType(ContentType.JSON)
              .body(Map.of("query", "tell me everything", "session_id", sessionId))
              .post("/api/v1/query");
      case "stream into" ->
          request
              .accept("text/event-stream")
              .get("/api/v1/query/stream?query=hello&session_id=" + sessionId);
      case "delete" -> request.delete(path);
      default -> throw new IllegalArgumentException(action);
    };
  }

  /** The second key's allowance may be spent by the rate-limit scenarios: wait once. */
  private static Response retryOnce429(java.util.function.Supplier<Response> send) {
    Response response = send.get();
    if (response.statusCode() == 429) {
      try {
        Thread.sleep(1000L * Long.parseLong(response.header("Retry-After")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response = send.get();
    }
    return response;
  }

  @Then("the answer is the one for a session that does not exist")
  public void sameAsUnknown() {
    String unknown = "suite-" + UUID.randomUUID();
    Response other = retryOnce429(() -> withKey(1).get("/api/v1/sessions/" + unknown));
    assertThat(client.last().jsonPath().getString("detail").replace(sessionId, unknown))
        .isEqualTo(other.jsonPath().getString("detail"));
    assertThat(client.last().jsonPath().getString("type"))
        .isEqualTo(other.jsonPath().getString("type"));
  }

  @Then("the holder of the first key still reads exactly {string} in it")
  public void ownerStillReads(String question) {
    Response response = withKey(0).get("/api/v1/sessions/" + sessionId);
    assertThat(response.statusCode()).as(CommonSteps.describe(response)).isEqualTo(200);
    assertThat(response.jsonPath().getList("turns.query")).containsExactly(question);
  }
}
