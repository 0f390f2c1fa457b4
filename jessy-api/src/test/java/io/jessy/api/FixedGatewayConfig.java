package io.jessy.api;

import io.jessy.api.config.GatewayConfig;
import io.jessy.web.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link GatewayConfig} with given values, for tests that need no running gateway: the embedded
 * defaults of application.properties, changed one {@code with...} copy at a time.
 */
public final class FixedGatewayConfig implements GatewayConfig {

  private URI coreUrl = URI.create("http://jessy-core:8080");
  private int rps = 10;
  private int burst = 20;
  private Optional<String> limitStore = Optional.empty();
  private Duration storeTimeout = Duration.ofMillis(250);
  private List<String> keys = List.of();
  private Duration connectTimeout = Duration.ofSeconds(2);
  private Duration timeout = Duration.ofSeconds(30);
  private Duration breakerDelay = Duration.ofSeconds(5);
  private Duration keepAlive = Duration.ofSeconds(30);
  private Environment env = Environment.DEVELOPMENT;
  private boolean allowAnonymous;
  private Optional<String> secret = Optional.empty();
  private List<String> proxies = List.of();
  private boolean tracing;

  private FixedGatewayConfig() {}

  public static FixedGatewayConfig defaults() {
    return new FixedGatewayConfig();
  }

  private FixedGatewayConfig copy() {
    FixedGatewayConfig c = new FixedGatewayConfig();
    c.coreUrl = coreUrl;
    c.rps = rps;
    c.burst = burst;
    c.limitStore = limitStore;
    c.storeTimeout = storeTimeout;
    c.keys = keys;
    c.connectTimeout = connectTimeout;
    c.timeout = timeout;
    c.breakerDelay = breakerDelay;
    c.keepAlive = keepAlive;
    c.env = env;
    c.allowAnonymous = allowAnonymous;
    c.secret = secret;
    c.proxies = proxies;
    c.tracing = tracing;
    return c;
  }

  public FixedGatewayConfig withCoreUrl(String url) {
    FixedGatewayConfig c = copy();
    c.coreUrl = URI.create(url);
    return c;
  }

  public FixedGatewayConfig withRateLimit(int rps, int burst) {
    FixedGatewayConfig c = copy();
    c.rps = rps;
    c.burst = burst;
    return c;
  }

  /** RATE_LIMIT_DATABASE_URL. */
  public FixedGatewayConfig withRateLimitStore(String url) {
    FixedGatewayConfig c = copy();
    c.limitStore = Optional.of(url);
    return c;
  }

  /** RATE_LIMIT_STORE_TIMEOUT. */
  public FixedGatewayConfig withStoreTimeout(Duration timeout) {
    FixedGatewayConfig c = copy();
    c.storeTimeout = timeout;
    return c;
  }

  public FixedGatewayConfig withKeys(List<String> keys) {
    FixedGatewayConfig c = copy();
    c.keys = List.copyOf(keys);
    return c;
  }

  public FixedGatewayConfig withUpstream(
      Duration connectTimeout, Duration timeout, Duration breakerDelay) {
    FixedGatewayConfig c = copy();
    c.connectTimeout = connectTimeout;
    c.timeout = timeout;
    c.breakerDelay = breakerDelay;
    return c;
  }

  public FixedGatewayConfig withKeepAlive(Duration keepAlive) {
    FixedGatewayConfig c = copy();
    c.keepAlive = keepAlive;
    return c;
  }

  /** JESSY_ENV, ALLOW_ANONYMOUS and GATEWAY_SECRET (null for unset). */
  public FixedGatewayConfig withEnvironment(
      Environment env, boolean allowAnonymous, String secret) {
    FixedGatewayConfig c = copy();
    c.env = env;
    c.allowAnonymous = allowAnonymous;
    c.secret = Optional.ofNullable(secret);
    return c;
  }

  public FixedGatewayConfig withTrustedProxies(List<String> proxies) {
    FixedGatewayConfig c = copy();
    c.proxies = List.copyOf(proxies);
    return c;
  }

  @Override
  public URI coreUrl() {
    return coreUrl;
  }

  @Override
  public Environment env() {
    return env;
  }

  @Override
  public boolean allowAnonymous() {
    return allowAnonymous;
  }

  @Override
  public Optional<String> secret() {
    return secret;
  }

  @Override
  public boolean tracing() {
    return tracing;
  }

  @Override
  public boolean https() {
    return false;
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

      @Override
      public Optional<String> databaseUrl() {
        return limitStore;
      }

      @Override
      public Duration storeTimeout() {
        return storeTimeout;
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
