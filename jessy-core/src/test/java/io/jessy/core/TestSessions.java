package io.jessy.core;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** Sessions for tests: the core starts one when a query names none, and names it. */
public final class TestSessions {

  private TestSessions() {}

  /** Asks {@code query} as an anonymous caller, without a session id; returns the new id. */
  public static String start(String userId, String query) {
    return start(given(), userId, query);
  }

  /** The same with a prepared request (a caller's identity headers, say). */
  public static String start(RequestSpecification request, String userId, String query) {
    Map<String, Object> body = new HashMap<>();
    body.put("query", query);
    if (userId != null) {
      body.put("user_id", userId);
    }
    return request
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/query")
        .then()
        .statusCode(200)
        .extract()
        .path("session_id");
  }
}
