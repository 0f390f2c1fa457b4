package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.web.PlumbingServer.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RequestIds}' filter on a real server, wired as the services wire it. */
class RequestIdsTest {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static PlumbingServer server;

  @BeforeAll
  static void start() {
    server =
        new PlumbingServer(
            router ->
                router
                    .get("/seen")
                    .handler(
                        ctx ->
                            ctx.json(
                                new JsonObject()
                                    .put("header", RequestIds.of(ctx.request()))
                                    .put("mdc", String.valueOf(MDC.get(RequestIds.MDC_KEY))))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Reply get(Map<String, String> headers) {
    Reply reply = server.send(HttpMethod.GET, "/seen", headers, null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "req-123",
        "0f9a6c1e-3b7d-4d0e-9a43-1c2b3d4e5f60",
        "trace.span:01_A",
        "x",
        // 128 characters, the longest sane id
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void keepsASaneClientIdForEveryLaterStageAndEchoesItOnce(String id) {
    Reply reply = get(Map.of(RequestIds.HEADER, id));

    assertThat(reply.headers().getAll(RequestIds.HEADER)).containsExactly(id);
    assertThat(reply.json().getString("header")).isEqualTo(id);
    assertThat(reply.json().getString("mdc")).isEqualTo(id);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "has space",
        "semi;colon",
        "quote\"d",
        "",
        // 129 characters, one too many
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void replacesAnInsaneClientIdWithOneUuidSeenEverywhere(String id) {
    Reply reply = get(Map.of(RequestIds.HEADER, id));

    String echoed = reply.header(RequestIds.HEADER);
    assertThat(echoed).matches(UUID).isNotEqualTo(id);
    assertThat(reply.headers().getAll(RequestIds.HEADER)).hasSize(1);
    assertThat(reply.json().getString("header")).isEqualTo(echoed);
    assertThat(reply.json().getString("mdc")).isEqualTo(echoed);
  }

  @Test
  void givesEveryRequestWithoutAnIdAFreshUuid() {
    String first = get(Map.of()).header(RequestIds.HEADER);
    String second = get(Map.of()).header(RequestIds.HEADER);

    assertThat(first).matches(UUID);
    assertThat(second).matches(UUID).isNotEqualTo(first);
  }

  @ParameterizedTest(name = "\"{0}\" sane: {1}")
  @CsvSource(
      nullValues = "<null>",
      value = {
        "abc, true",
        "A.b_c:d-9, true",
        "<null>, false",
        "'', false",
        "'a b', false",
        "ünicode, false",
        "'tab\t', false",
        "'line\nbreak', false",
        "a/b, false",
        "a=b, false"
      })
  void acceptsOnlyShortIdsOfLogSafeCharacters(String id, boolean sane) {
    assertThat(RequestIds.isSane(id)).isEqualTo(sane);
  }

  @Test
  void drawsTheLineAt128Characters() {
    assertThat(RequestIds.isSane("r".repeat(128))).isTrue();
    assertThat(RequestIds.isSane("r".repeat(129))).isFalse();
  }

  @Test
  void makesDistinctVersion4Uuids() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.newId();
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }
}
