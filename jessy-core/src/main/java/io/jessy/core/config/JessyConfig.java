package io.jessy.core.config;

import io.jessy.web.Environment;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The core's typed configuration, bound from the environment variables in {@code .env.example} (see
 * application.properties) and validated at start-up: an invalid value stops the service with a
 * message naming the variable.
 */
@ConfigMapping(prefix = "jessy")
public interface JessyConfig {

  /** JESSY_ENV: development, test or production. */
  @WithDefault("development")
  Environment env();

  /** LOG_FORMAT: text (human-readable) or json (one object per line). */
  @WithName("log-format")
  @WithDefault("text")
  LogFormat logFormat();

  /** JAEGER_ENABLED: export traces over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT). */
  @WithDefault("false")
  boolean tracing();

  /** PROMETHEUS_ENABLED: serve /metrics (false answers 404 there; meters still count). */
  @WithDefault("true")
  boolean metrics();

  /** GATEWAY_SECRET: verifies the caller identity the gateway signs (CallerSignature). */
  Optional<String> gatewaySecret();

  Navigation navigation();

  /** JESSY_DIMENSIONS_FILE: a replacement dimension file; the shipped one when absent. */
  Optional<Path> dimensionsFile();

  Llm llm();

  Storage storage();

  /**
   * Checks what the types alone cannot; called while the engine starts.
   *
   * @throws IllegalArgumentException naming the environment variable at fault
   */
  static void check(JessyConfig config) {
    double threshold = config.navigation().threshold();
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "NAV_CONFIDENCE_THRESHOLD must be a number in (0, 1], got " + threshold);
    }
    if (config.llm().model().isBlank()) {
      throw new IllegalArgumentException("LLM_MODEL must not be blank");
    }
    if (config.storage().retentionDays() < 0) {
      throw new IllegalArgumentException(
          "SESSION_RETENTION_DAYS must be 0 (keep forever) or a number of days, got "
              + config.storage().retentionDays());
    }
    if (config.llm().timeout().isNegative() || config.llm().timeout().isZero()) {
      throw new IllegalArgumentException(
          "LLM_TIMEOUT must be positive, got " + config.llm().timeout());
    }
  }

  interface Navigation {
    /** NAV_CONFIDENCE_THRESHOLD: minimum share of query tokens a dimension must match. */
    @WithDefault("0.1")
    double threshold();
  }

  /** The optional OpenAI-compatible answer generator. */
  interface Llm {
    /** LLM_BASE_URL, e.g. http://ollama:11434/v1; the local generator answers when absent. */
    Optional<URI> baseUrl();

    /** LLM_API_KEY: sent as a bearer token; never logged. */
    Optional<String> apiKey();

    /** LLM_MODEL. */
    @WithDefault("llama3.2")
    String model();

    /** LLM_TIMEOUT: after it the local generator answers instead ("fallback"). */
    @WithDefault("10s")
    Duration timeout();
  }

  /** Where sessions live; the backend itself is chosen by {@code StorageConfigSource}. */
  interface Storage {
    /** Set by StorageConfigSource from DATABASE_URL or JESSY_DATA_DIR; never with credentials. */
    String location();

    /** JESSY_DATA_DIR made absolute: the embedded store's directory (absent with PostgreSQL). */
    Optional<Path> dataDir();

    /** SESSION_RETENTION_DAYS: delete sessions idle this many days; 0 keeps them forever. */
    @WithDefault("0")
    int retentionDays();

    /** How often retention runs (when it is on). */
    @WithDefault("1h")
    String pruneEvery();
  }

  enum LogFormat {
    TEXT,
    JSON
  }
}
