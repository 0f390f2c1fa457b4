package io.jessy.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A stand-in for jessy-core: WireMock on a free port of 127.0.0.1, handed to the gateway as {@code
 * gateway.core-url}. Tests stub and inspect it over its admin API ({@link GatewayTest#core}). The
 * init argument {@value #IDLE_TIMEOUT_MS} makes it close connections idle for that long.
 */
public class StubCore implements QuarkusTestResourceLifecycleManager {

  public static final String IDLE_TIMEOUT_MS = "idle-timeout-ms";

  private WireMockServer server;
  private Long idleTimeoutMs;

  @Override
  public void init(Map<String, String> args) {
    if (args.containsKey(IDLE_TIMEOUT_MS)) {
      idleTimeoutMs = Long.valueOf(args.get(IDLE_TIMEOUT_MS));
    }
  }

  @Override
  public Map<String, String> start() {
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress("127.0.0.1")
            .dynamicPort()
            // The core does not compress; a gzipping stub would also buffer dribbled events.
            .gzipDisabled(true);
    if (idleTimeoutMs != null) {
      options.jettyIdleTimeout(idleTimeoutMs);
    }
    server = new WireMockServer(options);
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
