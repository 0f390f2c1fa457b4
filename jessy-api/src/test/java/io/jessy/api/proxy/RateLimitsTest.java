package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.FixedGatewayConfig;
import io.jessy.api.proxy.RateLimits.Decision;
import org.junit.jupiter.api.Test;

/** {@link RateLimits}: a token bucket per client. */
class RateLimitsTest {

  private static RateLimits limits(int rps, int burst) {
    return new RateLimits(FixedGatewayConfig.defaults().withRateLimit(rps, burst));
  }

  @Test
  void allowsABurstThenRefusesWithRetryAfter() {
    RateLimits limits = limits(1, 3);

    Decision first = limits.take("ip-1");
    Decision second = limits.take("ip-1");
    Decision third = limits.take("ip-1");
    Decision fourth = limits.take("ip-1");

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

    limits.take("ip-1");
    Decision refused = limits.take("ip-1");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(1);
  }

  @Test
  void givesEveryClientItsOwnBucket() {
    RateLimits limits = limits(1, 2);
    limits.take("key-1");
    limits.take("key-1");

    assertThat(limits.take("key-1").allowed()).isFalse();
    assertThat(limits.take("key-2")).isEqualTo(new Decision(true, 2, 1, 1, 0));
    assertThat(limits.take("ip-127.0.0.1").allowed()).isTrue();
  }

  @Test
  void resetsInWholeSecondsAtTheRefillRate() {
    RateLimits limits = limits(10, 20);

    for (int i = 0; i < 15; i++) {
      limits.take("c");
    }
    Decision decision = limits.take("c");

    // 16 tokens gone at 10 per second: full again within 2 s.
    assertThat(decision.remaining()).isBetween(4L, 5L);
    assertThat(decision.reset()).isEqualTo(2);
  }
}
