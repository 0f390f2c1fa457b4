package io.jessy.api.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.jessy.api.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * A token bucket per client (Bucket4j): {@code RATE_LIMIT_BURST} tokens, refilled at {@code
 * RATE_LIMIT_RPS} per second. Idle clients' buckets are dropped after ten minutes (a full bucket is
 * what a new client gets anyway), and at most 100 000 are kept.
 */
@ApplicationScoped
public class RateLimits {

  private final int rps;
  private final int burst;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

  public RateLimits(GatewayConfig config) {
    this.rps = config.rateLimit().rps();
    this.burst = config.rateLimit().burst();
  }

  /** Takes one token from the client's bucket. */
  public Decision take(String client) {
    Bucket bucket = buckets.get(client, key -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    long remaining = probe.getRemainingTokens();
    long secondsToFull = ceilDiv(burst - remaining, rps);
    long retryAfter =
        probe.isConsumed()
            ? 0
            : Math.max(1, ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
    return new Decision(probe.isConsumed(), burst, remaining, secondsToFull, retryAfter);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder().capacity(burst).refillGreedy(rps, Duration.ofSeconds(1)).build())
        .build();
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
