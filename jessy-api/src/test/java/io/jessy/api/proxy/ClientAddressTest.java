package io.jessy.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jessy.api.FixedGatewayConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClientAddress}: behind trusted proxies, the right-most X-Forwarded-For address that is not
 * a trusted proxy, never a value the client chose.
 */
class ClientAddressTest {

  private static ClientAddress trusting(String... proxies) {
    return new ClientAddress(
        FixedGatewayConfig.defaults().withTrustedProxies(Arrays.asList(proxies)));
  }

  private static final ClientAddress PROXIES = trusting("10.0.0.0/8", "192.168.1.5", "::1");

  @ParameterizedTest(name = "peer {0}, X-Forwarded-For {1} → {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "<none>",
      value = {
        // Not from a trusted proxy: the header is the client's own word and is ignored.
        "203.0.113.9  | 1.2.3.4                        | 203.0.113.9",
        // nginx appends the address it saw: whatever the client wrote comes first.
        "10.0.0.2     | 1.2.3.4, 203.0.113.9           | 203.0.113.9",
        "10.0.0.2     | 5.6.7.8, 203.0.113.9           | 203.0.113.9",
        // Two trusted proxies in a row.
        "10.0.0.2     | 1.2.3.4, 203.0.113.9, 10.0.0.7 | 203.0.113.9",
        "192.168.1.5  | 203.0.113.9                    | 203.0.113.9",
        "::1          | 203.0.113.9                    | 203.0.113.9",
        // A trusted proxy with no header: the proxy is the client.
        "10.0.0.2     | <none>                         | 10.0.0.2",
        // Only trusted addresses: the left-most is the nearest to the client we know.
        "10.0.0.2     | 10.0.0.9, 10.0.0.8             | 10.0.0.9",
        // Garbage the client wrote to the right of nothing trusted is still the right-most.
        "10.0.0.2     | not-an-address                 | not-an-address",
        "192.168.1.6  | 1.2.3.4                        | 192.168.1.6",
      })
  void findsTheClient(String peer, String forwardedFor, String client) {
    List<String> headers = forwardedFor == null ? List.of() : List.of(forwardedFor);
    assertThat(PROXIES.of(peer, headers)).isEqualTo(client);
  }

  @org.junit.jupiter.api.Test
  void readsSeveralHeadersAsOneList() {
    assertThat(PROXIES.of("10.0.0.2", List.of("1.2.3.4", "203.0.113.9, 10.0.0.3")))
        .isEqualTo("203.0.113.9");
  }

  @org.junit.jupiter.api.Test
  void trustsNobodyWithoutTrustedProxies() {
    assertThat(trusting().of("10.0.0.2", List.of("203.0.113.9"))).isEqualTo("10.0.0.2");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.1/x", "::1/129", "cafe"})
  void refusesAnythingButAddressesAndRanges(String entry) {
    assertThatThrownBy(() -> trusting("10.0.0.1", entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TRUSTED_PROXIES must list IP addresses or CIDR ranges, got \"" + entry + "\"");
  }
}
