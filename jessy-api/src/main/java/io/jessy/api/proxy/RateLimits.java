package io.jessy.api.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.jessy.api.config.GatewayConfig;
import io.jessy.web.DatabaseUrl;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A token bucket per client (Bucket4j): {@code RATE_LIMIT_BURST} tokens, refilled at {@code
 * RATE_LIMIT_RPS} per second. Idle clients' buckets are dropped after ten minutes (a full bucket is
 * what a new client gets anyway), and at most 100 000 are kept.
 *
 * <p>By default each replica keeps its buckets in memory, and a decision costs no more than a
 * bucket's arithmetic. With {@code RATE_LIMIT_DATABASE_URL} the buckets live in PostgreSQL, one per
 * client for every replica ({@link SharedBuckets}), off the event loop; whenever the store does not
 * answer in time, or its circuit is open, the request is limited by this replica's own bucket
 * instead: limits hold per replica then, never not at all.
 */
@ApplicationScoped
public class RateLimits {

  /** Where the buckets are, as {@code /api/health} says: this replica's memory, or the store. */
  public static final String LOCAL = "local";

  public static final String SHARED = "shared";

  /** How often expired rows are deleted from the store. */
  static final Duration CLEANUP_PERIOD = Duration.ofMinutes(1);

  private final int rps;
  private final int burst;
  private final Bandwidth bandwidth;
  private final TimeMeter clock;
  private final Cache<String, Bucket> buckets = perClient();

  /** Null without {@code RATE_LIMIT_DATABASE_URL}. */
  private final SharedBuckets shared;

  private final Vertx vertx;
  private final long cleanupTimer;

  @Inject
  public RateLimits(GatewayConfig config, TimeMeter clock, Vertx vertx) {
    this(config, clock, SharedBuckets.Timing.of(config), SharedBuckets.BREAKER, vertx);
  }

  /** In-memory buckets only (for tests). */
  RateLimits(GatewayConfig config) {
    this(config, TimeMeter.SYSTEM_MILLISECONDS, SharedBuckets.Timing.of(config));
  }

  /**
   * A replica for tests: its store's circuit unnamed (names are unique in an application), and no
   * periodic cleanup.
   */
  RateLimits(GatewayConfig config, TimeMeter clock, SharedBuckets.Timing timing) {
    this(config, clock, timing, null, null);
  }

  /** A cache by client: idle ones dropped after ten minutes, at most 100 000 kept. */
  static <V> Cache<String, V> perClient() {
    return Caffeine.newBuilder()
        .expireAfterAccess(Duration.ofMinutes(10))
        .maximumSize(100_000)
        .build();
  }

  /** Bucket4j's clock: the system's, unless a test holds it still. */
  @Produces
  @DefaultBean
  @Singleton
  static TimeMeter systemClock() {
    return TimeMeter.SYSTEM_MILLISECONDS;
  }

  /**
   * @param clock Bucket4j's time meter, wall-clock based (a store compares times across replicas)
   * @param timing how long a request waits for the store, and its circuit stays open
   * @param breaker the name of the store's circuit breaker, null for none
   * @param vertx runs the store's periodic cleanup; none without it
   */
  private RateLimits(
      GatewayConfig config,
      TimeMeter clock,
      SharedBuckets.Timing timing,
      String breaker,
      Vertx vertx) {
    this.rps = config.rateLimit().rps();
    this.burst = config.rateLimit().burst();
    this.bandwidth =
        Bandwidth.builder().capacity(burst).refillGreedy(rps, Duration.ofSeconds(1)).build();
    this.clock = clock;
    this.shared =
        config
            .rateLimit()
            .databaseUrl()
            .map(url -> DatabaseUrl.parse(GatewayConfig.RATE_LIMIT_DATABASE_URL, url))
            .map(url -> new SharedBuckets(url, bandwidth, clock, timing, breaker))
            .orElse(null);
    this.vertx = vertx;
    this.cleanupTimer =
        shared != null && vertx != null
            ? vertx.setPeriodic(CLEANUP_PERIOD.toMillis(), id -> shared.removeExpired())
            : -1;
  }

  /**
   * Takes one token from the client's bucket and hands the decision to {@code then}: at once, on
   * the calling thread, for in-memory buckets; for shared ones once the store has answered (or
   * failed to), back on the caller's Vert.x context.
   */
  public void take(String client, Consumer<Decision> then) {
    if (shared == null) {
      then.accept(local(client));
      return;
    }
    CompletableFuture<ConsumptionProbe> call = shared.take(client).toCompletableFuture();
    if (call.isDone()) {
      // Refused on this thread (the circuit is open): no hop.
      then.accept(decide(call, client));
      return;
    }
    Context context = Vertx.currentContext();
    call.whenComplete(
        (probe, failure) -> {
          Decision decision = decide(call, client);
          if (context == null) {
            then.accept(decision);
          } else {
            context.runOnContext(v -> then.accept(decision));
          }
        });
  }

  /**
   * {@link #SHARED} once the store has answered, {@link #LOCAL} at once without one; a failed stage
   * while the store is away (see {@link #reason}).
   */
  public CompletionStage<String> where() {
    return shared == null
        ? CompletableFuture.completedFuture(LOCAL)
        : shared.probe().thenApply(answered -> SHARED);
  }

  /** Why the store is away, in a word fit for a health check (never a host or a credential). */
  public static String reason(Throwable failure) {
    return SharedBuckets.reason(failure);
  }

  /** Deletes expired rows from the store now; the number deleted (for tests). */
  int removeExpiredNow() {
    return shared == null ? 0 : shared.removeExpiredNow();
  }

  @PreDestroy
  void close() {
    if (shared != null) {
      if (vertx != null) {
        vertx.cancelTimer(cleanupTimer);
      }
      shared.close();
    }
  }

  private Decision decide(CompletableFuture<ConsumptionProbe> call, String client) {
    ConsumptionProbe probe = call.isCompletedExceptionally() ? null : call.join();
    return probe != null ? decision(probe) : local(client);
  }

  private Decision local(String client) {
    return decision(buckets.get(client, key -> newBucket()).tryConsumeAndReturnRemaining(1));
  }

  private Decision decision(ConsumptionProbe probe) {
    long remaining = probe.getRemainingTokens();
    long secondsToFull = ceilDiv(burst - remaining, rps);
    long retryAfter =
        probe.isConsumed()
            ? 0
            : Math.max(1, ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
    return new Decision(probe.isConsumed(), burst, remaining, secondsToFull, retryAfter);
  }

  private Bucket newBucket() {
    return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(clock).build();
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * @param reset seconds until the bucket is full again ({@code RateLimit-Reset})
   * @param retryAfter seconds until the next token, when refused ({@code Retry-After})
   */
  public record Decision(
      boolean allowed, long limit, long remaining, long reset, long retryAfter) {}
}
