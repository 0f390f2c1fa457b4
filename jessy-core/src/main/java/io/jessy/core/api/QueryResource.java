package io.jessy.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jessy.core.http.Callers;
import io.jessy.engine.Answer;
import io.jessy.engine.Interference;
import io.jessy.engine.Iteration;
import io.jessy.engine.Navigation;
import io.jessy.engine.Reflection;
import io.jessy.web.ApiException;
import io.jessy.web.Problem;
import io.jessy.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.jboss.logging.Logger;

/** {@code POST /api/v1/query} and its streaming twin {@code GET /api/v1/query/stream}. */
@Path("/api/v1/query")
public class QueryResource {

  private static final Logger LOG = Logger.getLogger(QueryResource.class);

  private final QueryService queries;
  private final ObjectMapper json;

  public QueryResource(QueryService queries, ObjectMapper json) {
    this.queries = queries;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public QueryResponse ask(QueryRequest request, @Context HttpServerRequest http) {
    if (request == null) {
      throw ApiException.badRequest("A JSON body with a \"query\" field is required.");
    }
    return queries.ask(Callers.of(http), request);
  }

  /**
   * Server-Sent Events: {@code navigation}, {@code interference}, one {@code iteration} per
   * iteration, {@code answer}, {@code done}; a redirected query sends only {@code answer} and
   * {@code done}. A failure after the stream started ends it with an {@code error} event carrying a
   * problem document. Input errors are plain 400 problem+json responses, before any event.
   */
  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @QueryParam("query") String query,
      @QueryParam("session_id") String sessionId,
      @QueryParam("user_id") String userId,
      @QueryParam("max_iterations") String maxIterations,
      @Context SseEventSink sink,
      @Context Sse sse,
      @Context HttpServerRequest http,
      @Context RoutingContext routing) {
    long start = System.nanoTime();
    QueryRequest request =
        new QueryRequest(query, sessionId, userId, parseIterations(maxIterations));
    // Input and ownership errors leave as plain problem responses, before any event.
    String principal = Callers.of(http);
    Reflection reflection = queries.reflect(principal, request);
    try {
      if (reflection instanceof Reflection.Completed done) {
        Navigation navigation = done.navigation();
        send(
            sink,
            sse,
            "navigation",
            new NavigationEvent(
                navigation.tokens(),
                QueryResponse.DimensionView.of(navigation.dimensions()),
                navigation.returnToSource(),
                navigation.fallback()));
        Interference interference = done.interference();
        send(
            sink,
            sse,
            "interference",
            new InterferenceEvent(
                QueryResponse.hz(interference.dominantFrequency()),
                QueryResponse.InterferenceView.of(interference)));
        for (Iteration iteration : done.iterations().steps()) {
          send(sink, sse, "iteration", QueryResponse.StepView.of(iteration));
        }
      }
      Answer answer;
      try (var watch = DisconnectWatch.start(routing)) {
        answer = queries.generate(reflection);
      }
      if (sink.isClosed()) {
        throw new ClientGone();
      }
      QueryResponse response = queries.remember(principal, request, reflection, answer, start);
      send(
          sink,
          sse,
          "answer",
          new AnswerEvent(
              response.answer(),
              response.answerSource(),
              response.outcome(),
              response.safetyCategory()));
      send(
          sink,
          sse,
          "done",
          new DoneEvent(
              response.sessionId(),
              response.iterations().converged(),
              response.processingTimeMs()));
    } catch (ClientGone e) {
      // Nobody to answer: the rest of the work (the model's answer, the turn) is dropped.
      LOG.debugf("stream %s: the client went away", RequestIds.of(http));
    } catch (ApiException e) {
      // A known failure after the first event (e.g. a session taken over meanwhile): its own
      // problem.
      sendError(
          sink,
          sse,
          Problem.of(e.status(), e.slug(), e.title(), e.getMessage(), RequestIds.of(http)));
    } catch (RuntimeException e) {
      LOG.error("stream failed", e);
      sendError(
          sink,
          sse,
          Problem.of(
              500,
              "internal-error",
              "Internal error",
              "The stream failed; see the logs for its request id.",
              RequestIds.of(http)));
    } finally {
      sink.close();
    }
  }

  record NavigationEvent(
      List<String> tokens,
      List<QueryResponse.DimensionView> dimensions,
      boolean returnToSource,
      boolean fallback) {}

  record InterferenceEvent(double dominantFrequency, QueryResponse.InterferenceView interference) {}

  record AnswerEvent(String answer, String answerSource, String outcome, String safetyCategory) {}

  record DoneEvent(String sessionId, boolean converged, double processingTimeMs) {}

  private static Integer parseIterations(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Parameter \"max_iterations\" must be an integer between 1 and 9.");
    }
  }

  private void sendError(SseEventSink sink, Sse sse, Problem problem) {
    if (!sink.isClosed()) {
      send(sink, sse, "error", problem);
    }
  }

  private void send(SseEventSink sink, Sse sse, String name, Object data) {
    String text;
    try {
      text = json.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the " + name + " event", e);
    }
    if (sink.isClosed()) {
      throw new ClientGone();
    }
    try {
      sink.send(sse.newEventBuilder().name(name).data(text).build());
    } catch (IllegalStateException e) {
      // The sink closed between the check and the send.
      throw sink.isClosed() ? new ClientGone() : e;
    }
  }

  /** The stream's client closed the connection; thrown to stop the work for it. */
  private static final class ClientGone extends RuntimeException {
    ClientGone() {
      super("the client went away", null, false, false);
    }
  }
}
