package io.jessy.core.session;

import static io.jessy.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.core.TestSessions;
import io.jessy.web.DatabaseUrl;
import io.jessy.web.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The core on PostgreSQL, reached through a proxy the test cuts: a store outage answers 503
 * problem+json at once (no hang), readiness says why, and service resumes when the database is
 * back.
 */
@QuarkusTest
@TestProfile(StoreOutageTest.ThroughProxy.class)
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_VARIABLE, matches = ".+")
class StoreOutageTest {

  /** Points the PostgreSQL datasource at a proxy in front of the test database. */
  public static class ThroughProxy implements QuarkusTestProfile {
    static TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
      // Quarkus reads profiles while it discovers test classes, even disabled ones.
      if (System.getenv(TestDatabases.POSTGRES_VARIABLE) == null) {
        return Map.of();
      }
      DatabaseUrl url = TestDatabases.postgresUrl();
      String hostPort = url.location().replaceFirst("^postgresql://([^/]+)/.*$", "$1");
      int colon = hostPort.lastIndexOf(':');
      proxy =
          new TcpProxy(
              hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
      String jdbc = url.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
      return Map.of(
          "quarkus.datasource.postgresql.active",
          "true",
          "quarkus.datasource.postgresql.jdbc.url",
          jdbc,
          "quarkus.datasource.postgresql.username",
          url.user().orElse(""),
          "quarkus.datasource.postgresql.password",
          url.password().orElse(""),
          "jessy.storage.location",
          url.location());
    }
  }

  @AfterEach
  void reconnect() {
    ThroughProxy.proxy.restore();
  }

  private static io.restassured.response.Response ask(String sessionId, String query) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query, "session_id", sessionId))
        .post("/api/v1/query");
  }

  @Test
  void answers503WhileTheDatabaseIsAwayAndResumesWhenItReturns() {
    String id = TestSessions.start(null, "before the outage");

    ThroughProxy.proxy.cut();

    JsonPath problem = assertProblem(ask(id, "during the outage"), 503, "store-unavailable");
    assertThat(problem.getString("detail")).contains("nothing was saved");
    JsonPath ready = given().get("/health/ready").then().statusCode(503).extract().jsonPath();
    assertThat(ready.getString("status")).isEqualTo("unhealthy");
    assertThat(ready.getString("checks.store.status")).isEqualTo("down");
    assertThat(ready.getString("checks.store.reason")).isNotBlank().doesNotContain("password");
    given().get("/health/live").then().statusCode(200);

    ThroughProxy.proxy.restore();

    ask(id, "after the outage").then().statusCode(200);
    given().get("/health/ready").then().statusCode(200);
    JsonPath session =
        given().get("/api/v1/sessions/" + id).then().statusCode(200).extract().jsonPath();
    assertThat(session.getList("turns.query"))
        .containsExactly("before the outage", "after the outage");
  }

  @Test
  void namesThePostgresqlBackendWithoutCredentials() {
    String backend =
        given().get("/status").then().statusCode(200).extract().path("storage_backend");

    assertThat(backend).startsWith("postgresql://").doesNotContain("@", "password");
  }
}
