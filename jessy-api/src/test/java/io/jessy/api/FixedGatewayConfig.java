package io.jessy.api;

import io.jessy.api.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link GatewayConfig} with the given values, for tests that need no running gateway. */
public record FixedGatewayConfig(
    URI coreUrl,
    int rps,
    int burst,
    List<String> keys,
    Duration connectTimeout,
    Duration timeout,
    Duration breakerDelay,
    Duration keepAlive)
    implements GatewayConfig {

  /** The embedded defaults of application.properties. */
  public static FixedGatewayConfig defaults() {
    return new FixedGatewayConfig(
        URI.create("http://jessy-core:8080"),
        10,
        20,
        List.of(),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30));
  }

  public FixedGatewayConfig withCoreUrl(String url) {
    return new FixedGatewayConfig(
        URI.create(url), rps, burst, keys, connectTimeout, timeout, breakerDelay, keepAlive);
  }

  public FixedGatewayConfig withRateLimit(int rps, int burst) {
    return new FixedGatewayConfig(
        coreUrl, rps, burst, keys, connectTimeout, timeout, breakerDelay, keepAlive);
  }

  public FixedGatewayConfig withKeys(List<String> keys) {
    return new FixedGatewayConfig(
        coreUrl, rps, burst, keys, connectTimeout, timeout, breakerDelay, keepAlive);
  }

  public FixedGatewayConfig withUpstream(
      Duration connectTimeout, Duration timeout, Duration breakerDelay) {
    return new FixedGatewayConfig(
        coreUrl, rps, burst, keys, connectTimeout, timeout, breakerDelay, keepAlive);
  }

  public FixedGatewayConfig withKeepAlive(Duration keepAlive) {
    return new FixedGatewayConfig(
        coreUrl, rps, burst, keys, connectTimeout, timeout, breakerDelay, keepAlive);
  }

  @Override
  public RateLimit rateLimit() {
    return new RateLimit() {
      @Override
      public int rps() {
        return rps;
      }

      @Override
      public int burst() {
        return burst;
      }
    };
  }

  @Override
  public Optional<List<String>> apiKeys() {
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys);
  }

  @Override
  public Upstream upstream() {
    return new Upstream() {
      @Override
      public Duration connectTimeout() {
        return connectTimeout;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public Duration breakerDelay() {
        return breakerDelay;
      }

      @Override
      public Duration keepAlive() {
        return keepAlive;
      }
    };
  }
}
