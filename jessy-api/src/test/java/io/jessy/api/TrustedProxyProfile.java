package io.jessy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * {@code TRUSTED_PROXIES=127.0.0.1} (the test client) and a tiny rate limit, so X-Forwarded-For
 * decides which bucket a request draws from. The three Quarkus switches are what
 * DesignVariablesConfigSource derives from a non-empty TRUSTED_PROXIES.
 */
public class TrustedProxyProfile implements QuarkusTestProfile {

  public static final int BURST = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.http.proxy.proxy-address-forwarding", "true",
        "quarkus.http.proxy.allow-x-forwarded", "true",
        "quarkus.http.proxy.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1",
        "gateway.rate-limit.rps", "1",
        "gateway.rate-limit.burst", Integer.toString(BURST));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(StubCore.class));
  }
}
