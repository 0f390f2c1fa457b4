package io.jessy.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.api.FixedGatewayConfig;
import io.jessy.api.proxy.IdentityHeaders;
import io.jessy.web.Environment;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link GatewayConfig#check} stops the gateway on a value out of range, naming its variable. */
class GatewayConfigCheckTest {

  private static final List<String> VARIABLES =
      List.of(
          "RATE_LIMIT_RPS",
          "RATE_LIMIT_BURST",
          "RATE_LIMIT_DATABASE_URL",
          "RATE_LIMIT_STORE_TIMEOUT",
          "CORE_SERVICE_URL",
          "UPSTREAM_CONNECT_TIMEOUT",
          "UPSTREAM_TIMEOUT",
          "BREAKER_DELAY",
          "UPSTREAM_KEEP_ALIVE");

  private static final Duration TWO_S = Duration.ofSeconds(2);
  private static final Duration THIRTY_S = Duration.ofSeconds(30);
  private static final Duration FIVE_S = Duration.ofSeconds(5);

  private static Arguments bad(
      String name, String variable, String got, UnaryOperator<FixedGatewayConfig> change) {
    return Arguments.of(name, variable, got, change);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad("no tokens per second", "RATE_LIMIT_RPS", "0", c -> c.withRateLimit(0, 20)),
        bad("negative tokens per second", "RATE_LIMIT_RPS", "-5", c -> c.withRateLimit(-5, 20)),
        bad("an empty bucket", "RATE_LIMIT_BURST", "0", c -> c.withRateLimit(10, 0)),
        bad(
            "a MySQL rate-limit store",
            "RATE_LIMIT_DATABASE_URL",
            "mysql",
            c -> c.withRateLimitStore("mysql://u:p@db/limits")),
        bad(
            "a zero store timeout",
            "RATE_LIMIT_STORE_TIMEOUT",
            "PT0S",
            c -> c.withStoreTimeout(Duration.ZERO)),
        bad("an ftp core", "CORE_SERVICE_URL", "ftp://core", c -> c.withCoreUrl("ftp://core")),
        bad(
            "a host without scheme",
            "CORE_SERVICE_URL",
            "jessy-core:8080",
            c -> c.withCoreUrl("jessy-core:8080")),
        bad("a relative core URL", "CORE_SERVICE_URL", "/core", c -> c.withCoreUrl("/core")),
        bad(
            "a core URL without host",
            "CORE_SERVICE_URL",
            "http:///x",
            c -> c.withCoreUrl("http:///x")),
        bad(
            "a zero connect timeout",
            "UPSTREAM_CONNECT_TIMEOUT",
            "PT0S",
            c -> c.withUpstream(Duration.ZERO, THIRTY_S, FIVE_S)),
        bad(
            "a negative timeout",
            "UPSTREAM_TIMEOUT",
            "PT-1S",
            c -> c.withUpstream(TWO_S, Duration.ofSeconds(-1), FIVE_S)),
        bad(
            "a zero breaker delay",
            "BREAKER_DELAY",
            "PT0S",
            c -> c.withUpstream(TWO_S, THIRTY_S, Duration.ZERO)),
        bad(
            "a keep-alive under a second",
            "UPSTREAM_KEEP_ALIVE",
            "PT0.5S",
            c -> c.withKeepAlive(Duration.ofMillis(500))),
        bad(
            "a keep-alive in part seconds",
            "UPSTREAM_KEEP_ALIVE",
            "PT1.5S",
            c -> c.withKeepAlive(Duration.ofMillis(1500))));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("badValues")
  void namesTheVariableAtFaultAndTheValueItGot(
      String name, String variable, String got, UnaryOperator<FixedGatewayConfig> change) {
    FixedGatewayConfig config = change.apply(FixedGatewayConfig.defaults());

    assertThatThrownBy(() -> GatewayConfig.check(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(variable + " ")
        .hasMessageContaining(got)
        .satisfies(
            e -> {
              for (String other : VARIABLES) {
                if (!other.equals(variable)) {
                  assertThat(e.getMessage()).as("names only %s", variable).doesNotContain(other);
                }
              }
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://jessy-core:8080",
        "https://core.example.org",
        "http://127.0.0.1:9000/prefix/"
      })
  void acceptsHttpAndHttpsCoreUrls(String url) {
    assertThatCode(() -> GatewayConfig.check(FixedGatewayConfig.defaults().withCoreUrl(url)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "rps={0}, burst={1}")
  @CsvSource({"1, 1", "10, 20", "1000, 1"})
  void acceptsAnyPositiveRateLimit(int rps, int burst) {
    assertThatCode(
            () -> GatewayConfig.check(FixedGatewayConfig.defaults().withRateLimit(rps, burst)))
        .doesNotThrowAnyException();
  }

  @org.junit.jupiter.api.Test
  void refusesAProductionGatewayWithoutKeysUnlessAnonymousUseIsAllowed() {
    FixedGatewayConfig production =
        FixedGatewayConfig.defaults().withEnvironment(Environment.PRODUCTION, false, SECRET);

    assertThatThrownBy(() -> GatewayConfig.check(production))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("API_KEYS must be set in production");
    assertThatThrownBy(() -> GatewayConfig.check(production.withKeys(List.of(" "))))
        .hasMessageStartingWith("API_KEYS must be set in production");
    assertThatCode(() -> GatewayConfig.check(production.withKeys(List.of("alice:k1"))))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                GatewayConfig.check(
                    FixedGatewayConfig.defaults()
                        .withEnvironment(Environment.PRODUCTION, true, SECRET)))
        .doesNotThrowAnyException();
    assertThatCode(() -> GatewayConfig.check(FixedGatewayConfig.defaults()))
        .as("development needs no keys")
        .doesNotThrowAnyException();
  }

  @org.junit.jupiter.api.Test
  void refusesAProductionGatewayWithoutTheSharedSecret() {
    FixedGatewayConfig production =
        FixedGatewayConfig.defaults()
            .withKeys(List.of("alice:k1"))
            .withEnvironment(Environment.PRODUCTION, false, null);

    assertThatThrownBy(() -> new IdentityHeaders(production))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("GATEWAY_SECRET must be set in production");
    assertThatCode(
            () ->
                new IdentityHeaders(
                    production.withEnvironment(Environment.PRODUCTION, false, SECRET)))
        .doesNotThrowAnyException();
  }

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
}
