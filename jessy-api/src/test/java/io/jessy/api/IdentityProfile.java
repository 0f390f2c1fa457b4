package io.jessy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Two named keys, alice's given as the key and bob's only as its SHA-256 digest, and the secret the
 * gateway signs principals with.
 */
public class IdentityProfile implements QuarkusTestProfile {

  public static final String ALICE_KEY = "alice-key-0001";
  public static final String BOB_KEY = "bob-key-0002";
  public static final String SECRET = "test-gateway-secret-0123456789abcdef";

  /** {@code printf %s bob-key-0002 | sha256sum} */
  static final String BOB_DIGEST =
      "d54508c124109e1bbf7d7dffd3aa872b9364dc9f0232ca9b32d74a42b570cd7d";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.api-keys",
        "alice:" + ALICE_KEY + ",bob:sha256:" + BOB_DIGEST,
        "gateway.secret",
        SECRET,
        "gateway.rate-limit.rps",
        "10000",
        "gateway.rate-limit.burst",
        "10000");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(StubCore.class));
  }
}
