package io.jessy.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A stand-in for jessy-core: WireMock on a free port of 127.0.0.1, handed to the gateway as {@code
 * gateway.core-url}. Tests stub and inspect it over its admin API ({@link GatewayTest#core}).
 */
public class StubCore implements QuarkusTestResourceLifecycleManager {

  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                // The core does not compress; a gzipping stub would also buffer dribbled events.
                .gzipDisabled(true));
    server.start();
    return Map.of("gateway.core-url", "http://127.0.0.1:" + server.port());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
