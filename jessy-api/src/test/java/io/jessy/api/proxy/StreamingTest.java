package io.jessy.api.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.jessy.api.CoreAnswers;
import io.jessy.api.GatewayTest;
import io.jessy.api.StubCoreProfile;
import io.jessy.web.contract.Exchange;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Server-Sent Events from the core pass through the gateway event by event. */
@QuarkusTest
@TestProfile(StubCoreProfile.class)
class StreamingTest extends GatewayTest {

  private static final String STREAM_PATH = "/api/v1/query/stream";

  /** The core's event sequence for one query (SPEC §2), in order, as the core sends it. */
  private static final String EVENTS = CoreAnswers.STREAM;

  private static final String FIRST_LINE = EVENTS.lines().findFirst().orElseThrow();

  @TestHTTPResource("/")
  URL gateway;

  private void coreStreams(int chunks, int totalMillis) {
    var response =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/event-stream")
            .withHeader("Cache-Control", "no-cache")
            .withBody(EVENTS);
    if (chunks > 1) {
      response.withChunkedDribbleDelay(chunks, totalMillis);
    }
    core.register(get(urlPathEqualTo(STREAM_PATH)).willReturn(response));
  }

  @Test
  void relaysEveryEventIntactAndInOrder() {
    coreStreams(1, 0);

    Response response =
        given().accept("text/event-stream").queryParam("query", "how do I feel").get(STREAM_PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/event-stream");
    assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(response.asString()).isEqualTo(EVENTS);
    core.verifyThat(
        getRequestedFor(urlEqualTo(STREAM_PATH + "?query=how%20do%20I%20feel"))
            .withHeader("Accept", equalTo("text/event-stream")));
  }

  @Test
  void relaysADribbledStreamIntactAndInOrder() {
    // Eight chunks over 1.6 s: each gap stays well inside the 2 s upstream timeout.
    coreStreams(8, 1600);

    Response response = given().accept("text/event-stream").get(STREAM_PATH + "?query=slow");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString()).isEqualTo(EVENTS);
  }

  /**
   * The first event reaches the client while the core is still sending the rest: WireMock records a
   * response's send time only once its last chunk is written, and it has not been recorded yet. A
   * gateway that buffered the stream could only hand the event over after that point.
   */
  @Test
  void handsTheFirstEventOverBeforeTheCoreHasFinishedTheStream() throws Exception {
    // Four chunks over 4 s: the last arrives long after the first, each gap inside the timeout.
    coreStreams(4, 4000);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway + STREAM_PATH.substring(1) + "?query=live"))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(30))
            .build();

    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());

    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      assertThat(it.next()).isEqualTo(FIRST_LINE);
      List<ServeEvent> served = core.getServeEvents();
      assertThat(served).hasSize(1);
      assertThat(served.get(0).getTiming().getResponseSendTime())
          .as("the core is still sending when the first event arrives")
          .isNull();
      StringBuilder rest = new StringBuilder(FIRST_LINE + "\n");
      it.forEachRemaining(line -> rest.append(line).append('\n'));
      assertThat(rest.toString()).isEqualTo(EVENTS);
      API.check(Exchange.of(response, null, rest.toString()));
    }
  }
}
