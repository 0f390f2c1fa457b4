package io.jessy.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the Quarkus switches that the design document's variables imply but that plain property
 * expressions cannot express (a negation, a comparison): {@code LOG_FORMAT=json} turns on JSON
 * console logs, {@code JAEGER_ENABLED=true} turns on the OpenTelemetry SDK, a non-empty {@code
 * TRUSTED_PROXIES} turns on X-Forwarded-For handling. Each service validates the values in its own
 * typed configuration; this source only translates them. Its ordinal sits between
 * application.properties (250) and the environment (300), so explicit Quarkus settings still win.
 */
public final class DesignVariablesConfigSource implements ConfigSource {

  private final Map<String, String> properties;

  public DesignVariablesConfigSource() {
    this(System.getenv());
  }

  DesignVariablesConfigSource(Map<String, String> env) {
    String logFormat = env.getOrDefault("LOG_FORMAT", "text").strip().toLowerCase(Locale.ROOT);
    String jaeger = env.getOrDefault("JAEGER_ENABLED", "false").strip().toLowerCase(Locale.ROOT);
    boolean proxies = !env.getOrDefault("TRUSTED_PROXIES", "").isBlank();
    this.properties =
        Map.of(
            "quarkus.log.console.json.enabled", String.valueOf(logFormat.equals("json")),
            "quarkus.otel.sdk.disabled", String.valueOf(!jaeger.equals("true")),
            // X-Forwarded-For is honoured only when TRUSTED_PROXIES names who may send it.
            "quarkus.http.proxy.proxy-address-forwarding", String.valueOf(proxies),
            "quarkus.http.proxy.allow-x-forwarded", String.valueOf(proxies));
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "jessy-design-variables";
  }

  @Override
  public int getOrdinal() {
    return 275;
  }
}
