package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.FixedGatewayConfig;
import io.jessy.api.proxy.RateLimits.Decision;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link RateLimits}: a token bucket per client, in memory without a store. */
class RateLimitsTest {

  private static RateLimits limits(int rps, int burst) {
    return new RateLimits(FixedGatewayConfig.defaults().withRateLimit(rps, burst));
  }

  /** In-memory buckets decide on the calling thread, before {@code take} returns. */
  static Decision take(RateLimits limits, String client) {
    AtomicReference<Decision> decision = new AtomicReference<>();
    limits.take(client, decision::set);
    assertThat(decision.get()).as("decided at once").isNotNull();
    return decision.get();
  }

  @Test
  void allowsABurstThenRefusesWithRetryAfter() {
    RateLimits limits = limits(1, 3);

    Decision first = take(limits, "ip-1");
    Decision second = take(limits, "ip-1");
    Decision third = take(limits, "ip-1");
    Decision fourth = take(limits, "ip-1");

    assertThat(first).isEqualTo(new Decision(true, 3, 2, 1, 0));
    assertThat(second).isEqualTo(new Decision(true, 3, 1, 2, 0));
    assertThat(third).isEqualTo(new Decision(true, 3, 0, 3, 0));
    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.limit()).isEqualTo(3);
    assertThat(fourth.remaining()).isZero();
    assertThat(fourth.reset()).isEqualTo(3);
    assertThat(fourth.retryAfter()).isEqualTo(1);
  }

  @Test
  void neverTellsAClientToRetryInLessThanOneSecond() {
    // A token every 500 ms: the wait is under a second, the header says 1.
    RateLimits limits = limits(2, 1);

    take(limits, "ip-1");
    Decision refused = take(limits, "ip-1");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(1);
  }

  @Test
  void givesEveryClientItsOwnBucket() {
    RateLimits limits = limits(1, 2);
    take(limits, "key-1");
    take(limits, "key-1");

    assertThat(take(limits, "key-1").allowed()).isFalse();
    assertThat(take(limits, "key-2")).isEqualTo(new Decision(true, 2, 1, 1, 0));
    assertThat(take(limits, "ip-127.0.0.1").allowed()).isTrue();
  }

  @Test
  void saysItsBucketsAreLocalWithoutAStore() {
    assertThat(limits(10, 20).where()).isCompletedWithValue(RateLimits.LOCAL);
  }

  @Test
  void resetsInWholeSecondsAtTheRefillRate() {
    RateLimits limits = limits(10, 20);

    for (int i = 0; i < 15; i++) {
      take(limits, "c");
    }
    Decision decision = take(limits, "c");

    // 16 tokens gone at 10 per second: full again within 2 s.
    assertThat(decision.remaining()).isBetween(4L, 5L);
    assertThat(decision.reset()).isEqualTo(2);
  }
}
