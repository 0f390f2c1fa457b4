package io.jessy.core.api;

import io.jessy.core.http.Callers;
import io.jessy.core.session.Session;
import io.jessy.core.session.SessionNotFoundException;
import io.jessy.core.session.SessionStore;
import io.jessy.core.session.Turn;
import io.jessy.web.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET|DELETE /api/v1/sessions/{id}}. GET pages backwards through long histories: the latest
 * {@code limit} turns (default {@value #DEFAULT_LIMIT}), then {@code ?before=<next_before>} for the
 * page before those.
 */
@Path("/api/v1/sessions/{id}")
public class SessionsResource {

  static final int DEFAULT_LIMIT = 100;

  private final SessionStore sessions;

  public SessionsResource(SessionStore sessions) {
    this.sessions = sessions;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SessionView get(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before,
      @Context HttpServerRequest http) {
    QueryRequest.requireId("session id", id);
    int pageSize = limit == null ? DEFAULT_LIMIT : positive("limit", limit, SessionStore.MAX_PAGE);
    Integer cursor = before == null ? null : positive("before", before, Integer.MAX_VALUE);
    return sessions
        .find(Callers.of(http), id, pageSize, cursor)
        .map(SessionView::of)
        .orElseThrow(() -> new SessionNotFoundException(id));
  }

  /** Parses a query parameter that must be a whole number in [1, max]. */
  private static int positive(String name, String value, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "Parameter \"" + name + "\" must be a whole number between 1 and " + max + ".");
  }

  @DELETE
  public void delete(@PathParam("id") String id, @Context HttpServerRequest http) {
    QueryRequest.requireId("session id", id);
    if (!sessions.delete(Callers.of(http), id)) {
      throw new SessionNotFoundException(id);
    }
  }

  public record SessionView(
      String sessionId,
      String userId,
      Instant createdAt,
      Instant updatedAt,
      int turnCount,
      List<TurnView> turns,
      Integer nextBefore) {
    static SessionView of(Session s) {
      return new SessionView(
          s.id(),
          s.userId(),
          s.createdAt(),
          s.updatedAt(),
          s.turnCount(),
          s.turns().stream().map(TurnView::of).toList(),
          s.nextBefore());
    }
  }

  public record TurnView(
      int turn,
      String query,
      String answer,
      String answerSource,
      String outcome,
      List<String> dimensions,
      Double dominantFrequency,
      int iterations,
      Instant createdAt) {
    static TurnView of(Turn t) {
      return new TurnView(
          t.seq(),
          t.query(),
          t.answer(),
          t.answerSource(),
          t.outcome(),
          t.dimensions(),
          t.dominantFrequency(),
          t.iterations(),
          t.createdAt());
    }
  }
}
