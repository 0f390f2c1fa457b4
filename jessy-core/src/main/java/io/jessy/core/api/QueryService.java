package io.jessy.core.api;

import io.jessy.core.ops.JessyMetrics;
import io.jessy.core.session.SessionStore;
import io.jessy.core.session.Turn;
import io.jessy.engine.Answer;
import io.jessy.engine.AnswerGenerator;
import io.jessy.engine.Pipeline;
import io.jessy.engine.Reflection;
import io.jessy.engine.StepObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a query through the engine and remembers it. The two steps are separate so the stream can
 * send the reflection before a slow generator answers; the turn is stored before anything reports
 * success.
 */
@ApplicationScoped
public class QueryService {

  private static final Logger LOG = Logger.getLogger(QueryService.class);

  private final Pipeline pipeline;
  private final AnswerGenerator generator;
  private final SessionStore sessions;
  private final JessyMetrics metrics;
  private final StepObserver steps;

  public QueryService(
      Pipeline pipeline,
      AnswerGenerator generator,
      SessionStore sessions,
      JessyMetrics metrics,
      StepObserver steps) {
    this.pipeline = pipeline;
    this.generator = generator;
    this.sessions = sessions;
    this.metrics = metrics;
    this.steps = steps;
  }

  /** Asks on behalf of {@code principal}, the caller whose sessions these are. */
  public QueryResponse ask(String principal, QueryRequest request) {
    long start = System.nanoTime();
    Reflection reflection = reflect(principal, request);
    return remember(principal, request, reflection, generate(reflection), start);
  }

  /**
   * Also refuses, before any work, a session the caller does not have (404) or that belongs to
   * another of its users (409).
   */
  public Reflection reflect(String principal, QueryRequest request) {
    if (request.sessionId() != null) {
      sessions.checkOwner(principal, request.sessionId(), request.userId());
    }
    return pipeline.reflect(request.query(), request.maxIterations(), steps);
  }

  /** The answer to a reflection: the generator's, or the safety redirect. May be slow (a model). */
  public Answer generate(Reflection reflection) {
    return steps.step("answer", () -> Pipeline.answer(reflection, generator));
  }

  /**
   * Stores the turn (in a new session, with an unguessable id, when the request names none),
   * records metrics; returns what the client receives.
   */
  public QueryResponse remember(
      String principal,
      QueryRequest request,
      Reflection reflection,
      Answer answer,
      long startNanos) {
    Turn turn = turn(request.query(), reflection, answer);
    boolean fresh = request.sessionId() == null;
    String sessionId = fresh ? UUID.randomUUID().toString() : request.sessionId();
    steps.step(
        "store",
        () ->
            fresh
                ? sessions.start(principal, sessionId, request.userId(), turn)
                : sessions.append(principal, sessionId, request.userId(), turn));
    long nanos = System.nanoTime() - startNanos;
    metrics.record(reflection, nanos);
    LOG.debugf(
        "turn stored in session %s: %s by %s in %.1f ms",
        sessionId,
        reflection instanceof Reflection.Completed ? "answered" : "redirected",
        answer.source().label(),
        nanos / 1e6);
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
