package io.jessy.api;

import java.util.Map;

/**
 * {@code API_KEYS} set and a tiny rate limit ({@code RATE_LIMIT_RPS=1}, {@code
 * RATE_LIMIT_BURST=3}). Keys 1 and 2 are for the key checks, 3 and 4 for the limit, so neither test
 * drains the other's buckets. The buckets' clock stands still ({@link StillClock}), so no token
 * comes back however slowly the tests run.
 */
public class KeysAndLimitsProfile extends StillClockProfile {

  public static final int BURST = 3;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.api-keys", "k1,k2,k3,k4",
        "gateway.rate-limit.rps", "1",
        "gateway.rate-limit.burst", Integer.toString(BURST));
  }
}
