package io.jessy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The core URL points at a port of 127.0.0.1 that was free a moment ago and is closed now, so every
 * connection is refused. The breaker delay (3 s) differs from the 1 s {@code Retry-After} of a
 * refused connection, so the two 503s can be told apart.
 */
public class UnreachableCoreProfile implements QuarkusTestProfile {

  public static final long BREAKER_DELAY_S = 3;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.core-url",
        "http://127.0.0.1:" + closedPort(),
        "gateway.rate-limit.rps",
        "10000",
        "gateway.rate-limit.burst",
        "10000",
        "gateway.upstream.breaker-delay",
        BREAKER_DELAY_S + "s");
  }

  /** A port of 127.0.0.1 that refuses connections (free a moment ago, closed now). */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
