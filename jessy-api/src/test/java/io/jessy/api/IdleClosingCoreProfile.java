package io.jessy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A core that closes connections idle for {@value #CORE_IDLE_MS} ms, and a gateway that keeps idle
 * connections {@value #KEEP_ALIVE_S} s, as in production (30 s against the core's 60 s): the
 * gateway lets a connection go before the core does.
 */
public class IdleClosingCoreProfile implements QuarkusTestProfile {

  public static final long CORE_IDLE_MS = 1500;
  public static final long KEEP_ALIVE_S = 1;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.rate-limit.rps", "10000",
        "gateway.rate-limit.burst", "10000",
        "gateway.upstream.keep-alive", KEEP_ALIVE_S + "s");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(
            StubCore.class, Map.of(StubCore.IDLE_TIMEOUT_MS, Long.toString(CORE_IDLE_MS))));
  }
}
