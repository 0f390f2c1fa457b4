package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CallerSignature}: only the gateway's secret makes a principal the core believes. */
class CallerSignatureTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final long NOW = 1_800_000_000L;
  private static final CallerSignature SIGNER = of(SECRET);

  private static CallerSignature of(String secret) {
    return CallerSignature.of(Optional.of(secret), true).orElseThrow();
  }

  private static String signed() {
    return SIGNER.sign("alice", "req-1", "GET", "/api/v1/sessions/s1", NOW);
  }

  @Test
  void verifiesItsOwnSignatureOfTheSameRequest() {
    assertThat(signed()).matches("t=1800000000,v1=[0-9a-f]{64}");
    assertThat(SIGNER.verifies("alice", signed(), "req-1", "GET", "/api/v1/sessions/s1", NOW))
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "another principal | bob   | req-1 | GET    | /api/v1/sessions/s1",
        "another request   | alice | req-2 | GET    | /api/v1/sessions/s1",
        "another method    | alice | req-1 | DELETE | /api/v1/sessions/s1",
        "another resource  | alice | req-1 | GET    | /api/v1/sessions/s2",
      })
  void refusesTheSignatureForAnyOtherRequest(
      String change, String principal, String requestId, String method, String uri) {
    assertThat(SIGNER.verifies(principal, signed(), requestId, method, uri, NOW)).isFalse();
  }

  @Test
  void refusesAnotherSecretsSignatureAndForgeries() {
    CallerSignature other = of("fedcba9876543210fedcba9876543210");
    String uri = "/api/v1/sessions/s1";

    assertThat(other.verifies("alice", signed(), "req-1", "GET", uri, NOW)).isFalse();
    for (String forged :
        new String[] {
          "t=1800000000,v1=" + "0".repeat(64),
          "t=1800000000",
          "v1=" + signed().substring(16),
          signed() + "0",
          signed().toUpperCase(java.util.Locale.ROOT),
          "",
        }) {
      assertThat(SIGNER.verifies("alice", forged, "req-1", "GET", uri, NOW)).as(forged).isFalse();
    }
    assertThat(SIGNER.verifies(null, signed(), "req-1", "GET", uri, NOW)).isFalse();
    assertThat(SIGNER.verifies("alice", null, "req-1", "GET", uri, NOW)).isFalse();
    assertThat(SIGNER.verifies("alice bob", signed(), "req-1", "GET", uri, NOW)).isFalse();
  }

  @Test
  void acceptsASignatureOnlyWithinAMinuteEitherWay() {
    String uri = "/api/v1/sessions/s1";
    assertThat(SIGNER.verifies("alice", signed(), "req-1", "GET", uri, NOW + 60)).isTrue();
    assertThat(SIGNER.verifies("alice", signed(), "req-1", "GET", uri, NOW - 60)).isTrue();
    assertThat(SIGNER.verifies("alice", signed(), "req-1", "GET", uri, NOW + 61)).isFalse();
    assertThat(SIGNER.verifies("alice", signed(), "req-1", "GET", uri, NOW - 61)).isFalse();
  }

  @Test
  void requiresTheSecretInProductionOnly() {
    assertThat(CallerSignature.of(Optional.empty(), false)).isEmpty();
    assertThat(CallerSignature.of(Optional.of("  "), false)).isEmpty();
    assertThatThrownBy(() -> CallerSignature.of(Optional.empty(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("GATEWAY_SECRET must be set in production");
    assertThatThrownBy(() -> CallerSignature.of(Optional.of("short"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GATEWAY_SECRET must be at least 32 characters, got 5");
  }
}
