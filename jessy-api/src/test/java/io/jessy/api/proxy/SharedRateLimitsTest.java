package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.api.FixedGatewayConfig;
import io.jessy.api.StillClock;
import io.jessy.api.StubCoreProfile;
import io.jessy.api.TestStore;
import io.jessy.api.proxy.RateLimits.Decision;
import io.jessy.web.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link RateLimits} with {@code RATE_LIMIT_DATABASE_URL}: replicas (here, instances) share one
 * bucket per client in the PostgreSQL named by {@code JESSY_TEST_DATABASE_URL} ({@code .ci/run}
 * starts one; without it these tests are skipped). Bucket4j's clock is held still, so no token
 * comes back during a test and every count is exact. Inside Quarkus only for SmallRye Fault
 * Tolerance's guard, which needs CDI.
 */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
@EnabledIfEnvironmentVariable(named = TestStore.VARIABLE, matches = ".+")
class SharedRateLimitsTest {

  private static final int BURST = 5;

  /**
   * Generous, so that a cold JVM's first connections, or a busy machine, never count as an outage
   * here: a cut store fails at once anyway.
   */
  private static final SharedBuckets.Timing PATIENT =
      new SharedBuckets.Timing(Duration.ofSeconds(5), Duration.ofSeconds(5));

  private final StillClock clock = new StillClock();
  private final List<RateLimits> replicas = new ArrayList<>();
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final String client = "ip:test-" + UUID.randomUUID();

  @AfterEach
  void stopReplicas() {
    replicas.forEach(RateLimits::close);
    proxies.forEach(TcpProxy::close);
  }

  @Test
  void twoReplicasRefuseAtTheRateOfOneBucket() {
    RateLimits first = replica(store(), PATIENT);
    RateLimits second = replica(store(), PATIENT);

    List<Long> remaining = new ArrayList<>();
    int allowed = 0;
    for (int i = 0; i < 2 * BURST; i++) {
      Decision decision = take(i % 2 == 0 ? first : second, client);
      remaining.add(decision.remaining());
      allowed += decision.allowed() ? 1 : 0;
    }

    assertThat(allowed).as("allowed across both replicas").isEqualTo(BURST);
    assertThat(remaining).containsExactly(4L, 3L, 2L, 1L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(take(second, client + "-other").remaining()).as("another client").isEqualTo(4);
    assertThat(where(first)).isEqualTo(RateLimits.SHARED);
  }

  @Test
  void concurrentRequestsToTwoReplicasShareTheBurst() throws Exception {
    RateLimits first = replica(store(), PATIENT);
    RateLimits second = replica(store(), PATIENT);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Decision>> decisions = new ArrayList<>();
      for (int i = 0; i < 8 * BURST; i++) {
        RateLimits replica = i % 2 == 0 ? first : second;
        decisions.add(CompletableFuture.supplyAsync(() -> take(replica, client), callers));
      }

      long allowed =
          decisions.stream().map(CompletableFuture::join).filter(Decision::allowed).count();

      assertThat(allowed).isEqualTo(BURST);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void limitsWithItsOwnBucketsWhileTheStoreIsAwayAndSharesAgainWhenItIsBack() throws Exception {
    TcpProxy proxy = proxyToStore();
    RateLimits cut =
        replica(
            TestStore.throughProxy(proxy),
            new SharedBuckets.Timing(PATIENT.timeout(), Duration.ofSeconds(2)));
    RateLimits other = replica(store(), PATIENT);
    assertThat(take(cut, client).remaining()).isEqualTo(4);
    assertThat(take(other, client).remaining()).isEqualTo(3);

    proxy.cut();

    // The store is away: this replica's own bucket, full, then empty; never no limit.
    List<Boolean> allowed = new ArrayList<>();
    for (int i = 0; i <= BURST; i++) {
      allowed.add(take(cut, client).allowed());
    }
    assertThat(allowed).containsExactly(true, true, true, true, true, false);
    assertThatThrownBy(() -> where(cut)).isInstanceOf(CompletionException.class);
    // Enough failures open the circuit: then the store is not even tried.
    for (int i = 0; i < SharedBuckets.BREAKER_WINDOW; i++) {
      assertThat(take(cut, client).allowed()).isFalse();
    }
    assertThat(reasonWhyAway(cut)).isEqualTo("CircuitBreakerOpenException");
    assertThat(take(other, client).remaining()).as("the store itself still counts").isEqualTo(2);

    proxy.restore();

    awaitShared(cut);
    Decision back = take(cut, client);
    assertThat(back.allowed()).isTrue();
    assertThat(back.remaining()).as("the shared bucket again, not the empty local one").isOne();
    assertThat(take(other, client).remaining()).isZero();
  }

  @Test
  void removesExpiredBucketsAndKeepsTheOthers() throws Exception {
    RateLimits replica = replica(store(), PATIENT);
    String expired = client + "-expired";
    take(replica, client);
    take(replica, expired);
    long now = System.currentTimeMillis();

    try (Connection connection = TestStore.connect()) {
      // One token short, at 1 per second: full in 1 s, then kept for KEEP_AFTER_REFILL.
      assertThat(expiresAt(connection, client))
          .isBetween(now, now + 1000 + SharedBuckets.KEEP_AFTER_REFILL.toMillis() + 5000);
      try (PreparedStatement expire =
          connection.prepareStatement(
              "UPDATE " + SharedBuckets.TABLE + " SET expires_at = 0 WHERE id LIKE ?")) {
        expire.setString(1, "%:" + expired);
        assertThat(expire.executeUpdate()).isOne();
      }

      assertThat(replica.removeExpiredNow()).isPositive();

      assertThat(expiresAt(connection, expired)).as("removed").isNull();
      assertThat(expiresAt(connection, client)).as("kept").isNotNull();
    }
  }

  /** A replica whose store has answered once (so its table and first connection exist). */
  private RateLimits replica(String storeUrl, SharedBuckets.Timing timing) {
    RateLimits limits =
        new RateLimits(
            FixedGatewayConfig.defaults().withRateLimit(1, BURST).withRateLimitStore(storeUrl),
            clock,
            timing);
    replicas.add(limits);
    assertThat(where(limits)).isEqualTo(RateLimits.SHARED);
    return limits;
  }

  /** Waits for the decision, which comes on the store's thread (no Vert.x context here). */
  static Decision take(RateLimits limits, String client) {
    CompletableFuture<Decision> decision = new CompletableFuture<>();
    limits.take(client, decision::complete);
    return decision.orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static String where(RateLimits limits) {
    return limits.where().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static String reasonWhyAway(RateLimits limits) {
    try {
      return "answered: " + where(limits);
    } catch (CompletionException e) {
      return RateLimits.reason(e);
    }
  }

  private static void awaitShared(RateLimits limits) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String last = reasonWhyAway(limits);
    while (!last.equals("answered: " + RateLimits.SHARED) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = reasonWhyAway(limits);
    }
    assertThat(last).as("the store answers again").isEqualTo("answered: " + RateLimits.SHARED);
  }

  private static String store() {
    return TestStore.url().orElseThrow();
  }

  private TcpProxy proxyToStore() {
    TcpProxy proxy = TestStore.proxy("unused:0");
    proxies.add(proxy);
    return proxy;
  }

  private static Long expiresAt(Connection connection, String client) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT expires_at FROM " + SharedBuckets.TABLE + " WHERE id LIKE ?")) {
      select.setString(1, "%:" + client);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getLong(1) : null;
      }
    }
  }
}
