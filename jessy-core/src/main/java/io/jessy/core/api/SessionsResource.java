package io.jessy.core.api;

import io.jessy.core.session.Session;
import io.jessy.core.session.SessionStore;
import io.jessy.core.session.Turn;
import io.jessy.web.ApiException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code GET|DELETE /api/v1/sessions/{id}}. */
@Path("/api/v1/sessions/{id}")
public class SessionsResource {

  private final SessionStore sessions;

  public SessionsResource(SessionStore sessions) {
    this.sessions = sessions;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SessionView get(@PathParam("id") String id) {
    QueryRequest.requireId("session id", id);
    return sessions.find(id).map(SessionView::of).orElseThrow(() -> missing(id));
  }

  @DELETE
  public void delete(@PathParam("id") String id) {
    QueryRequest.requireId("session id", id);
    if (!sessions.delete(id)) {
      throw missing(id);
    }
  }

  private static ApiException missing(String id) {
    return ApiException.notFound("No session with id " + id + ".");
  }

  public record SessionView(
      String sessionId,
      String userId,
      Instant createdAt,
      Instant updatedAt,
      int turnCount,
      List<TurnView> turns) {
    static SessionView of(Session s) {
      return new SessionView(
          s.id(),
          s.userId(),
          s.createdAt(),
          s.updatedAt(),
          s.turns().size(),
          s.turns().stream().map(TurnView::of).toList());
    }
  }

  public record TurnView(
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
