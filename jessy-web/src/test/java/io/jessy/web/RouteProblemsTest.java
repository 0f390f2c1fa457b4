package io.jessy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jessy.web.PlumbingServer.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RouteProblems} writes problem+json from a Vert.x route, before any REST resource. */
class RouteProblemsTest {

  private static PlumbingServer refusingWith(RouteProblems problems) {
    return new PlumbingServer(
        problems,
        router ->
            router
                .get("/refuse")
                .handler(
                    ctx ->
                        problems.send(
                            ctx, 429, "rate-limited", "Too many requests", "Retry after 1 s.")));
  }

  @Test
  void writesAProblemDocumentCarryingTheRequestId() {
    try (PlumbingServer server = refusingWith(new RouteProblems(PlumbingServer.SERVICE_JSON))) {
      Reply reply = server.send(HttpMethod.GET, "/refuse", Map.of(RequestIds.HEADER, "rp-1"), null);

      assertThat(reply.status()).isEqualTo(429);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reply.json())
          .isEqualTo(
              new JsonObject()
                  .put("type", "urn:jessy:problem:rate-limited")
                  .put("title", "Too many requests")
                  .put("status", 429)
                  .put("detail", "Retry after 1 s.")
                  .put("request_id", "rp-1"));
    }
  }

  @Test
  void carriesAGeneratedRequestIdToo() {
    try (PlumbingServer server = refusingWith(new RouteProblems(PlumbingServer.SERVICE_JSON))) {
      Reply reply = server.send(HttpMethod.GET, "/refuse", Map.of(), null);

      assertThat(reply.json().getString("request_id"))
          .matches(RequestIdsTest.UUID)
          .isEqualTo(reply.header(RequestIds.HEADER));
    }
  }

  @Test
  void failsTheRouteWithTheSameStatusWhenTheDocumentCannotBeWritten() {
    ObjectMapper broken =
        new ObjectMapper() {
          @Override
          public String writeValueAsString(Object value) throws JsonProcessingException {
            throw new JsonProcessingException("internal serializer detail") {};
          }
        };
    try (PlumbingServer server = refusingWith(new RouteProblems(broken))) {
      Reply reply = server.send(HttpMethod.GET, "/refuse", Map.of(), null);

      assertThat(reply.status()).isEqualTo(429);
      assertThat(reply.body()).doesNotContain("internal serializer detail", "Exception");
    }
  }
}
