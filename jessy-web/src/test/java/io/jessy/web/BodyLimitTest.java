package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.web.PlumbingServer.Reply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BodyLimit} on a real server: 64 KiB, declared or chunked, refused as problem+json. */
class BodyLimitTest {

  private static final AtomicInteger reached = new AtomicInteger();
  private static PlumbingServer server;

  @BeforeAll
  static void start() {
    server =
        new PlumbingServer(
            router -> {
              // The application: answers with the number of body bytes it received.
              // The application reads bodies through a BodyHandler, as the gateway's route does.
              router
                  .route("/echo")
                  .handler(BodyHandler.create(false))
                  .handler(
                      ctx -> {
                        reached.incrementAndGet();
                        ctx.end(Integer.toString(Math.max(0, ctx.body().length())));
                      });
              router.get("/fail/:status").handler(ctx -> ctx.fail(status(ctx.pathParam("status"))));
              router
                  .route()
                  .failureHandler(
                      ctx -> ctx.response().setStatusCode(ctx.statusCode()).end("later handler"));
            });
  }

  private static int status(String value) {
    return Integer.parseInt(value);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void resetCount() {
    reached.set(0);
  }

  private static void assertTooLarge(Reply reply, String requestId) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(413);
    assertThat(reply.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
    JsonObject problem = reply.json();
    assertThat(problem.getString("type")).isEqualTo("urn:jessy:problem:payload-too-large");
    assertThat(problem.getString("title")).isEqualTo("Payload too large");
    assertThat(problem.getInteger("status")).isEqualTo(413);
    assertThat(problem.getString("detail")).contains("65536 bytes (64 KiB)");
    assertThat(problem.getString("request_id"))
        .isEqualTo(requestId)
        .isEqualTo(reply.header(RequestIds.HEADER));
    assertThat(reached).as("the application never sees the body").hasValue(0);
  }

  @ParameterizedTest(name = "Content-Length: {0}")
  @ValueSource(longs = {65_537, 1_000_000, 10_000_000_000L})
  void refusesADeclaredLengthOverTheLimitBeforeReadingTheBody(long length) {
    Reply reply = server.sendHeadOnly("/echo", Map.of(RequestIds.HEADER, "big-1"), length);

    assertTooLarge(reply, "big-1");
    assertThat(reply.json().getString("detail")).contains(Long.toString(length));
    assertThat(reply.header("Connection")).isEqualTo("close");
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {65_537, 200_000})
  void refusesAChunkedBodyOverTheLimit(int size) {
    Reply reply = server.sendChunked("/echo", Map.of(RequestIds.HEADER, "chunky-1"), size);

    assertTooLarge(reply, "chunky-1");
  }

  @ParameterizedTest(name = "{0} body of {1} bytes")
  @CsvSource({
    "declared, 0",
    "declared, 1000",
    "declared, 65536",
    "chunked, 1",
    "chunked, 30000",
    "chunked, 65536"
  })
  void passesBodiesUpToTheLimitToTheApplication(String framing, int size) {
    Reply reply =
        framing.equals("chunked")
            ? server.sendChunked("/echo", Map.of(), size)
            : server.send(HttpMethod.POST, "/echo", Map.of(), Buffer.buffer(new byte[size]));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(Integer.toString(size));
    assertThat(reached).hasValue(1);
  }

  @Test
  void passesARequestWithoutABody() {
    Reply reply = server.send(HttpMethod.GET, "/echo", Map.of(), null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("0");
  }

  @Test
  void rendersA413FailureFromALaterHandlerAsAProblem() {
    Reply reply = server.send(HttpMethod.GET, "/fail/413", Map.of(RequestIds.HEADER, "r-9"), null);

    assertTooLarge(reply, "r-9");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {400, 500})
  void leavesOtherFailuresToLaterFailureHandlers(int status) {
    Reply reply = server.send(HttpMethod.GET, "/fail/" + status, Map.of(), null);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.body()).isEqualTo("later handler");
  }
}
