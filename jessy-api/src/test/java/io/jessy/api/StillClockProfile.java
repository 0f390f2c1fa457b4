package io.jessy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Set;

/**
 * The gateway in front of {@link StubCore} with its buckets' clock held still ({@link StillClock}),
 * for profiles with a tiny rate limit: no token comes back however slowly a test runs. Subclasses
 * give the limits in {@link #getConfigOverrides}.
 */
public abstract class StillClockProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(StillClock.class);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(StubCore.class));
  }
}
