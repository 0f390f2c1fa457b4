package io.jessy.api;

import io.jessy.api.config.GatewayConfig;
import io.jessy.web.Environment;
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
    Duration keepAlive,
    Environment env,
    boolean allowAnonymous,
    Optional<String> secret,
    List<String> proxies)
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
        Duration.ofSeconds(30),
        Environment.DEVELOPMENT,
        false,
        Optional.empty(),
        List.of());
  }

  public FixedGatewayConfig withCoreUrl(String url) {
    return new FixedGatewayConfig(
        URI.create(url),
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        secret,
        proxies);
  }

  public FixedGatewayConfig withRateLimit(int rps, int burst) {
    return new FixedGatewayConfig(
        coreUrl,
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        secret,
        proxies);
  }

  public FixedGatewayConfig withKeys(List<String> keys) {
    return new FixedGatewayConfig(
        coreUrl,
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        secret,
        proxies);
  }

  public FixedGatewayConfig withUpstream(
      Duration connectTimeout, Duration timeout, Duration breakerDelay) {
    return new FixedGatewayConfig(
        coreUrl,
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        secret,
        proxies);
  }

  public FixedGatewayConfig withKeepAlive(Duration keepAlive) {
    return new FixedGatewayConfig(
        coreUrl,
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        secret,
        proxies);
  }

  /** JESSY_ENV, ALLOW_ANONYMOUS and GATEWAY_SECRET (null for unset). */
  public FixedGatewayConfig withEnvironment(
      Environment env, boolean allowAnonymous, String secret) {
    return new FixedGatewayConfig(
        coreUrl,
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        Optional.ofNullable(secret),
        proxies);
  }

  public FixedGatewayConfig withTrustedProxies(List<String> proxies) {
    return new FixedGatewayConfig(
        coreUrl,
        rps,
        burst,
        keys,
        connectTimeout,
        timeout,
        breakerDelay,
        keepAlive,
        env,
        allowAnonymous,
        secret,
        proxies);
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
  public Optional<List<String>> trustedProxies() {
    return proxies.isEmpty() ? Optional.empty() : Optional.of(proxies);
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
