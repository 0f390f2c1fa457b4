package io.jessy.core.api;

import io.jessy.engine.IterationProcessor;
import io.jessy.web.ApiException;
import java.util.regex.Pattern;

/**
 * A validated query: {@code query} 1–10 000 characters after trimming (and stored trimmed), ids of
 * 1–64 characters from {@code [A-Za-z0-9_-]}, {@code maxIterations} 1–9 (9 when absent). Invalid
 * input fails here with a 400 that names the field.
 */
public record QueryRequest(String query, String sessionId, String userId, Integer maxIterations) {

  public static final int MAX_QUERY_LENGTH = 10_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public QueryRequest {
    if (query == null) {
      throw ApiException.badRequest("Field \"query\" is required.");
    }
    query = query.strip();
    int length = query.codePointCount(0, query.length());
    if (length == 0) {
      throw ApiException.badRequest("Field \"query\" must not be empty.");
    }
    if (length > MAX_QUERY_LENGTH) {
      throw ApiException.badRequest(
          "Field \"query\" must be at most "
              + MAX_QUERY_LENGTH
              + " characters, got "
              + length
              + ".");
    }
    requireId("session_id", sessionId);
    requireId("user_id", userId);
    if (maxIterations == null) {
      maxIterations = IterationProcessor.MAX_ITERATIONS;
    } else if (maxIterations < 1 || maxIterations > IterationProcessor.MAX_ITERATIONS) {
      throw ApiException.badRequest(
          "Field \"max_iterations\" must be between 1 and "
              + IterationProcessor.MAX_ITERATIONS
              + ".");
    }
  }

  /** Checks an id from a path or body; null is allowed (absent). */
  public static void requireId(String field, String id) {
    if (id != null && !ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "Field \"" + field + "\" must be 1-64 characters of letters, digits, '_' or '-'.");
    }
  }
}
