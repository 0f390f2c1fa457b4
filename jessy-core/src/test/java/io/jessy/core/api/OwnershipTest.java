package io.jessy.core.api;

import static io.jessy.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.core.TestSessions;
import io.jessy.web.CallerSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The authorisation matrix, straight to the core: every session belongs to the principal that
 * started it, and any other caller (another key, no identity, a forged or stale identity) gets the
 * 404 an unknown id gets, whether it reads, appends, streams or deletes.
 */
@QuarkusTest
class OwnershipTest {

  @ConfigProperty(name = "jessy.gateway-secret")
  String secret;

  /** Who asks, and how the core is told. */
  enum Caller {
    /** The gateway's signed word for key alice. */
    ALICE,
    /** The same for key bob. */
    BOB,
    /** No identity headers: a client straight to the core. */
    ANONYMOUS,
    /** Says alice, signed with a secret that is not the gateway's. */
    FORGED_ALICE,
    /** Alice's genuine signature, two minutes old (replayed). */
    STALE_ALICE
  }

  /** A request as {@code caller}, signed for exactly this method and URI. */
  private RequestSpecification as(Caller caller, String method, String uri) {
    String requestId = "own-" + UUID.randomUUID();
    RequestSpecification request =
        given().urlEncodingEnabled(false).header("X-Request-Id", requestId);
    long now = Instant.now().getEpochSecond();
    String signedSecret = caller == Caller.FORGED_ALICE ? "x".repeat(40) : secret;
    CallerSignature signer = CallerSignature.of(Optional.of(signedSecret), true).orElseThrow();
    String principal =
        switch (caller) {
          case ALICE, FORGED_ALICE, STALE_ALICE -> "alice";
          case BOB -> "bob";
          case ANONYMOUS -> null;
        };
    if (principal != null) {
      long at = caller == Caller.STALE_ALICE ? now - 120 : now;
      request
          .header(CallerSignature.PRINCIPAL, principal)
          .header(CallerSignature.SIGNATURE, signer.sign(principal, requestId, method, uri, at));
    }
    return request;
  }

  private String startAs(Caller caller, String query) {
    return TestSessions.start(as(caller, "POST", "/api/v1/query"), null, query);
  }

  private Response read(Caller caller, String id) {
    String uri = "/api/v1/sessions/" + id;
    return as(caller, "GET", uri).get(uri);
  }

  private Response append(Caller caller, String id) {
    return as(caller, "POST", "/api/v1/query")
        .contentType(ContentType.JSON)
        .body(Map.of("query", "let me in", "session_id", id))
        .post("/api/v1/query");
  }

  private Response stream(Caller caller, String id) {
    String uri = "/api/v1/query/stream?query=hello&session_id=" + id;
    return as(caller, "GET", uri).accept("text/event-stream").get(uri);
  }

  private Response delete(Caller caller, String id) {
    String uri = "/api/v1/sessions/" + id;
    return as(caller, "DELETE", uri).delete(uri);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Caller.class,
      names = {"BOB", "ANONYMOUS", "FORGED_ALICE", "STALE_ALICE"})
  void nobodyButItsOwnerCanReadAppendStreamOrDeleteASession(Caller other) {
    String id = startAs(Caller.ALICE, "my private thoughts");
    String unknown = UUID.randomUUID().toString();

    for (Response refused :
        new Response[] {read(other, id), append(other, id), stream(other, id), delete(other, id)}) {
      JsonPath problem = assertProblem(refused, 404, "not-found");
      // Exactly what an id that does not exist gets: no way to tell the two apart.
      assertThat(problem.getString("detail").replace(id, unknown))
          .isEqualTo(assertProblem(read(other, unknown), 404, "not-found").getString("detail"));
      assertThat(refused.asString()).doesNotContain("my private thoughts");
    }

    JsonPath session = read(Caller.ALICE, id).then().statusCode(200).extract().jsonPath();
    assertThat(session.getList("turns.query")).containsExactly("my private thoughts");
  }

  @Test
  void theOwnerReadsAppendsStreamsAndDeletes() {
    String id = startAs(Caller.ALICE, "first");

    append(Caller.ALICE, id).then().statusCode(200);
    Response streamed = stream(Caller.ALICE, id);
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.asString()).contains("event:done");
    assertThat(read(Caller.ALICE, id).jsonPath().getInt("turn_count")).isEqualTo(3);
    delete(Caller.ALICE, id).then().statusCode(204);
    assertProblem(read(Caller.ALICE, id), 404, "not-found");
  }

  @Test
  void keepsAnonymousSessionsForAnonymousCallersOnly() {
    String id = startAs(Caller.ANONYMOUS, "no key at all");

    read(Caller.ANONYMOUS, id).then().statusCode(200);
    assertProblem(read(Caller.ALICE, id), 404, "not-found");
    assertProblem(read(Caller.BOB, id), 404, "not-found");
    // A forged identity is no identity: the caller is anonymous, and sees what anonymous sees.
    read(Caller.FORGED_ALICE, id).then().statusCode(200);
  }
}
