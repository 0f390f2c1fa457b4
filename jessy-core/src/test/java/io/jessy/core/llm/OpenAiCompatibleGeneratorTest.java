package io.jessy.core.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jessy.core.Golden;
import io.jessy.engine.Answer;
import io.jessy.engine.Reflection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator on its own, constructed directly against a WireMock server. */
class OpenAiCompatibleGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-unit-9d1e";
  private static final String QUERY = "I feel sad and lonely";
  private static final Reflection.Completed REFLECTION = Golden.reflect(QUERY);
  private static final String LOCAL = Golden.localAnswer(QUERY);

  private static WireMockServer server;

  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger logger = Logger.getLogger(OpenAiCompatibleGenerator.class.getName());

  @BeforeAll
  static void startServer() {
    server = WireMockLlm.startServer();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    logger.addHandler(capture);
  }

  @AfterEach
  void detach() {
    logger.removeHandler(capture);
  }

  private static URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/v1");
  }

  private static OpenAiCompatibleGenerator generator(Optional<String> key, Duration timeout) {
    return new OpenAiCompatibleGenerator(
        JSON, baseUrl(), key, "test-model", timeout, new io.jessy.engine.LocalAnswerGenerator());
  }

  private static OpenAiCompatibleGenerator generator() {
    return generator(Optional.of(KEY), Duration.ofSeconds(5));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests =
        server.findAll(postRequestedFor(urlEqualTo(ChatCompletions.PATH)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void answersWithTheStrippedReplyOfTheModel() {
    server.stubFor(ChatCompletions.answering("\n  You are not alone in this.  "));

    Answer answer = generator().generate(REFLECTION);

    assertThat(answer).isEqualTo(new Answer("You are not alone in this.", Answer.Source.LLM));
  }

  @Test
  void sendsModelMessagesAndBearerKey() throws Exception {
    server.stubFor(ChatCompletions.answering("ok"));

    generator().generate(REFLECTION);

    LoggedRequest request = onlyRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(request.getBodyAsString());
    assertThat(body.path("model").asText()).isEqualTo("test-model");
    assertThat(body.path("temperature").asInt()).isZero();
    assertThat(body.path("messages").findValuesAsText("role")).containsExactly("system", "user");
    assertThat(body.path("messages").path(0).path("content").asText())
        .startsWith("You are Jessy")
        .contains("Dimensions: Emotion.")
        .contains("Dominant frequency: 0.90 Hz.")
        .contains("Final reflection: " + REFLECTION.iterations().last().thought());
    assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo(QUERY);
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() {
    server.stubFor(ChatCompletions.answering("ok"));

    Answer answer = generator(Optional.empty(), Duration.ofSeconds(5)).generate(REFLECTION);

    assertThat(answer.source()).isEqualTo(Answer.Source.LLM);
    assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
  }

  @ParameterizedTest(name = "base URL {0}")
  @ValueSource(strings = {"/v1", "/v1/"})
  void appendsChatCompletionsToTheBaseUrlWithOrWithoutASlash(String path) {
    server.stubFor(ChatCompletions.answering("ok"));
    OpenAiCompatibleGenerator generator =
        new OpenAiCompatibleGenerator(
            JSON,
            URI.create("http://127.0.0.1:" + server.port() + path),
            Optional.empty(),
            "m",
            Duration.ofSeconds(5),
            new io.jessy.engine.LocalAnswerGenerator());

    assertThat(generator.generate(REFLECTION).source()).isEqualTo(Answer.Source.LLM);
    assertThat(onlyRequest().getUrl()).isEqualTo(ChatCompletions.PATH);
  }

  @Test
  void exposesItsModel() {
    assertThat(generator().model()).isEqualTo("test-model");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("HTTP 500", ChatCompletions.failingWith(500)),
        Arguments.of("HTTP 401", ChatCompletions.failingWith(401)),
        Arguments.of("HTTP 302", ChatCompletions.failingWith(302)),
        Arguments.of("not JSON", ChatCompletions.respondingWith(aResponse().withBody("nope{"))),
        Arguments.of("empty body", ChatCompletions.respondingWith(aResponse().withStatus(200))),
        Arguments.of("JSON without choices", ChatCompletions.respondingWith(okJson("{}"))),
        Arguments.of(
            "message without content",
            ChatCompletions.respondingWith(okJson("{\"choices\": [{\"message\": {}}]}"))),
        Arguments.of(
            "content null",
            ChatCompletions.respondingWith(
                okJson("{\"choices\": [{\"message\": {\"content\": null}}]}"))),
        Arguments.of("blank content", ChatCompletions.answering(" \n ")),
        Arguments.of(
            "connection reset",
            ChatCompletions.respondingWith(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))),
        Arguments.of(
            "garbage on the wire",
            ChatCompletions.respondingWith(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void fallsBackToTheLocalAnswer(String name, MappingBuilder stub) {
    server.stubFor(stub);

    Answer answer = generator().generate(REFLECTION);

    assertThat(answer).isEqualTo(new Answer(LOCAL, Answer.Source.FALLBACK));
  }

  @Test
  void fallsBackWhenTheReplyIsSlowerThanTheTimeout() {
    server.stubFor(ChatCompletions.answeringAfter(1_500, "too late"));

    Answer answer = generator(Optional.of(KEY), Duration.ofMillis(300)).generate(REFLECTION);

    assertThat(answer).isEqualTo(new Answer(LOCAL, Answer.Source.FALLBACK));
  }

  @Test
  void fallsBackWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    OpenAiCompatibleGenerator generator =
        new OpenAiCompatibleGenerator(
            JSON,
            URI.create("http://127.0.0.1:" + closedPort + "/v1"),
            Optional.of(KEY),
            "m",
            Duration.ofSeconds(2),
            new io.jessy.engine.LocalAnswerGenerator());

    assertThat(generator.generate(REFLECTION)).isEqualTo(new Answer(LOCAL, Answer.Source.FALLBACK));
  }

  @Test
  void logsTheFallbackWithoutTheKey() {
    server.stubFor(ChatCompletions.failingWith(500));

    generator().generate(REFLECTION);

    assertThat(logged).isNotEmpty();
    String messages =
        logged.stream()
            .map(r -> r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()))
            .reduce("", String::concat);
    assertThat(messages).contains("HTTP 500").doesNotContain(KEY);
  }

  @Test
  void keepsTheInterruptFlagWhenInterrupted() throws Exception {
    server.stubFor(ChatCompletions.answering("not awaited"));
    OpenAiCompatibleGenerator generator = generator();

    Thread.currentThread().interrupt();
    Answer answer;
    try {
      answer = generator.generate(REFLECTION);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(answer).isEqualTo(new Answer(LOCAL, Answer.Source.FALLBACK));
    awaitRequests(1); // the abandoned request still arrives; keep it out of the next test
  }

  /** Waits (not a timing assertion: only until) the server has received {@code count} requests. */
  private static void awaitRequests(int count) throws InterruptedException {
    for (int i = 0; i < 100 && server.getAllServeEvents().size() < count; i++) {
      Thread.sleep(50);
    }
  }
}
