package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.api.FixedGatewayConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ApiKeys}: which principal a bearer token identifies, without ever naming the key. */
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
  void identifiesThePrincipalOfAConfiguredBearerKey(String authorization, String client) {
    assertThat(keys("k1", "k2").principal(authorization))
        .isEqualTo(java.util.Optional.ofNullable(client));
  }

  @Test
  void namesTheClientByPositionNeverByTheKey() {
    ApiKeys keys = keys("s3cr3t-alpha", "s3cr3t-beta");

    assertThat(keys.principal("Bearer s3cr3t-beta")).hasValue("key-2");
    assertThat(keys.principal("Bearer s3cr3t-alpha").orElseThrow()).doesNotContain("s3cr3t");
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
    assertThat(keys.principal("Bearer k1")).hasValue("key-1");
    assertThat(keys("", "  ").required()).isFalse();
  }

  @Test
  void acceptsNoKeyWhenNoneIsConfigured() {
    assertThat(keys().principal("Bearer anything")).isEmpty();
  }

  @Test
  void namesEachKeyAsConfiguredAndTheUnnamedOnesByPosition() {
    ApiKeys keys = keys("alice:a-secret", "b-secret", "carol:c:secret:with:colons");

    assertThat(keys.principal("Bearer a-secret")).hasValue("alice");
    assertThat(keys.principal("Bearer b-secret")).hasValue("key-2");
    assertThat(keys.principal("Bearer c:secret:with:colons")).hasValue("carol");
    assertThat(keys.principal("Bearer alice:a-secret")).isEmpty();
  }

  @Test
  void acceptsAKeyGivenOnlyByItsSha256Digest() {
    String real = sha256Hex("correct horse"); // what `printf %s 'correct horse' | sha256sum` prints
    ApiKeys keys = keys("dave:sha256:" + real, "sha256:" + real.toUpperCase(java.util.Locale.ROOT));

    assertThat(keys.principal("Bearer correct horse")).hasValue("dave");
    assertThat(keys.principal("Bearer sha256:" + real)).isEmpty();
    assertThat(keys.principal("Bearer " + real)).as("the digest is not a key").isEmpty();
    assertThat(keys("sha256:" + "0".repeat(64)).principal("Bearer correct horse")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "alice:k1,alice:k2 | API_KEYS entry 2 repeats the name \"alice\"",
        "anonymous:k1      | API_KEYS entry 1 is named \"anonymous\"",
        "eve:sha256:abc    | API_KEYS entry 1 (eve) must be sha256: followed by 64 hex digits",
        "sha256:xyz        | API_KEYS entry 1 (key-1) must be sha256: followed by 64 hex digits"
      })
  void refusesAmbiguousOrMalformedEntriesWithoutRepeatingTheKey(String list, String message) {
    assertThatThrownBy(() -> keys(list.split(",")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("k1")
        .hasMessageNotContaining("k2");
  }

  private static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
