package io.jessy.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What the real jessy-core answers, for stubs that stand in for it: the gateway's answers pass them
 * through, and every exchange of these tests is held to the API contract, so a stub must answer as
 * the core does. Captured from a running core (src/test/resources/core-answers): {@code POST
 * /api/v1/query} and {@code GET /api/v1/query/stream} with "I feel sad and lonely" and two
 * iterations, the session that made, and {@code GET /api/v1/dimensions}.
 */
public final class CoreAnswers {

  public static final String QUERY = read("query.json");
  public static final String STREAM = read("stream.txt");
  public static final String SESSION = read("session.json");
  public static final String DIMENSIONS = read("dimensions.json");

  private CoreAnswers() {}

  private static String read(String name) {
    try (InputStream in = CoreAnswers.class.getResourceAsStream("/core-answers/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
