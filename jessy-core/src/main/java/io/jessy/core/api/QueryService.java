package io.jessy.core.api;

import io.jessy.core.ops.JessyMetrics;
import io.jessy.core.session.SessionStore;
import io.jessy.core.session.Turn;
import io.jessy.engine.Answer;
import io.jessy.engine.AnswerGenerator;
import io.jessy.engine.Pipeline;
import io.jessy.engine.Reflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs a query through the engine and remembers it. The two steps are separate so the stream can
 * send the reflection before a slow generator answers; the turn is stored before anything reports
 * success.
 */
@ApplicationScoped
public class QueryService {

  private final Pipeline pipeline;
  private final AnswerGenerator generator;
  private final SessionStore sessions;
  private final JessyMetrics metrics;

  public QueryService(
      Pipeline pipeline, AnswerGenerator generator, SessionStore sessions, JessyMetrics metrics) {
    this.pipeline = pipeline;
    this.generator = generator;
    this.sessions = sessions;
    this.metrics = metrics;
  }

  public QueryResponse ask(QueryRequest request) {
    long start = System.nanoTime();
    Reflection reflection = reflect(request);
    return answer(request, reflection, start);
  }

  /** Also refuses, before any work, a session that belongs to another user. */
  public Reflection reflect(QueryRequest request) {
    if (request.sessionId() != null) {
      sessions.checkOwner(request.sessionId(), request.userId());
    }
    return pipeline.reflect(request.query(), request.maxIterations());
  }

  /** Generates the answer, stores the turn, records metrics; returns what the client receives. */
  public QueryResponse answer(QueryRequest request, Reflection reflection, long startNanos) {
    Answer answer = Pipeline.answer(reflection, generator);
    String sessionId =
        request.sessionId() != null ? request.sessionId() : UUID.randomUUID().toString();
    sessions.append(sessionId, request.userId(), turn(request.query(), reflection, answer));
    long nanos = System.nanoTime() - startNanos;
    metrics.record(reflection, nanos);
    return QueryResponse.of(sessionId, reflection, answer, nanos / 1e6);
  }

  /** What the session remembers of a query; built from the engine's values, not the response. */
  private static Turn turn(String query, Reflection reflection, Answer answer) {
    if (reflection instanceof Reflection.Completed done) {
      return new Turn(
          0,
          query,
          answer.text(),
          answer.source().label(),
          QueryResponse.ANSWERED,
          done.navigation().dimensions().stream().map(d -> d.dimension().name()).toList(),
          QueryResponse.hz(done.interference().dominantFrequency()),
          done.iterations().count(),
          Instant.now());
    }
    return new Turn(
        0,
        query,
        answer.text(),
        answer.source().label(),
        QueryResponse.REDIRECTED,
        List.of(),
        null,
        0,
        Instant.now());
  }
}
