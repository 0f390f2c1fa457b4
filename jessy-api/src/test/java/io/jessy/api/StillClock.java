package io.jessy.api;

import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * Bucket4j's clock held still at the moment it was made, so no token comes back while a test runs
 * and every count is exact however slow the machine. Wall-clock based, as a shared store wants. A
 * test profile puts it in the gateway with {@code getEnabledAlternatives}.
 */
@Alternative
@Singleton
public class StillClock implements TimeMeter {

  private final long nanos = System.currentTimeMillis() * 1_000_000;

  @Override
  public long currentTimeNanos() {
    return nanos;
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }
}
