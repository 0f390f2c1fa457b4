package io.jessy.core.llm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A stand-in for an OpenAI-compatible server: WireMock on a free port of 127.0.0.1, handed to the
 * core as {@code jessy.llm.base-url}. Tests stub and inspect it over its admin API.
 */
public class WireMockLlm implements QuarkusTestResourceLifecycleManager {

  private WireMockServer server;

  static WireMockServer startServer() {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = startServer();
    return Map.of("jessy.llm.base-url", "http://127.0.0.1:" + server.port() + "/v1");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
