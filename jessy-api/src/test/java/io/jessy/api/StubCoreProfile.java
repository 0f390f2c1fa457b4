package io.jessy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The gateway in front of {@link StubCore}, with limits that keep tests apart: a rate limit no test
 * reaches, a 2 s upstream timeout (short enough for a 504 test, long enough for a cold first call
 * and for the gaps of a dribbled stream), a 2 s breaker delay and one allowed CORS origin.
 */
public class StubCoreProfile implements QuarkusTestProfile {

  public static final String ALLOWED_ORIGIN = "https://app.example.org";
  public static final long TIMEOUT_MS = 2000;
  public static final long BREAKER_DELAY_S = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.rate-limit.rps",
        "10000",
        "gateway.rate-limit.burst",
        "10000",
        "gateway.upstream.timeout",
        TIMEOUT_MS + "ms",
        "gateway.upstream.breaker-delay",
        BREAKER_DELAY_S + "s",
        "quarkus.http.cors.origins",
        ALLOWED_ORIGIN);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(StubCore.class));
  }
}
