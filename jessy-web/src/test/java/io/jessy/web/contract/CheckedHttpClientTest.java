package io.jessy.web.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckedHttpClientTest {

  private static final ApiContract CONTRACT = ApiContract.fromClasspath("contract/things.yaml");

  private final AtomicReference<String> answer = new AtomicReference<>();
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/things",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-Request-Id", "r-1");
          exchange.sendResponseHeaders(201, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    client = CheckedHttpClient.builder(HttpClient.newBuilder(), CONTRACT).build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void handsAConformingAnswerToTheCallersHandler() throws Exception {
    answer.set("{\"id\":\"a\",\"name\":\"A\"}");

    HttpResponse<String> text =
        client.send(post("{\"name\":\"A\"}"), HttpResponse.BodyHandlers.ofString());
    HttpResponse<InputStream> stream =
        client.sendAsync(post("{\"name\":\"A\"}"), HttpResponse.BodyHandlers.ofInputStream()).get();

    assertThat(text.statusCode()).isEqualTo(201);
    assertThat(text.body()).isEqualTo(answer.get());
    assertThat(text.headers().firstValue("X-Request-Id")).hasValue("r-1");
    try (InputStream in = stream.body()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(answer.get());
    }
  }

  @Test
  void failsAnExchangeTheContractDoesNotDescribe() {
    answer.set("{\"id\":\"a\",\"name\":\"A\",\"colour\":\"red\"}");
    assertThatThrownBy(
            () -> client.send(post("{\"name\":\"A\"}"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("colour");
    // The request's body is read from its publisher and checked too.
    answer.set("{\"id\":\"a\",\"name\":\"A\"}");
    assertThatThrownBy(
            () -> client.send(post("{\"nom\":\"A\"}"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a request the document rejects was answered 201");
  }

  private HttpRequest post(String body) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/things"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
