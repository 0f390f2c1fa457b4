package io.jessy.web;

import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Locale;
import java.util.Map;

/**
 * Derives the Quarkus switches that the design document's variables imply but that plain property
 * expressions cannot express (a negation, a comparison): {@code LOG_FORMAT=json} turns on JSON
 * console logs, {@code JAEGER_ENABLED=true} turns on the OpenTelemetry SDK, a non-empty {@code
 * TRUSTED_PROXIES} turns on X-Forwarded-For handling. Each service validates the values in its own
 * typed configuration; this source only translates them. Its ordinal sits between
 * application.properties (250) and the environment (300), so explicit Quarkus settings still win.
 */
public final class DesignVariablesConfigSource extends MapBackedConfigSource {

  /** Between application.properties (250) and the environment (300). */
  public static final int ORDINAL = 275;

  public DesignVariablesConfigSource() {
    this(System.getenv());
  }

  DesignVariablesConfigSource(Map<String, String> env) {
    super("jessy-design-variables", derive(env), ORDINAL);
  }

  private static Map<String, String> derive(Map<String, String> env) {
    String logFormat = env.getOrDefault("LOG_FORMAT", "text").strip().toLowerCase(Locale.ROOT);
    String jaeger = env.getOrDefault("JAEGER_ENABLED", "false").strip().toLowerCase(Locale.ROOT);
    boolean proxies = !env.getOrDefault("TRUSTED_PROXIES", "").isBlank();
    return Map.of(
        "quarkus.log.console.json.enabled", String.valueOf(logFormat.equals("json")),
        "quarkus.otel.sdk.disabled", String.valueOf(!jaeger.equals("true")),
        // X-Forwarded-For is honoured only when TRUSTED_PROXIES names who may send it.
        "quarkus.http.proxy.proxy-address-forwarding", String.valueOf(proxies),
        "quarkus.http.proxy.allow-x-forwarded", String.valueOf(proxies));
  }
}
