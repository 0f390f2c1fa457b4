package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.api.FixedGatewayConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ApiKeys}: which client a bearer token identifies, without ever naming the key. */
class ApiKeysTest {

  private static ApiKeys keys(String... keys) {
    return new ApiKeys(FixedGatewayConfig.defaults().withKeys(List.of(keys)));
  }

  @ParameterizedTest(name = "Authorization: {0} → {1}")
  @CsvSource(
      nullValues = "<none>",
      delimiter = '|',
      value = {
        "Bearer k1         | key-1",
        "Bearer k2         | key-2",
        "bearer k2         | key-2",
        "BEARER k1         | key-1",
        "'Bearer  k1  '    | key-1",
        "Bearer wrong      | <none>",
        "Bearer k1k2       | <none>",
        "Bearer K1         | <none>",
        "'Bearer '         | <none>",
        "Bearer            | <none>",
        "Bearerk1          | <none>",
        "Basic k1          | <none>",
        "k1                | <none>",
        "''                | <none>",
        "<none>            | <none>"
      })
  void identifiesTheClientOfAConfiguredBearerKey(String authorization, String client) {
    assertThat(keys("k1", "k2").client(authorization))
        .isEqualTo(java.util.Optional.ofNullable(client));
  }

  @Test
  void namesTheClientByPositionNeverByTheKey() {
    ApiKeys keys = keys("s3cr3t-alpha", "s3cr3t-beta");

    assertThat(keys.client("Bearer s3cr3t-beta")).hasValue("key-2");
    assertThat(keys.client("Bearer s3cr3t-alpha").orElseThrow()).doesNotContain("s3cr3t");
  }

  @Test
  void isRequiredOnlyWhenAKeyIsConfigured() {
    assertThat(keys().required()).isFalse();
    assertThat(keys("k1").required()).isTrue();
  }

  @Test
  void ignoresBlankEntriesAndSurroundingSpaceInTheList() {
    ApiKeys keys = keys(" ", "", " k1 ");

    assertThat(keys.required()).isTrue();
    assertThat(keys.client("Bearer k1")).hasValue("key-1");
    assertThat(keys("", "  ").required()).isFalse();
  }

  @Test
  void acceptsNoKeyWhenNoneIsConfigured() {
    assertThat(keys().client("Bearer anything")).isEmpty();
  }
}
