package io.jessy.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.core.PrometheusText;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream whose client leaves while the language model is still thinking: the core drops the model
 * call (its connection closes long before the model's timeout) and remembers no turn.
 */
@QuarkusTest
@TestProfile(StreamDisconnectTest.Profile.class)
class StreamDisconnectTest {

  /** A model that reads the request and never answers; notes when its client hangs up. */
  public static class SilentModel implements QuarkusTestResourceLifecycleManager {
    static final CountDownLatch ASKED = new CountDownLatch(1);
    static final CountDownLatch HUNG_UP = new CountDownLatch(1);
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
      try {
        server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread accept = new Thread(this::serve, "silent-model");
      accept.setDaemon(true);
      accept.start();
      return Map.of(
          "jessy.llm.base-url",
          "http://127.0.0.1:" + server.getLocalPort() + "/v1",
          // Far longer than the test waits: only a dropped call can close the connection in time.
          "jessy.llm.timeout",
          "60s");
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket client = server.accept()) {
          InputStream in = client.getInputStream();
          if (in.read() != -1) {
            ASKED.countDown();
          }
          while (in.read() != -1) {
            // read the request, then wait: -1 comes only when the core closes the connection
          }
          HUNG_UP.countDown();
        } catch (IOException e) {
          // closed while stopping
        }
      }
    }

    @Override
    public void stop() {
      try {
        server.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.log.category.\"io.jessy\".level", "DEBUG");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(SilentModel.class));
    }
  }

  @TestHTTPResource("/")
  URL core;

  @Test
  void dropsThePendingModelCallAndTheTurnWhenTheClientLeaves() throws Exception {
    double answered = answeredQueries();

    try (Socket client = new Socket("127.0.0.1", core.getPort())) {
      client
          .getOutputStream()
          .write(
              ("GET /api/v1/query/stream?query=what%20is%20consciousness HTTP/1.1\r\n"
                      + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      // The core has sent its reflection and waits for the model: now the client leaves.
      assertThat(SilentModel.ASKED.await(20, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(SilentModel.HUNG_UP.await(20, TimeUnit.SECONDS))
        .as("the model call was dropped before its 60 s timeout")
        .isTrue();
    assertThat(answeredQueries()).isEqualTo(answered);
  }

  private static double answeredQueries() {
    PrometheusText metrics = PrometheusText.scrape();
    return metrics.value("jessy_queries_total{outcome=\"answered\"}")
        + metrics.value("jessy_queries_total{outcome=\"redirected\"}");
  }
}
