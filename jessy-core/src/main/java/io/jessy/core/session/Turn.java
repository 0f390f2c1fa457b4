package io.jessy.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One question and answer in a session, as remembered.
 *
 * @param seq the turn's position in its session, from 1; 0 until the store assigns it
 * @param dominantFrequency null when the safety gate redirected the query
 */
public record Turn(
    int seq,
    String query,
    String answer,
    String answerSource,
    String outcome,
    List<String> dimensions,
    Double dominantFrequency,
    int iterations,
    Instant createdAt) {

  public Turn {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(answerSource, "answerSource");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(createdAt, "createdAt");
    dimensions = List.copyOf(dimensions);
  }

  /** This turn as a store keeps it: numbered {@code seq} in its session, stored at {@code at}. */
  public Turn stored(int seq, Instant at) {
    return new Turn(
        seq, query, answer, answerSource, outcome, dimensions, dominantFrequency, iterations, at);
  }
}
