package io.jessy.web;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the Quarkus switches that the design document's variables imply but that plain property
 * expressions cannot express (a negation, a comparison): {@code LOG_FORMAT=json} turns on JSON
 * console logs, {@code JAEGER_ENABLED=true} turns on the OpenTelemetry SDK. Each service validates
 * the values in its own typed configuration; this source only translates them. Its ordinal sits
 * between application.properties (250) and the environment (300), so explicit Quarkus settings
 * still win.
 */
public final class DesignVariablesConfigSource extends MapBackedConfigSource {

  /** Between application.properties (250) and the environment (300). */
  public static final int ORDINAL = 275;

  DesignVariablesConfigSource(Map<String, String> variables) {
    super("jessy-design-variables", derive(variables), ORDINAL);
  }

  /** Registered with SmallRye Config (META-INF/services), so it sees every other source. */
  public static final class Factory implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
      return List.of(
          new DesignVariablesConfigSource(variables(context, "LOG_FORMAT", "JAEGER_ENABLED")));
    }
  }

  /**
   * The values of {@code names} as the configuration has them: from the environment, system
   * properties or a {@code .env} file alike (System.getenv alone would miss the last two). Unset
   * names are absent.
   */
  public static Map<String, String> variables(ConfigSourceContext context, String... names) {
    Map<String, String> values = new HashMap<>();
    for (String name : names) {
      ConfigValue value = context.getValue(name);
      if (value != null && value.getValue() != null) {
        values.put(name, value.getValue());
      }
    }
    return values;
  }

  private static Map<String, String> derive(Map<String, String> env) {
    String logFormat = env.getOrDefault("LOG_FORMAT", "text").strip().toLowerCase(Locale.ROOT);
    String jaeger = env.getOrDefault("JAEGER_ENABLED", "false").strip().toLowerCase(Locale.ROOT);
    return Map.of(
        "quarkus.log.console.json.enabled", String.valueOf(logFormat.equals("json")),
        "quarkus.otel.sdk.disabled", String.valueOf(!jaeger.equals("true")));
  }
}
