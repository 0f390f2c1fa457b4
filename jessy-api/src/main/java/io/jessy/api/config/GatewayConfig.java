package io.jessy.api.config;

import io.jessy.web.DatabaseUrl;
import io.jessy.web.Environment;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's typed configuration, bound from the environment variables in {@code .env.example}
 * (see application.properties). Wrong types stop the service at start-up (SmallRye Config); {@link
 * #check} rejects values out of range, naming the variable.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** The variable {@link RateLimit#databaseUrl} comes from, named by its errors. */
  String RATE_LIMIT_DATABASE_URL = "RATE_LIMIT_DATABASE_URL";

  /** CORE_SERVICE_URL: where {@code /api/v1/**} is forwarded. */
  @WithDefault("http://jessy-core:8080")
  URI coreUrl();

  RateLimit rateLimit();

  /** JESSY_ENV: development, test or production; production fails closed (see {@link #check}). */
  @WithDefault("development")
  Environment env();

  /**
   * API_KEYS: comma-separated {@code name:key} (or {@code name:sha256:<hex digest>}, or an unnamed
   * key); when set, {@code /api/v1/**} needs one as a bearer token. See {@code ApiKeys}.
   */
  Optional<List<String>> apiKeys();

  /** ALLOW_ANONYMOUS: lets a production gateway run without API_KEYS, on purpose. */
  @WithDefault("false")
  boolean allowAnonymous();

  /** GATEWAY_SECRET: signs the caller's principal for the core (CallerSignature). */
  Optional<String> secret();

  /**
   * JAEGER_ENABLED: the gateway traces its requests (OpenTelemetry), and its own span, not the
   * client's, is the core's parent.
   */
  @WithDefault("false")
  boolean tracing();

  /** TRUSTED_PROXIES: addresses or CIDR ranges whose X-Forwarded-For is believed. */
  Optional<List<String>> trustedProxies();

  Upstream upstream();

  /**
   * Set by {@code TlsConfigSource} when TLS_CERT_FILE and TLS_KEY_FILE are: HTTPS is on, and plain
   * HTTP serves health and metrics only ({@code PlainHttpPolicy}).
   */
  @WithDefault("false")
  boolean https();

  interface RateLimit {
    /** RATE_LIMIT_RPS: tokens added per second to each client's bucket. */
    @WithDefault("10")
    int rps();

    /** RATE_LIMIT_BURST: bucket size, the most requests a client may send at once. */
    @WithDefault("20")
    int burst();

    /**
     * RATE_LIMIT_DATABASE_URL: a PostgreSQL database (either form of {@link DatabaseUrl}) that
     * holds one bucket per client for all replicas; unset, each replica keeps its own in memory.
     */
    Optional<String> databaseUrl();

    /**
     * RATE_LIMIT_STORE_TIMEOUT: how long a request waits for that database before this replica's
     * own bucket decides instead. A store nearby answers in a millisecond or two; this only bounds
     * one that does not answer.
     */
    @WithDefault("250ms")
    Duration storeTimeout();
  }

  interface Upstream {
    /** UPSTREAM_CONNECT_TIMEOUT: how long to wait for a connection to the core. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** UPSTREAM_TIMEOUT: how long the core may stay silent (headers or between stream events). */
    @WithDefault("30s")
    Duration timeout();

    /** BREAKER_DELAY: how long the circuit stays open before a trial request. */
    @WithDefault("5s")
    Duration breakerDelay();

    /**
     * UPSTREAM_KEEP_ALIVE: how long an idle connection to the core is kept for reuse; whole
     * seconds. Must stay below the idle timeout of whatever answers at CORE_SERVICE_URL (the core's
     * is 60 s), so the gateway never reuses a connection the other side is closing.
     */
    @WithDefault("30s")
    Duration keepAlive();
  }

  /**
   * Checks what the types alone cannot.
   *
   * @throws IllegalArgumentException naming the environment variable at fault
   */
  static void check(GatewayConfig config) {
    if (production(config)
        && config.apiKeys().orElse(List.of()).stream().allMatch(String::isBlank)
        && !config.allowAnonymous()) {
      throw new IllegalArgumentException(
          "API_KEYS must be set in production (JESSY_ENV=production), e.g."
              + " API_KEYS=alice:<key>; set ALLOW_ANONYMOUS=true to serve anyone without a key");
    }
    if (config.rateLimit().rps() < 1) {
      throw new IllegalArgumentException(
          "RATE_LIMIT_RPS must be at least 1, got " + config.rateLimit().rps());
    }
    if (config.rateLimit().burst() < 1) {
      throw new IllegalArgumentException(
          "RATE_LIMIT_BURST must be at least 1, got " + config.rateLimit().burst());
    }
    config
        .rateLimit()
        .databaseUrl()
        .ifPresent(url -> DatabaseUrl.parse(RATE_LIMIT_DATABASE_URL, url));
    String scheme = config.coreUrl().getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || config.coreUrl().getHost() == null) {
      throw new IllegalArgumentException(
          "CORE_SERVICE_URL must be an http(s) URL, got " + config.coreUrl());
    }
    requirePositive("RATE_LIMIT_STORE_TIMEOUT", config.rateLimit().storeTimeout());
    requirePositive("UPSTREAM_CONNECT_TIMEOUT", config.upstream().connectTimeout());
    requirePositive("UPSTREAM_TIMEOUT", config.upstream().timeout());
    requirePositive("BREAKER_DELAY", config.upstream().breakerDelay());
    Duration keepAlive = config.upstream().keepAlive();
    if (keepAlive.toMillis() < 1000 || keepAlive.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "UPSTREAM_KEEP_ALIVE must be a whole number of seconds, at least 1s, got " + keepAlive);
    }
  }

  static boolean production(GatewayConfig config) {
    return config.env() == Environment.PRODUCTION;
  }

  private static void requirePositive(String variable, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(variable + " must be positive, got " + value);
    }
  }
}
