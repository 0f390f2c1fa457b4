package io.jessy.api;

import java.util.Map;

/**
 * {@code TRUSTED_PROXIES=127.0.0.1,::1} (the test client stands for a proxy) and a tiny rate limit,
 * so X-Forwarded-For decides which bucket a request draws from; the buckets' clock stands still
 * ({@link StillClock}), so no token comes back however slowly the test runs.
 */
public class TrustedProxyProfile extends StillClockProfile {

  public static final int BURST = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.trusted-proxies", "127.0.0.1,::1",
        "gateway.rate-limit.rps", "1",
        "gateway.rate-limit.burst", Integer.toString(BURST));
  }
}
