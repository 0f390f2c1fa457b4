package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

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

  @ParameterizedTest(name = "TRUSTED_PROXIES={0} → forwarding {1}")
  @CsvSource(
      nullValues = "<unset>",
      value = {
        "<unset>, false",
        "'', false",
        "'  ', false",
        "10.0.0.1, true",
        "'10.0.0.0/8,192.168.1.1', true",
        "' proxy.internal ', true"
      })
  void honoursForwardedHeadersOnlyWhenTrustedProxiesAreNamed(String proxies, String enabled) {
    Map<String, String> env = new HashMap<>();
    if (proxies != null) {
      env.put("TRUSTED_PROXIES", proxies);
    }
    DesignVariablesConfigSource source = new DesignVariablesConfigSource(env);

    assertThat(source.getValue("quarkus.http.proxy.proxy-address-forwarding")).isEqualTo(enabled);
    assertThat(source.getValue("quarkus.http.proxy.allow-x-forwarded")).isEqualTo(enabled);
  }

  @Test
  void definesOnlyTheDerivedProperties() {
    DesignVariablesConfigSource source = from("json", "true");

    assertThat(source.getPropertyNames())
        .containsExactlyInAnyOrder(
            "quarkus.log.console.json.enabled",
            "quarkus.otel.sdk.disabled",
            "quarkus.http.proxy.proxy-address-forwarding",
            "quarkus.http.proxy.allow-x-forwarded");
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
  void readsTheProcessEnvironmentByDefault() {
    DesignVariablesConfigSource source = new DesignVariablesConfigSource();
    String expected =
        String.valueOf(
            System.getenv().getOrDefault("LOG_FORMAT", "text").strip().equalsIgnoreCase("json"));

    assertThat(source.getValue("quarkus.log.console.json.enabled")).isEqualTo(expected);
  }
}
