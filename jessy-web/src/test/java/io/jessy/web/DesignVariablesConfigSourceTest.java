package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesignVariablesConfigSourceTest {

  private static DesignVariablesConfigSource from(String logFormat, String jaeger) {
    Map<String, String> env = new HashMap<>();
    if (logFormat != null) {
      env.put("LOG_FORMAT", logFormat);
    }
    if (jaeger != null) {
      env.put("JAEGER_ENABLED", jaeger);
    }
    return new DesignVariablesConfigSource(env);
  }

  @ParameterizedTest(name = "LOG_FORMAT={0} → json logs {1}")
  @CsvSource(
      nullValues = "<unset>",
      value = {
        "<unset>, false",
        "text, false",
        "json, true",
        "JSON, true",
        "' json ', true",
        "jsonl, false",
        "'', false"
      })
  void turnsOnJsonConsoleLogsOnlyForLogFormatJson(String logFormat, String enabled) {
    assertThat(from(logFormat, null).getValue("quarkus.log.console.json.enabled"))
        .isEqualTo(enabled);
  }

  @ParameterizedTest(name = "JAEGER_ENABLED={0} → SDK disabled {1}")
  @CsvSource(
      nullValues = "<unset>",
      value = {
        "<unset>, true",
        "false, true",
        "true, false",
        "TRUE, false",
        "' true\t', false",
        "yes, true",
        "1, true"
      })
  void enablesTheOpenTelemetrySdkOnlyForJaegerEnabledTrue(String jaeger, String disabled) {
    assertThat(from(null, jaeger).getValue("quarkus.otel.sdk.disabled")).isEqualTo(disabled);
  }

  @Test
  void translatesBothVariablesIndependently() {
    DesignVariablesConfigSource source = from("json", "true");

    assertThat(source.getValue("quarkus.log.console.json.enabled")).isEqualTo("true");
    assertThat(source.getValue("quarkus.otel.sdk.disabled")).isEqualTo("false");
  }

  @Test
  void definesOnlyTheDerivedProperties() {
    DesignVariablesConfigSource source = from("json", "true");

    assertThat(source.getPropertyNames())
        .containsExactlyInAnyOrder("quarkus.log.console.json.enabled", "quarkus.otel.sdk.disabled");
    assertThat(source.getValue("quarkus.log.level")).isNull();
    assertThat(source.getValue("LOG_FORMAT")).isNull();
  }

  @Test
  void sitsBetweenApplicationPropertiesAndTheEnvironment() {
    DesignVariablesConfigSource source = from(null, null);

    assertThat(source.getOrdinal()).isGreaterThan(250).isLessThan(300);
    assertThat(source.getName()).isEqualTo("jessy-design-variables");
  }

  @Test
  void readsTheVariablesFromTheConfigurationNotOnlyTheProcessEnvironment() {
    // A system property stands for any source System.getenv cannot see, such as a .env file.
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of("LOG_FORMAT", "json", "JAEGER_ENABLED", "true"), "dotenv", 295))
            .withSources(new DesignVariablesConfigSource.Factory())
            .build();

    assertThat(config.getValue("quarkus.log.console.json.enabled", String.class)).isEqualTo("true");
    assertThat(config.getValue("quarkus.otel.sdk.disabled", String.class)).isEqualTo("false");
  }
}
