package io.jessy.core.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
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

  Navigation navigation();

  /** JESSY_DIMENSIONS_FILE: a replacement dimension file; the shipped one when absent. */
  Optional<Path> dimensionsFile();

  Llm llm();

  interface Navigation {
    /** NAV_CONFIDENCE_THRESHOLD: minimum share of query tokens a dimension must match. */
    @WithDefault("0.1")
    @DecimalMin(value = "0.0", inclusive = false, message = "NAV_CONFIDENCE_THRESHOLD must be > 0")
    @DecimalMax(value = "1.0", message = "NAV_CONFIDENCE_THRESHOLD must be <= 1")
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
    @NotBlank(message = "LLM_MODEL must not be blank")
    String model();

    /** LLM_TIMEOUT: after it the local generator answers instead ("fallback"). */
    @WithDefault("10s")
    Duration timeout();
  }

  enum Environment {
    DEVELOPMENT,
    TEST,
    PRODUCTION
  }

  enum LogFormat {
    TEXT,
    JSON
  }
}
