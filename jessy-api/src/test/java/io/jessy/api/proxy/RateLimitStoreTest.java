package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.jessy.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.StillClockProfile;
import io.jessy.api.TestStore;
import io.jessy.api.UnreachableCoreProfile;
import io.jessy.web.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The gateway with {@code RATE_LIMIT_DATABASE_URL}, reached through a proxy the tests cut: while
 * the store is away {@code /api/health} stays 200 and says the buckets are local, and every client
 * is still limited; while it answers, the buckets are the store's. The store is the test PostgreSQL
 * ({@code JESSY_TEST_DATABASE_URL}); without one, only the outage is played (the proxy then leads
 * nowhere).
 */
@QuarkusTest
@TestProfile(RateLimitStoreTest.ThroughProxy.class)
class RateLimitStoreTest extends GatewayTest {

  private static final int BURST = 3;

  @ConfigProperty(name = "gateway.api-keys")
  List<String> keys;

  /**
   * Rate limit 1/s, burst 3, Bucket4j's clock held still (so counts are exact), a patient store (a
   * cut one fails at once; a busy machine must not look like an outage), and three API keys of
   * names no earlier run used (the table outlives a run).
   */
  public static class ThroughProxy extends StillClockProfile {
    static TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
      proxy = TestStore.proxy("127.0.0.1:" + UnreachableCoreProfile.closedPort());
      String run = "run-" + UUID.randomUUID().toString().substring(0, 8);
      return Map.of(
          "gateway.rate-limit.rps",
          "1",
          "gateway.rate-limit.burst",
          Integer.toString(BURST),
          "gateway.api-keys",
          String.join(",", run + "-1:key-1", run + "-2:key-2", run + "-3:key-3"),
          "gateway.rate-limit.database-url",
          TestStore.throughProxy(proxy),
          "gateway.rate-limit.store-timeout",
          "5s");
    }
  }

  @BeforeEach
  void coreAnswers() {
    core.register(get("/api/v1/dimensions").willReturn(okJson(CoreAnswers.DIMENSIONS)));
    core.register(get("/health/ready").willReturn(okJson("{}")));
  }

  @AfterEach
  void storeBack() {
    ThroughProxy.proxy.restore();
  }

  @Test
  void staysHealthyAndLimitsEveryClientWithItsOwnBucketsWhileTheStoreIsAway() {
    ThroughProxy.proxy.cut();

    Response response = given().get("/api/health");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    JsonPath health = response.jsonPath();
    assertThat(health.getString("status")).isEqualTo("healthy");
    assertThat(health.getString("checks.core.status")).isEqualTo("up");
    assertThat(health.getString("checks.rate_limits.status")).isEqualTo("degraded");
    assertThat(health.getString("checks.rate_limits.buckets")).isEqualTo(RateLimits.LOCAL);
    assertThat(health.getString("checks.rate_limits.error")).isNotBlank();
    assertThat(response.asString()).doesNotContain("secret", "password");

    List<Integer> statuses = new ArrayList<>();
    Response last = null;
    for (int i = 0; i <= BURST; i++) {
      last = dimensions(3);
      statuses.add(last.statusCode());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429);
    assertProblem(last, 429, "rate-limited");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = TestStore.VARIABLE, matches = ".+")
  void takesTokensFromTheStoresBucketsWhileItAnswers() throws Exception {
    awaitHealth(RateLimits.SHARED);

    List<String> remaining = new ArrayList<>();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= BURST; i++) {
      Response response = dimensions(1);
      statuses.add(response.statusCode());
      remaining.add(response.header("RateLimit-Remaining"));
    }

    assertThat(statuses).containsExactly(200, 200, 200, 429);
    assertThat(remaining).containsExactly("2", "1", "0", "0");
    assertThat(rows(1)).as("the client's row in the store").isOne();
  }

  @Test
  @EnabledIfEnvironmentVariable(named = TestStore.VARIABLE, matches = ".+")
  void sharesTheBucketsAgainOnceTheStoreIsBack() throws Exception {
    awaitHealth(RateLimits.SHARED);
    ThroughProxy.proxy.cut();
    awaitHealth(RateLimits.LOCAL);
    for (int i = 0; i < BURST; i++) {
      dimensions(2).then().statusCode(200);
    }
    assertThat(dimensions(2).statusCode()).as("this replica's own bucket, empty").isEqualTo(429);
    assertThat(rows(2)).as("nothing reached the store").isZero();

    ThroughProxy.proxy.restore();

    awaitHealth(RateLimits.SHARED);
    Response shared = dimensions(2);
    assertThat(shared.statusCode()).as("the store's bucket, untouched").isEqualTo(200);
    assertThat(shared.header("RateLimit-Remaining")).isEqualTo("2");
    assertThat(rows(2)).isOne();
  }

  /** The store's rows for API key {@code key}: one once its bucket is there, else none. */
  private int rows(int key) throws Exception {
    try (Connection connection = TestStore.connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM " + SharedBuckets.TABLE + " WHERE id LIKE ?")) {
      select.setString(1, "%:key:" + keys.get(key - 1).split(":")[0]);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private static Response dimensions(int key) {
    return given().header("Authorization", "Bearer key-" + key).get("/api/v1/dimensions");
  }

  /** Until {@code /api/health} (always 200 here) says the buckets are {@code where}. */
  private static void awaitHealth(String where) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String buckets;
    do {
      Response response = given().get("/api/health");
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      buckets = response.jsonPath().getString("checks.rate_limits.buckets");
      if (buckets.equals(where)) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    assertThat(buckets).as("checks.rate_limits.buckets").isEqualTo(where);
  }
}
